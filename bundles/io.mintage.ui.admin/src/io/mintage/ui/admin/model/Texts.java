package io.mintage.ui.admin.model;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

import io.mintage.admin.CheckOutcome;
import io.mintage.admin.ImportedReport;
import io.mintage.admin.Quota;
import io.mintage.admin.ReportCheckResult;
import io.mintage.admin.Royalty;
import io.mintage.admin.Station;

/**
 * How the admin views write dates, validity, serial ranges, royalties and ids — one place, so every view
 * (and the product test reading them) says them alike. Dates are UTC days, as the commands take them
 * ({@code --valid-until 2027-06-30} is the end of that day in UTC).
 */
public final class Texts {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

	private Texts() {
	}

	/** {@code 2027-06-30}. */
	public static String date(Instant instant) {
		return DATE.format(instant);
	}

	/** {@code 2027-06-30 14:05} (UTC). */
	public static String time(Instant instant) {
		return TIME.format(instant);
	}

	/**
	 * When something ends, seen from {@code now}: {@code 2031-01-04 (in 1825 days)}, {@code 2026-02-01
	 * (today)}, {@code 2025-01-01 (expired)}.
	 */
	public static String ends(Instant end, Instant now) {
		if (!end.isAfter(now)) {
			return date(end) + " (expired)";
		}
		long days = Duration.between(now, end).toDays();
		return date(end) + (days == 0 ? " (today)" : days == 1 ? " (in 1 day)" : " (in " + days + " days)");
	}

	/** A station's certificate end as {@link #ends}, or "unknown" for a station known from a revocation alone. */
	public static String expiry(Station station, Instant now) {
		return station.notAfter().map(end -> ends(end, now)).orElse("unknown");
	}

	/** {@code Active}, or {@code Revoked 2026-03-01 (key-compromise)}. */
	public static String status(Station station) {
		return station.revocation()
				.map(revocation -> "Revoked " + date(revocation.revokedAt()) + " (" + revocation.reason() + ")")
				.orElse("Active");
	}

	/** {@code 1 to 5}, or the one serial. */
	public static String serials(Quota quota) {
		return quota.count() == 1 ? Long.toString(quota.firstSerial())
				: quota.firstSerial() + " to " + quota.lastSerial();
	}

	/** {@code 0.125 EUR}, or {@code none}. */
	public static String royalty(Optional<Royalty> royalty) {
		return royalty.map(Royalty::toString).orElse("none");
	}

	/** The first 8 hex digits of an id, enough to tell the rows of one table apart. */
	public static String shortId(UUID id) {
		return id.toString().substring(0, 8);
	}

	/** {@code 5 of 5 left}. */
	public static String left(AdminView.QuotaView quota) {
		return quota.left() + " of " + quota.quota().count() + " left";
	}

	/**
	 * What an import came to, in one line: the station, when it signed, the verdict and what was counted —
	 * or that the same report was imported before and counted nothing again.
	 */
	public static String imported(ImportedReport report, Path file) {
		String what = "Report of " + report.station() + " signed " + time(report.signedAt()) + " UTC (" + file.getFileName()
				+ ")";
		if (report.alreadyImported()) {
			return what + " was imported before, on " + time(report.importedAt()) + " UTC: nothing is counted again.";
		}
		String verdict = switch (report.status()) {
		case ACCEPTED -> "accepted";
		case FLAGGED -> "accepted and flagged for a look";
		case REJECTED -> "rejected";
		};
		String first = report.checks().stream().filter(check -> check.outcome() != CheckOutcome.PASS).findFirst()
				.map(check -> " " + check.id() + ": " + check.summary()).orElse("");
		return what + " imported, " + verdict + ": " + report.counts().counted() + " devices counted." + first;
	}

	/** {@code PASS}, {@code WARN} or {@code FAIL} with the check's summary. */
	public static String check(ReportCheckResult check) {
		return check.outcome() + ": " + check.summary();
	}

	/** A long hex text (a SHA-256) as its first and last 8 digits, for a table column. */
	public static String abbreviated(String hex) {
		return hex.length() <= 20 ? hex : hex.substring(0, 8) + "…" + hex.substring(hex.length() - 8);
	}
}
