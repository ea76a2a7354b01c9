package io.mintage.admin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One check's result on one report.
 *
 * @param id           the check's id, persisted and never renamed (docs/formats.md, "Report checks"): one of
 *                     the constants below
 * @param summary      one plain-words line
 * @param findings     the first {@value #MAX_FINDINGS} findings, each naming the sequence, UID, serial and
 *                     station as relevant
 * @param findingCount how many findings there were in all
 * @param waivedFor    present when the check failed and the administrator waived it
 *                     ({@link ReportWaiver}): the reason given; the outcome is then {@link CheckOutcome#WARN}
 */
public record ReportCheckResult(String id, CheckOutcome outcome, String summary, List<String> findings,
		long findingCount, Optional<String> waivedFor) {

	/** The CMS signature over the whole content holds and its signer is a station certified by this authority. */
	public static final String SIGNATURE = "signature";
	/** The signing station is enrolled here. */
	public static final String STATION = "station";
	/** Nothing in the report was signed after the station's revocation. */
	public static final String REVOCATION = "revocation";
	/** The hash chain inside the report holds, and so do its checkpoint signatures. */
	public static final String CHAIN = "chain";
	/** The report continues the last accepted report of its station (the first one starts at the genesis value). */
	public static final String CONTINUITY = "continuity";
	/** Every device record's signatures and fields. */
	public static final String RECORDS = "records";
	/** Every serial within its quota's range. */
	public static final String SERIAL_RANGE = "serial-range";
	/** The devices of a quota, over all reports, are not beyond its count. */
	public static final String QUOTA_COUNT = "quota-count";
	/** No UID or serial of a product already counted under another station or another quota. */
	public static final String DUPLICATES = "duplicates";
	/** Informational: devices programmed again with the same UID. */
	public static final String REWORKS = "reworks";
	/** Devices authorized and never completed. */
	public static final String FAILURES_AFTER_AUTHORIZATION = "failures-after-authorization";

	/** Every check id, in the order the checks are shown. */
	public static final List<String> IDS = List.of(SIGNATURE, STATION, REVOCATION, CHAIN, CONTINUITY, RECORDS,
			SERIAL_RANGE, QUOTA_COUNT, DUPLICATES, REWORKS, FAILURES_AFTER_AUTHORIZATION);

	/** At most this many findings are kept per check; {@link #findingCount} says how many there were. */
	public static final int MAX_FINDINGS = 100;

	public ReportCheckResult {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(outcome, "outcome");
		Objects.requireNonNull(summary, "summary");
		findings = List.copyOf(findings);
		if (findingCount < findings.size()) {
			throw new IllegalArgumentException("a check has at least as many findings as it lists: " + findingCount);
		}
		Objects.requireNonNull(waivedFor, "waivedFor");
		if (waivedFor.isPresent() && outcome != CheckOutcome.WARN) {
			throw new IllegalArgumentException("a waived check is a warning, not " + outcome);
		}
	}

	/** A result no one waived. */
	public ReportCheckResult(String id, CheckOutcome outcome, String summary, List<String> findings,
			long findingCount) {
		this(id, outcome, summary, findings, findingCount, Optional.empty());
	}

	public boolean waived() {
		return waivedFor.isPresent();
	}

	/**
	 * This result under {@code waiver}: a failure it names becomes a warning that says it was waived and
	 * why, its findings kept; anything else is returned as it is.
	 */
	public ReportCheckResult under(ReportWaiver waiver) {
		if (outcome != CheckOutcome.FAIL || !waiver.waives(id)) {
			return this;
		}
		return new ReportCheckResult(id, CheckOutcome.WARN, "waived by the administrator (" + waiver.reason() + "): "
				+ summary, findings, findingCount, Optional.of(waiver.reason()));
	}
}
