package dev.springmfa.totp;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link QrCodes}.
 */
class QrCodesTests {

	private static final String PREFIX = "data:image/png;base64,";

	private static final String URI = "otpauth://totp/ACME%20Co:alice%40example.com"
			+ "?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30";

	@Test
	void pngDataUriWhenTextGivenThenPngOfRequestedSize() throws Exception {
		String dataUri = QrCodes.pngDataUri(URI, 240);
		assertThat(dataUri).startsWith(PREFIX);
		BufferedImage image = readPng(dataUri);
		assertThat(image.getWidth()).isEqualTo(240);
		assertThat(image.getHeight()).isEqualTo(240);
	}

	@Test
	void pngDataUriWhenDecodedThenReturnsOriginalText() throws Exception {
		BufferedImage image = readPng(QrCodes.pngDataUri(URI, 300));
		int width = image.getWidth();
		int height = image.getHeight();
		int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
		BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
		String text = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
		assertThat(text).isEqualTo(URI);
	}

	@Test
	void pngDataUriWhenSizeNotPositiveThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> QrCodes.pngDataUri(URI, 0));
	}

	private static BufferedImage readPng(String dataUri) throws IOException {
		byte[] png = Base64.getDecoder().decode(dataUri.substring(PREFIX.length()));
		// The PNG signature proves the bytes are a PNG, not just any format ImageIO reads
		assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(image).isNotNull();
		return image;
	}

}
