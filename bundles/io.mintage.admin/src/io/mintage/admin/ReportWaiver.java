package io.mintage.admin;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The administrator's decision to count a report despite some failed checks, with the reason, given when
 * the report is imported (again). A waived check that failed is recorded as a warning with the reason, so
 * the report is flagged instead of rejected, counts its devices and becomes what the station's next
 * report must continue. It resolves, for example, a report rejected because it counts beyond its quota
 * (the devices were made: the royalty is owed) or, waiving {@code continuity}, a station's report after
 * one that was rejected and is not to be counted.
 *
 * <p>
 * Only the checks that judge what a report says can be waived; the ones that judge whether the station
 * said it ({@code signature}, {@code station}, {@code chain}) and the administrator's own revocation
 * cannot. A waiver never makes a device count without an authorization carrying a verified record.
 *
 * @param checks the check ids waived, each in {@link #WAIVABLE}
 * @param reason why, in the administrator's words: recorded with each waived check and in the audit log
 */
public record ReportWaiver(Set<String> checks, String reason) {

	/** The checks a waiver may name, in the order they are shown. */
	public static final List<String> WAIVABLE = List.of(ReportCheckResult.CONTINUITY, ReportCheckResult.RECORDS,
			ReportCheckResult.SERIAL_RANGE, ReportCheckResult.QUOTA_COUNT, ReportCheckResult.DUPLICATES);

	/** No check waived. */
	public static final ReportWaiver NONE = new ReportWaiver(Set.of(), "");

	public ReportWaiver {
		Objects.requireNonNull(reason, "reason");
		checks = Set.copyOf(checks);
		for (String check : checks) {
			if (!WAIVABLE.contains(check)) {
				throw new IllegalArgumentException(ReportCheckResult.IDS.contains(check)
						? "the check '" + check + "' cannot be waived: only " + String.join(", ", WAIVABLE) + " can"
						: "there is no check '" + check + "'; the ones that can be waived: " + String.join(", ", WAIVABLE));
			}
		}
		if (!checks.isEmpty() && reason.isBlank()) {
			throw new IllegalArgumentException("say why the checks " + String.join(", ", new TreeSet<>(checks))
					+ " are waived: the reason is recorded with the report");
		}
	}

	/** A waiver of {@code checks} for {@code reason}; the checks' ids as {@link #WAIVABLE} names them. */
	public static ReportWaiver of(Collection<String> checks, String reason) {
		return new ReportWaiver(Set.copyOf(checks), reason.strip());
	}

	public boolean waives(String check) {
		return checks.contains(check);
	}

	public boolean isEmpty() {
		return checks.isEmpty();
	}
}
