package io.mintage.admin;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.mintage.trust.EnrolmentRequest;
import io.mintage.trust.RevocationList;

/** The stations the authority enrolled, their certificates and their revocations. */
public interface Stations {

	/**
	 * Issues the station certificate for an enrolment request (which proved the station holds its key),
	 * valid until {@code notAfter} or, when empty, 5 years (at most the CA's end), and records it.
	 */
	Station enrol(EnrolmentRequest request, Optional<Instant> notAfter) throws AdminException;

	/** Every station, in the order they were enrolled. */
	List<Station> list() throws AdminException;

	/** The station with this certificate serial (hex, any case). */
	Optional<Station> find(String serial) throws AdminException;

	/**
	 * The station of a certificate someone hands over: checked against the authority (signature, validity)
	 * and recorded when the database did not know it yet (enrolled by a copy of this folder, say).
	 */
	Station identify(X509Certificate certificate) throws AdminException;

	/** Records the revocation (reason: see {@code RevocationList.Entry}); refuses a station revoked already. */
	Station revoke(String serial, String reason) throws AdminException;

	/**
	 * Signs a new revocation list of every revoked station, numbered one above the last, which stations
	 * should expect to be replaced after {@code validity}.
	 */
	RevocationList revocationList(Duration validity) throws AdminException;
}
