package io.mintage.station.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.mintage.ledger.Ledger;

/**
 * The station's production, as a service the commands and the operator's UI share: the accepted jobs,
 * and a session that holds one job's engine, keys and ledger open for a run. {@code station} is the
 * station's state folder ({@code $MINTAGE_HOME/station}).
 */
public interface Production {

	/** One accepted job as a list shows it. */
	record JobSummary(UUID id, String name, String product, String family, String firmwareVersion, long count,
			long used, java.time.Instant validUntil) {
	}

	/** The accepted jobs of the station whose state is in {@code station}, oldest first, with their quota use. */
	List<JobSummary> jobs(Path station) throws ProductionException;

	/**
	 * Opens a run of a job: the one named, or the only accepted one. Holds the station's keys and the
	 * ledger (exclusively: a second station process on the same state is refused) until closed.
	 */
	Session open(Path station, Optional<UUID> jobId, ProductionEngine.Options options) throws ProductionException;

	/**
	 * Opens a run of several jobs at once, one per MCU family: each chip goes to the job of its family.
	 * An empty list means every accepted job that can be used now (valid, station not revoked, serials
	 * left), refused when two of them make devices of one family.
	 */
	Session open(Path station, List<UUID> jobIds, ProductionEngine.Options options) throws ProductionException;

	/**
	 * Writes a signed production report of the events since the last report to {@code file} (0600,
	 * atomically) and records it in the ledger, so the next report continues it; for when no run is open
	 * (a run reports through {@link Session#report}).
	 *
	 * @return the number of events in the report
	 */
	long report(Path station, Path file) throws ProductionException;

	/** One open run. Closing it writes a ledger checkpoint and releases keys and ledger. */
	interface Session extends AutoCloseable {

		ProductionEngine engine();

		/** The ledger of this station, for counters and the event log. */
		Ledger ledger();

		/**
		 * Writes a signed production report of the events since the last report to {@code file} (0600,
		 * atomically) and records it in the ledger, so the next report continues it.
		 *
		 * @return the number of events in the report
		 */
		long report(Path file) throws ProductionException;

		@Override
		void close() throws ProductionException;
	}
}
