package dev.springmfa.totp;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import org.springframework.util.Assert;

/**
 * Renders QR codes as PNG data URIs, so enrollment pages can show them without serving an
 * extra resource.
 *
 * @author springmfa
 */
public final class QrCodes {

	private static final int BLACK = 0xFF000000;

	private static final int WHITE = 0xFFFFFFFF;

	private QrCodes() {
	}

	/**
	 * Render the given text as a QR code.
	 * @param text the text to encode, typically an {@code otpauth://} URI
	 * @param size the width and height of the image in pixels
	 * @return a {@code data:image/png;base64,} URI
	 */
	public static String pngDataUri(String text, int size) {
		Assert.hasText(text, "text cannot be empty");
		Assert.isTrue(size > 0, "size must be positive");
		BufferedImage image = toImage(encode(text, size));
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write QR code image", ex);
		}
		return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
	}

	private static BitMatrix encode(String text, int size) {
		Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
		hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
		// The page around the image provides most of the quiet zone
		hints.put(EncodeHintType.MARGIN, 1);
		hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
		try {
			return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("Could not encode text as a QR code", ex);
		}
	}

	private static BufferedImage toImage(BitMatrix matrix) {
		int width = matrix.getWidth();
		int height = matrix.getHeight();
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, matrix.get(x, y) ? BLACK : WHITE);
			}
		}
		return image;
	}

}
