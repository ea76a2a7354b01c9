package io.mintage.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a production report says before its first event: its id, the station certificate that signed
 * it (already checked against the authority at {@code signedAt}), the chain hash it continues and its
 * signing time. Handed to {@link ReportImport#begin} inside the import: like the events, it counts only
 * once the import commits.
 */
public record ReportHeader(UUID reportId, X509Certificate station, byte[] previousChainHash, Instant signedAt) {

	public ReportHeader {
		Objects.requireNonNull(reportId, "reportId");
		Objects.requireNonNull(station, "station");
		Objects.requireNonNull(signedAt, "signedAt");
		previousChainHash = previousChainHash.clone();
	}

	@Override
	public byte[] previousChainHash() {
		return previousChainHash.clone();
	}
}
