package io.mintage.ledger.tests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.sqlite.SQLiteConfig;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerException;
import io.mintage.sqlite.SqliteNativeLibrary;
import io.mintage.trust.ReportEvent;
import io.mintage.trust.SerialRange;

/** What the ledger tests share: a job, UIDs, records that show which UID and serial they were made for. */
final class Ledgers {

	static final UUID JOB = UUID.fromString("7d4c1a2b-0000-4000-8000-00000000c0de");
	static final UUID OTHER_JOB = UUID.fromString("5a0c8e1f-3b7d-4c92-a6e4-0f1d2c3b4a59");
	static final SerialRange RANGE = new SerialRange(new SerialNumber(65536), 10_000);
	static final Instant START = Instant.parse("2026-03-01T08:00:00Z");

	private Ledgers() {
	}

	/** A 96-bit STM32-like UID made from a number. */
	static DeviceUid uid(int n) {
		return DeviceUid.parse(String.format("2b0047000e513632%08X", n));
	}

	/** A stand-in device record: SHA-256 over the UID and the serial, so each (UID, serial) has its own. */
	static byte[] record(DeviceUid uid, SerialNumber serial) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(uid.bytes());
			sha.update(Long.toString(serial.value()).getBytes(StandardCharsets.US_ASCII));
			return sha.digest();
		} catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	static Ledger.RecordMaker recordsFor(DeviceUid uid) {
		return serial -> record(uid, serial);
	}

	/** A maker that must not be called: a rework never signs again. */
	static Ledger.RecordMaker notCalled() {
		return serial -> {
			throw new AssertionError("the record maker was called for serial " + serial);
		};
	}

	static List<ReportEvent> all(Ledger ledger) throws LedgerException {
		List<ReportEvent> events = new ArrayList<>();
		ledger.forEach(1, events::add);
		return events;
	}

	/**
	 * A plain JDBC connection to the file, as someone with the sqlite3 shell would have: it can write
	 * behind the ledger's back.
	 */
	static Connection raw(Path file) throws Exception {
		SqliteNativeLibrary.prepare();
		return new SQLiteConfig().createConnection("jdbc:sqlite:" + file);
	}

	static void execute(Connection connection, String sql) throws SQLException {
		try (var statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}
}
