package io.mintage.admin;

/**
 * What a report holds and what it counted.
 *
 * @param events                   events in the report
 * @param authorized               devices authorized (a quota serial handed out)
 * @param completed                devices whose programming completed with a signed record
 * @param reworks                  devices programmed again with a UID already completed under the same job
 * @param failedAfterAuthorization devices authorized and never completed
 * @param refused                  devices the station refused before authorizing them
 * @param counted                  devices this report adds to the royalty count (0 for a rejected report)
 */
public record ReportCounts(long events, long authorized, long completed, long reworks, long failedAfterAuthorization,
		long refused, long counted) {

	public static final ReportCounts NONE = new ReportCounts(0, 0, 0, 0, 0, 0, 0);
}
