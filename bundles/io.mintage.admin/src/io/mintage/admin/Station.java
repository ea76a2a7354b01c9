package io.mintage.admin;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A station the authority enrolled: its certificate's serial number (lower-case hex, as in
 * {@code stations/<serial>.pem}), subject and certificate, when it expires, when it was enrolled and, if
 * so, its revocation. The certificate is absent only for a station known from an imported revocation
 * register alone.
 */
public record Station(String serial, String subject, Optional<byte[]> certificateDer, Optional<Instant> notAfter,
		Instant enrolledAt, Optional<Revocation> revocation) {

	/** When and why a station was revoked ({@code reason}: a name of {@code RevocationList.Entry}). */
	public record Revocation(Instant revokedAt, String reason) {
		public Revocation {
			Objects.requireNonNull(revokedAt, "revokedAt");
			Objects.requireNonNull(reason, "reason");
		}
	}

	public Station {
		Objects.requireNonNull(serial, "serial");
		Objects.requireNonNull(subject, "subject");
		certificateDer = certificateDer.map(byte[]::clone);
		Objects.requireNonNull(notAfter, "notAfter");
		Objects.requireNonNull(enrolledAt, "enrolledAt");
		Objects.requireNonNull(revocation, "revocation");
	}

	@Override
	public Optional<byte[]> certificateDer() {
		return certificateDer.map(byte[]::clone);
	}

	public Optional<X509Certificate> certificate() {
		return certificateDer.map(AuthorityInfo.Certificates::parse);
	}

	public boolean revoked() {
		return revocation.isPresent();
	}

	/** The station's name: the CN of its subject, or the whole subject when it has none. */
	public String name() {
		return commonName(subject);
	}

	/** The CN of an RFC 2253 subject (a station's, an authority's), or the whole subject when it has none. */
	public static String commonName(String subject) {
		for (String part : subject.split(",")) {
			if (part.trim().startsWith("CN=")) {
				return part.trim().substring(3);
			}
		}
		return subject;
	}
}
