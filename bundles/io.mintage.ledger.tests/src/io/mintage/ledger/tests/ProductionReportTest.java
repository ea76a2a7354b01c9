package io.mintage.ledger.tests;

import static io.mintage.ledger.tests.Ledgers.JOB;
import static io.mintage.ledger.tests.Ledgers.RANGE;
import static io.mintage.ledger.tests.Ledgers.execute;
import static io.mintage.ledger.tests.Ledgers.recordsFor;
import static io.mintage.ledger.tests.Ledgers.uid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerEventTypes;
import io.mintage.ledger.LedgerException;
import io.mintage.trust.ProductionReport;
import io.mintage.trust.ReportEvent;

/**
 * Production reports from the ledger, signed by a station certificate the authority issued, read back
 * by the admin's reader against the authority: each continues the chain where the last recorded one
 * ended.
 */
class ProductionReportTest {

	private static final UUID FIRST = UUID.fromString("0b7e3d2c-1111-4222-8333-444455556661");
	private static final UUID SECOND = UUID.fromString("0b7e3d2c-1111-4222-8333-444455556662");
	private static final UUID THIRD = UUID.fromString("0b7e3d2c-1111-4222-8333-444455556663");

	@TempDir
	static Path keys;

	private static StationKeys stationKeys;

	@TempDir
	Path folder;

	@BeforeAll
	static void keys() throws Exception {
		stationKeys = new StationKeys(keys);
	}

	@AfterAll
	static void closeKeys() {
		stationKeys.close();
	}

	private Ledger open() throws LedgerException {
		// the report is signed at the ledger clock's time, which the station certificate must cover
		return Ledger.open(folder.resolve("ledger.db"),
				new SteppingClock(Instant.now().truncatedTo(ChronoUnit.SECONDS), 1000));
	}

	@Test
	void eachReportHoldsTheEventsSinceTheLastAndContinuesItsChain() throws Exception {
		try (Ledger ledger = open()) {
			ledger.append(LedgerEventTypes.JOB_ACCEPTED, JOB, Optional.empty(), OptionalLong.empty(), Optional.empty(),
					Optional.of("Thermostat T1, March batch"));
			authorize(ledger, 1, 3);
			ledger.checkpoint(stationKeys.checkpointSigner());

			ProductionReport first = read(ledger.report(stationKeys.stationSigner, FIRST));
			assertEquals(FIRST, first.reportId());
			assertArrayEquals(new byte[32], first.previousChainHash());
			assertEquals(Ledgers.all(ledger), first.events());
			assertArrayEquals(ledger.lastChainHash(), first.lastChainHash());
			ledger.reported(first);

			authorize(ledger, 4, 6);
			ledger.append(LedgerEventTypes.DEVICE_COMPLETED, JOB, Optional.of(uid(4)), OptionalLong.of(65539),
					Optional.empty(), Optional.empty());
			ProductionReport second = read(ledger.report(stationKeys.stationSigner, SECOND));
			assertEquals(List.of(6L, 7L, 8L, 9L), second.events().stream().map(ReportEvent::sequence).toList());
			assertArrayEquals(first.lastChainHash(), second.previousChainHash());
			assertArrayEquals(ledger.lastChainHash(), second.lastChainHash());
			List<ReportEvent> since = new java.util.ArrayList<>();
			ledger.forEach(6, since::add);
			assertEquals(since, second.events());
			ledger.reported(second);

			// nothing new: an empty report that still names where the chain stands
			ProductionReport third = read(ledger.report(stationKeys.stationSigner, THIRD));
			assertEquals(List.of(), third.events());
			assertArrayEquals(second.lastChainHash(), third.previousChainHash());
			assertArrayEquals(second.lastChainHash(), third.lastChainHash());
			ledger.reported(third);

			assertEquals(new Ledger.Verification(9, 1, Optional.empty()), ledger.verify(stationKeys.station));
		}
	}

	@Test
	void aReadOnlyViewPreviewsTheReportWhileTheStationRuns() throws Exception {
		try (Ledger ledger = open()) {
			authorize(ledger, 1, 2);
			ledger.reported(ledger.report(stationKeys.stationSigner, FIRST));
			authorize(ledger, 3, 5);
			try (Ledger view = Ledger.openReadOnly(ledger.file())) {
				ProductionReport preview = read(view.report(stationKeys.stationSigner, SECOND));
				assertEquals(List.of(3L, 4L, 5L), preview.events().stream().map(ReportEvent::sequence).toList());
				LedgerException e = assertThrows(LedgerException.class, () -> view.reported(preview));
				assertEquals("the ledger " + ledger.file() + " is open read-only here: it cannot record a report",
						e.getMessage());
			}
		}
	}

	@Test
	void aReportIsRecordedOnceAndOnlyWhereTheLastOneEnded() throws Exception {
		try (Ledger ledger = open()) {
			authorize(ledger, 1, 2);
			ProductionReport first = ledger.report(stationKeys.stationSigner, FIRST);
			ProductionReport alsoFirst = ledger.report(stationKeys.stationSigner, SECOND);
			ledger.reported(first);

			LedgerException e = assertThrows(LedgerException.class, () -> ledger.reported(first));
			assertEquals("the ledger " + ledger.file() + " has recorded report " + FIRST + " already", e.getMessage());
			e = assertThrows(LedgerException.class, () -> ledger.reported(alsoFirst));
			assertEquals("report " + SECOND + " does not continue the last report recorded in the ledger "
					+ ledger.file() + " (it starts from another chain hash than event 2 ended with): was another report"
					+ " made since?", e.getMessage());
		}
	}

	@Test
	void aChangedRowStopsTheReportAndARecordedReportKeepsTheLedgerHonest() throws Exception {
		Path file;
		try (Ledger ledger = open()) {
			file = ledger.file();
			authorize(ledger, 1, 5);
			ledger.reported(ledger.report(stationKeys.stationSigner, FIRST));
			authorize(ledger, 6, 7);
		}
		try (Connection raw = Ledgers.raw(file)) {
			execute(raw, "DROP TRIGGER events_no_update");
			execute(raw, "UPDATE events SET detail = 'site 2' WHERE sequence = 6");
		}
		try (Ledger ledger = Ledger.openReadOnly(file)) {
			LedgerException e = assertThrows(LedgerException.class,
					() -> ledger.report(stationKeys.stationSigner, SECOND));
			assertEquals("the ledger " + file + " is damaged: event 6: its chain hash does not match its content (the row"
					+ " was changed); no report is made (run verify)", e.getMessage());
		}
		// the events a report held cannot silently go: verify names them even at the end of the ledger
		try (Connection raw = Ledgers.raw(file)) {
			execute(raw, "DROP TRIGGER events_no_delete");
			execute(raw, "DELETE FROM events WHERE sequence >= 4");
		}
		try (Ledger ledger = Ledger.openReadOnly(file)) {
			assertEquals(Optional.of("events 4 to 5 are missing: report " + FIRST + " holds them"),
					ledger.verify(stationKeys.station).problem());
		}
	}

	private static void authorize(Ledger ledger, int from, int to) throws LedgerException {
		for (int n = from; n <= to; n++) {
			ledger.authorize(JOB, RANGE, uid(n), "site 1", recordsFor(uid(n)));
		}
	}

	/** What the admin does on import: read the file strictly against the authority certificate. */
	private static ProductionReport read(ProductionReport issued) throws Exception {
		return ProductionReport.read(issued.encoded(), stationKeys.authority);
	}
}
