package io.mintage.ledger.tests;

import static io.mintage.ledger.tests.Ledgers.JOB;
import static io.mintage.ledger.tests.Ledgers.RANGE;
import static io.mintage.ledger.tests.Ledgers.record;
import static io.mintage.ledger.tests.Ledgers.uid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.core.SerialNumber;
import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerEventTypes;

/**
 * A station process authorizing devices as fast as it can is killed with SIGKILL, again and again, at
 * whatever point it has reached (inside a transaction, in the fsync, between calls). Every authorization
 * it reported as returned must be in the ledger with its serial, the chain must be intact, and no serial
 * may be used twice.
 */
class StationKilledTest {

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

	@Test
	void nothingCommittedIsLostAndNoSerialIsTakenTwice() throws Exception {
		Path file = folder.resolve("station").resolve("ledger.db");
		Map<Integer, Long> committed = new HashMap<>();
		int next = 0;
		// kill after a different number of returned calls each time, so the kill meets the loop at different points
		for (int returned : List.of(17, 60, 5, 101, 33, 1)) {
			try (StationProcess station = StationProcess.start(folder.resolve("work"), "authorize", file.toString(),
					Integer.toString(next))) {
				for (int i = 0; i < returned; i++) {
					String[] line = station.readLine().split(" ");
					int number = Integer.parseInt(line[1]);
					long serial = Long.parseLong(line[2]);
					Long before = committed.putIfAbsent(number, serial);
					if (before != null) {
						assertEquals(before, serial, "UID " + number + " got another serial on rework");
					}
					next = Math.max(next, number + 1);
				}
				station.kill();
			}
		}

		// a view opens the ledger a killed station left (its journal not folded back) before any writer does
		try (Ledger view = Ledger.openReadOnly(file)) {
			assertTrue(view.used(JOB) >= committed.size());
		}
		try (Ledger ledger = Ledger.open(file, java.time.Clock.systemUTC())) {
			for (Map.Entry<Integer, Long> entry : committed.entrySet()) {
				Ledger.Authorization authorization = ledger.authorization(JOB, uid(entry.getKey())).orElseThrow(
						() -> new AssertionError("UID " + entry.getKey() + " was reported committed but is not in the ledger"));
				assertEquals(entry.getValue(), authorization.serial().value());
				assertArrayEquals(record(uid(entry.getKey()), new SerialNumber(entry.getValue())), authorization.record());
			}
			Ledger.Verification verification = ledger.verify(stationKeys.station);
			assertTrue(verification.intact(), verification.problem().orElse(""));
			assertEquals(ledger.lastSequence(), verification.events());

			Set<Long> serials = new HashSet<>();
			ledger.forEach(1, event -> {
				if (event.type().equals(LedgerEventTypes.DEVICE_AUTHORIZED)) {
					assertTrue(serials.add(event.serial().getAsLong()), "serial " + event.serial() + " twice");
				}
			});
			long used = ledger.used(JOB);
			assertEquals(used, serials.size());
			assertTrue(used >= committed.size(), used + " used, " + committed.size() + " seen committed");
			// dense: the serials are exactly the first 'used' of the range
			for (long s = RANGE.first().value(); s < RANGE.first().value() + used; s++) {
				assertTrue(serials.contains(s), "serial " + s + " is missing");
			}
			// and the station goes on where it stopped
			Ledger.Authorization after = ledger.authorize(JOB, RANGE, uid(next + 1000), "site 1",
					Ledgers.recordsFor(uid(next + 1000)));
			assertEquals(RANGE.first().value() + used, after.serial().value());
		}
	}
}
