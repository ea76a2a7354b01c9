package io.mintage.station.internal;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;

import io.mintage.core.command.CommandException;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.JobPackage;
import io.mintage.trust.RevocationList;
import io.mintage.trust.TrustException;

/**
 * What must hold for this station to use a job, at accept and again at every record: its own
 * certificate valid and not revoked, and the quota meant for it and within its validity.
 */
final class JobChecks {

	private JobChecks() {
	}

	static void usable(JobPackage job, X509Certificate station, X509Certificate authority,
			Optional<RevocationList> revocations, Clock clock) throws CommandException {
		try {
			AuthorityCertificates.verifyStation(station, authority, clock);
			if (revocations.isPresent()) {
				var entry = revocations.get().entryFor(station);
				if (entry.isPresent()) {
					throw CommandException.failed("this station's certificate "
							+ station.getSubjectX500Principal().getName() + " was revoked on " + entry.get().revokedAt()
							+ " (" + entry.get().reason() + "); job '" + job.name() + "' cannot be used");
				}
			}
			job.quota().checkFor(station, clock.instant());
		} catch (TrustException e) {
			throw CommandException.failed("job '" + job.name() + "' (" + job.jobId() + ") cannot be used: "
					+ e.getMessage(), e);
		}
	}
}
