package io.mintage.admin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A production report as imported: who signed it and when, the file's SHA-256, the verdict, every check's
 * result and what it counted.
 *
 * @param station         the signing station's name (its certificate's CN)
 * @param stationSerial   the signing station's certificate serial (lower-case hex), as the commands name stations
 * @param fileName        the name of the file imported (no folder)
 * @param alreadyImported true when this import found the same report imported before and recorded nothing
 */
public record ImportedReport(UUID reportId, String station, String stationSerial, Instant signedAt, Instant importedAt,
		String fileName, String fileSha256, ReportStatus status, List<ReportCheckResult> checks, ReportCounts counts,
		boolean alreadyImported) {

	public ImportedReport {
		Objects.requireNonNull(reportId, "reportId");
		Objects.requireNonNull(station, "station");
		Objects.requireNonNull(stationSerial, "stationSerial");
		Objects.requireNonNull(signedAt, "signedAt");
		Objects.requireNonNull(importedAt, "importedAt");
		Objects.requireNonNull(fileName, "fileName");
		Objects.requireNonNull(fileSha256, "fileSha256");
		Objects.requireNonNull(status, "status");
		checks = List.copyOf(checks);
		Objects.requireNonNull(counts, "counts");
	}

	/** The result of the check {@code id} (one of {@link ReportCheckResult}'s ids), if it ran. */
	public Optional<ReportCheckResult> check(String id) {
		return checks.stream().filter(check -> check.id().equals(id)).findFirst();
	}

	/** This import, marked as found again by a later import of the same file. */
	public ImportedReport asAlreadyImported() {
		return new ImportedReport(reportId, station, stationSerial, signedAt, importedAt, fileName, fileSha256, status,
				checks, counts, true);
	}
}
