package dev.springmfa.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.Assert;

/**
 * Reads the PEM keys of {@code mfa.jwt}, given inline or as a resource location. Boot's
 * {@link PemContent} reads private keys and certificates but not a bare public key, so
 * that one is decoded here.
 */
final class PemKeys {

	private PemKeys() {
	}

	static String text(String value, ResourceLoader resourceLoader) throws IOException {
		return PemContent.isPresentInText(value) ? value
				: resourceLoader.getResource(value.trim()).getContentAsString(StandardCharsets.UTF_8);
	}

	static PublicKey publicKey(String value, String algorithm, ResourceLoader resourceLoader)
			throws IOException, GeneralSecurityException {
		String text = text(value, resourceLoader);
		if (text.contains("-----BEGIN CERTIFICATE-----")) {
			PemContent pem = PemContent.of(text);
			Assert.state(pem != null, "No certificate");
			return pem.getCertificates().get(0).getPublicKey();
		}
		String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
		return KeyFactory.getInstance(algorithm)
			.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
	}

}
