package io.mintage.admin;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * The authority as the database keeps it: the CA certificate (DER), its SHA-256 fingerprint (what
 * stations compare), the key location in words (never a secret) and when it was created.
 */
public record AuthorityInfo(String subject, String fingerprint, Instant notAfter, String keyLocation,
		Instant createdAt, byte[] certificateDer) {

	public AuthorityInfo {
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(fingerprint, "fingerprint");
		Objects.requireNonNull(notAfter, "notAfter");
		Objects.requireNonNull(keyLocation, "keyLocation");
		Objects.requireNonNull(createdAt, "createdAt");
		certificateDer = certificateDer.clone();
	}

	@Override
	public byte[] certificateDer() {
		return certificateDer.clone();
	}

	public X509Certificate certificate() {
		return Certificates.parse(certificateDer);
	}

	/** X.509 parsing for the records of this package. */
	static final class Certificates {
		private Certificates() {
		}

		static X509Certificate parse(byte[] der) {
			try {
				return (X509Certificate) CertificateFactory.getInstance("X.509")
						.generateCertificate(new ByteArrayInputStream(der));
			} catch (CertificateException e) {
				// the database holds only certificates that were parsed before they were stored
				throw new IllegalStateException("a stored certificate cannot be read: " + e.getMessage(), e);
			}
		}
	}
}
