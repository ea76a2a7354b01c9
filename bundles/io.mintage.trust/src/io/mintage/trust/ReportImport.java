package io.mintage.trust;

/**
 * The caller's side of reading one production report, shaped as a transaction so that nothing of an
 * unverified report can count: the reader calls {@link #begin} with the header, {@link #event} for each
 * event in order, and {@link #commit} only after the signature was found to hold over all of it — a
 * report's signature can only be judged once its last byte is read. When anything fails (a refused
 * report, a file that cannot be read, an exception from this import's own methods) it calls
 * {@link #abandon} instead, and whatever {@code begin} and {@code event} stored must be thrown away
 * (e.g. rolled back with the database transaction they went into). A file refused before its header
 * was read gets {@code abandon} without {@code begin}.
 * <p>
 * All calls come from the thread that called {@link ProductionReportReader#read}, one at a time.
 *
 * @param <T> what a committed import gives back
 */
public interface ReportImport<T> {

	void begin(ReportHeader header);

	void event(CheckedEvent event);

	/** The report is verified: make what {@code begin} and {@code event} stored count. */
	T commit(ReportVerdict verdict);

	/** The report does not count: throw away what {@code begin} and {@code event} stored. */
	void abandon(Exception cause);
}
