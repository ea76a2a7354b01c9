package io.mintage.admin;

/** One check's outcome on one report. */
public enum CheckOutcome {
	PASS,
	/** The report is counted but something in it asks for a look (the report is {@link ReportStatus#FLAGGED}). */
	WARN,
	/** The report is {@link ReportStatus#REJECTED}. */
	FAIL
}
