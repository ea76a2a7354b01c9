package io.mintage.admin.internal;

import java.util.ArrayList;
import java.util.List;

import io.mintage.admin.CheckOutcome;
import io.mintage.admin.ReportCheckResult;

/**
 * What one check found: the first {@value ReportCheckResult#MAX_FINDINGS} findings kept, all counted, so
 * a report with a hundred thousand bad records costs no more memory than one with a hundred.
 */
final class Findings {

	private final List<String> first = new ArrayList<>();
	private long count;

	void add(String finding) {
		count++;
		if (first.size() < ReportCheckResult.MAX_FINDINGS) {
			// one line each: the database keeps them one per line
			first.add(finding.replace('\n', ' ').replace('\r', ' '));
		}
	}

	long count() {
		return count;
	}

	boolean isEmpty() {
		return count == 0;
	}

	ReportCheckResult result(String id, CheckOutcome outcome, String summary) {
		return new ReportCheckResult(id, outcome, summary, first, count);
	}

	/** FAIL with {@code failed} when there are findings, else PASS with {@code passed}. */
	ReportCheckResult failOrPass(String id, String failed, String passed) {
		return isEmpty() ? result(id, CheckOutcome.PASS, passed) : result(id, CheckOutcome.FAIL, failed);
	}

	/** "1 device", "3 devices". */
	static String count(long n, String one, String many) {
		return n + " " + (n == 1 ? one : many);
	}
}
