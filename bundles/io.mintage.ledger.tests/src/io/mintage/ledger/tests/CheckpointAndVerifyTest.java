package io.mintage.ledger.tests;

import static io.mintage.ledger.tests.Ledgers.JOB;
import static io.mintage.ledger.tests.Ledgers.RANGE;
import static io.mintage.ledger.tests.Ledgers.START;
import static io.mintage.ledger.tests.Ledgers.execute;
import static io.mintage.ledger.tests.Ledgers.recordsFor;
import static io.mintage.ledger.tests.Ledgers.uid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerEventTypes;
import io.mintage.trust.ReportEvent;

/**
 * Checkpoints signed by a real station key (P-256 in a software keystore), and what verify finds when
 * the file is changed behind the ledger's back with a plain SQLite connection, as with the sqlite3 shell.
 * The ledger under test: 5 authorizations, checkpoint 6, 3 authorizations, checkpoint 10, 2 more (12).
 */
class CheckpointAndVerifyTest {

	@TempDir
	static Path keys;

	private static StationKeys stationKeys;

	@TempDir
	Path folder;

	private Path file;

	@BeforeAll
	static void keys() throws Exception {
		stationKeys = new StationKeys(keys);
	}

	@AfterAll
	static void closeKeys() {
		stationKeys.close();
	}

	@BeforeEach
	void fill() throws Exception {
		file = folder.resolve("ledger.db");
		try (Ledger ledger = Ledger.open(file, new SteppingClock(START, 1000))) {
			for (int i = 1; i <= 12; i++) {
				if (i == 6 || i == 10) {
					ledger.checkpoint(stationKeys.checkpointSigner());
				} else {
					ledger.authorize(JOB, RANGE, uid(i), "site 1", recordsFor(uid(i)));
				}
			}
		}
	}

	@Test
	void aCheckpointIsTheStationKeysSignatureOverTheChainHashBeforeIt() throws Exception {
		try (Ledger ledger = Ledger.openReadOnly(file)) {
			List<ReportEvent> events = Ledgers.all(ledger);
			ReportEvent checkpoint = events.get(5);
			assertEquals(new ReportEvent(6, LedgerEventTypes.CHECKPOINT, START.plusSeconds(5), new java.util.UUID(0, 0),
					Optional.empty(), OptionalLong.empty(), checkpoint.record(), Optional.of("signs the chain hash of event 5")),
					checkpoint);
			byte[] chain = new byte[32];
			for (ReportEvent event : events.subList(0, 5)) {
				chain = event.chainHash(chain);
			}
			// any ECDSA verifier checks it with the station certificate alone
			Signature ecdsa = Signature.getInstance("SHA256withECDSA");
			ecdsa.initVerify(stationKeys.station.getPublicKey());
			ecdsa.update(chain);
			assertTrue(ecdsa.verify(checkpoint.record().get()));

			assertEquals(new Ledger.Verification(12, 2, Optional.empty()), ledger.verify(stationKeys.station));
		}
	}

	@Test
	void checkpointsOfAnotherKeyDoNotVerify() throws Exception {
		try (Ledger ledger = Ledger.openReadOnly(file)) {
			assertEquals(new Ledger.Verification(12, 2, Optional.of("checkpoint 6: the signature does not verify with the"
					+ " station certificate; checkpoint 10: the signature does not verify with the station certificate")),
					ledger.verify(stationKeys.authority));
		}
	}

	@Test
	void theLedgerRefusesChangesItselfUntilSomeoneDropsItsGuards() throws Exception {
		try (Connection raw = Ledgers.raw(file)) {
			SQLException e = assertThrows(SQLException.class,
					() -> execute(raw, "UPDATE events SET detail = 'site 9' WHERE sequence = 3"));
			assertTrue(e.getMessage().contains("the ledger is append-only: events are never changed"), e.getMessage());
			e = assertThrows(SQLException.class, () -> execute(raw, "DELETE FROM events WHERE sequence = 3"));
			assertTrue(e.getMessage().contains("the ledger is append-only: events are never deleted"), e.getMessage());
		}
	}

	@Test
	void aChangedRowIsNamed() throws Exception {
		try (Connection raw = Ledgers.raw(file)) {
			execute(raw, "DROP TRIGGER events_no_update");
			execute(raw, "UPDATE events SET detail = 'site 9' WHERE sequence = 3");
		}
		assertProblem("event 3: its chain hash does not match its content (the row was changed)");
	}

	@Test
	void deletedRowsAreNamed() throws Exception {
		try (Connection raw = Ledgers.raw(file)) {
			execute(raw, "DROP TRIGGER events_no_delete");
			execute(raw, "DELETE FROM events WHERE sequence BETWEEN 7 AND 9");
			execute(raw, "DELETE FROM events WHERE sequence = 1");
		}
		assertProblem("event 1 is missing; events 7 to 9 are missing");
	}

	@Test
	void aChangedCheckpointIsNamedEvenWhenTheChainWasRecomputed() throws Exception {
		try (Connection raw = Ledgers.raw(file)) {
			execute(raw, "DROP TRIGGER events_no_update");
			byte[] signature;
			try (Ledger view = Ledger.openReadOnly(file)) {
				signature = view.latest(3).get(0).record().get();
			}
			signature[signature.length - 1] ^= 0x01;
			try (PreparedStatement update = raw.prepareStatement("UPDATE events SET record = ? WHERE sequence = 10")) {
				update.setBytes(1, signature);
				update.executeUpdate();
			}
			rechain(raw);
		}
		assertProblem("checkpoint 10: the signature does not verify with the station certificate");
	}

	@Test
	void rewrittenHistoryWithEveryHashRecomputedIsFoundByTheNextCheckpoint() throws Exception {
		try (Connection raw = Ledgers.raw(file)) {
			execute(raw, "DROP TRIGGER events_no_update");
			execute(raw, "UPDATE events SET uid = '2B0047000E51363200000063' WHERE sequence = 7");
			rechain(raw);
		}
		assertProblem("checkpoint 10: the signature does not verify with the station certificate");
	}

	private void assertProblem(String problem) throws Exception {
		try (Ledger ledger = Ledger.openReadOnly(file)) {
			Ledger.Verification verification = ledger.verify(stationKeys.station);
			assertEquals(Optional.of(problem), verification.problem());
			assertTrue(!verification.intact());
		}
	}

	/** What a careful forger does after changing a row: recompute every chain hash from the start. */
	private void rechain(Connection raw) throws Exception {
		List<ReportEvent> events;
		try (Ledger view = Ledger.openReadOnly(file)) {
			events = Ledgers.all(view);
		}
		byte[] chain = new byte[32];
		for (ReportEvent event : events) {
			chain = event.chainHash(chain);
			try (PreparedStatement update = raw.prepareStatement("UPDATE events SET chain_hash = ? WHERE sequence = ?")) {
				update.setBytes(1, chain);
				update.setLong(2, event.sequence());
				update.executeUpdate();
			}
		}
	}
}
