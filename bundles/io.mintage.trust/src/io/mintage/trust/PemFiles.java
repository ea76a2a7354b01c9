package io.mintage.trust;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import io.mintage.core.io.PrivateFiles;

/**
 * Certificates and certification requests as PEM files (RFC 7468), the form openssl and every CA tool
 * read. Reading is strict: the file must hold exactly one PEM object of the expected type (text outside
 * the PEM block, as {@code openssl x509 -text} writes, is ignored); anything else is refused in plain
 * words naming the file.
 */
public final class PemFiles {

	/** Far larger than any certificate or request Mintage makes; a bigger file is not one. */
	static final long MAX_SIZE = 1 << 20;

	private PemFiles() {
	}

	/** Writes {@code -----BEGIN CERTIFICATE-----}. */
	public static void writeCertificate(Path file, X509Certificate certificate) throws TrustException {
		write(file, certificate, "certificate");
	}

	/** Writes {@code -----BEGIN CERTIFICATE REQUEST-----}. */
	public static void writeRequest(Path file, EnrolmentRequest request) throws TrustException {
		write(file, request.request(), "certification request");
	}

	public static X509Certificate readCertificate(Path file) throws TrustException {
		X509CertificateHolder holder = read(file, X509CertificateHolder.class, "an X.509 certificate",
				"CERTIFICATE");
		try {
			return new JcaX509CertificateConverter().getCertificate(holder);
		} catch (CertificateException e) {
			throw new TrustException("the file " + file + " holds a certificate that cannot be read: " + e.getMessage(),
					e);
		}
	}

	public static EnrolmentRequest readRequest(Path file) throws TrustException {
		return EnrolmentRequest.of(read(file, PKCS10CertificationRequest.class, "a PKCS#10 certification request",
				"CERTIFICATE REQUEST"));
	}

	private static void write(Path file, Object object, String what) throws TrustException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(object);
		} catch (IOException e) {
			throw new TrustException("the " + what + " could not be encoded as PEM: " + e.getMessage(), e);
		}
		try {
			// private and atomic like everything a product writes: never a half-written certificate
			PrivateFiles.writeAtomically(file, text.toString().getBytes(StandardCharsets.US_ASCII));
		} catch (IOException e) {
			throw new TrustException("the " + what + " could not be written to " + file + ": " + e.getMessage(), e);
		}
	}

	private static <T> T read(Path file, Class<T> type, String expected, String label) throws TrustException {
		String refusal = "the file " + file + " is not " + expected + " in PEM form (-----BEGIN " + label + "-----)";
		try {
			if (Files.size(file) > MAX_SIZE) {
				throw new TrustException(refusal + ": it is larger than " + MAX_SIZE + " bytes");
			}
		} catch (NoSuchFileException e) {
			throw new TrustException("the file " + file + " does not exist");
		} catch (IOException e) {
			throw new TrustException("the file " + file + " could not be read: " + e.getMessage(), e);
		}
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
				PEMParser parser = new PEMParser(reader)) {
			Object first = parser.readObject();
			if (first == null) {
				throw new TrustException(refusal + ": it holds no PEM block");
			}
			if (!type.isInstance(first)) {
				throw new TrustException(refusal + ": it holds " + describe(first));
			}
			Object second = parser.readObject();
			if (second != null) {
				throw new TrustException(refusal + ": it holds more than one PEM block");
			}
			return type.cast(first);
		} catch (CharacterCodingException e) {
			throw new TrustException(refusal + ": it is not text (binary DER, perhaps; convert it with openssl)", e);
		} catch (IOException | RuntimeException e) {
			// unknown PEM types, broken base64 and DER, non-ASCII bytes
			throw new TrustException(refusal + ": " + e.getMessage(), e);
		}
	}

	private static String describe(Object object) {
		if (object instanceof X509CertificateHolder) {
			return "a certificate";
		}
		if (object instanceof PKCS10CertificationRequest) {
			return "a certification request";
		}
		String name = object.getClass().getSimpleName();
		if (name.contains("PrivateKey") || name.contains("KeyPair")) {
			return "a private key";
		}
		return "a " + (name.isEmpty() ? "different object" : name);
	}
}
