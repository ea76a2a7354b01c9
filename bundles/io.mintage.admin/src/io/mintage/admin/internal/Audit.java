package io.mintage.admin.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.mintage.admin.AuditEntry;

/**
 * The append-only audit log ({@code audit} table; triggers refuse UPDATE and DELETE). Each admin action
 * adds its entry in the transaction that does it, so the log and the state never disagree. The action
 * names are persisted (docs/formats.md, "Admin database").
 */
public final class Audit {

	static final String AUTHORITY_CREATED = "authority-created";
	static final String AUTHORITY_IMPORTED = "authority-imported";
	static final String STATION_ENROLLED = "station-enrolled";
	static final String STATION_RECORDED = "station-recorded";
	static final String STATION_REVOKED = "station-revoked";
	static final String REVOCATION_LIST_ISSUED = "revocation-list-issued";
	static final String PRODUCT_ADDED = "product-added";
	static final String FIRMWARE_ADDED = "firmware-added";
	static final String QUOTA_ISSUED = "quota-issued";
	static final String QUOTA_RECORDED = "quota-recorded";
	static final String JOB_ISSUED = "job-issued";
	static final String FILES_IMPORTED = "files-imported";
	static final String BACKUP_MADE = "backup-made";
	static final String RESTORED = "restored";
	static final String REPORT_IMPORTED = "report-imported";

	public static final List<String> ACTIONS = List.of(AUTHORITY_CREATED, AUTHORITY_IMPORTED, STATION_ENROLLED, STATION_RECORDED, STATION_REVOKED,
			REVOCATION_LIST_ISSUED, PRODUCT_ADDED, FIRMWARE_ADDED, QUOTA_ISSUED, QUOTA_RECORDED, JOB_ISSUED,
			FILES_IMPORTED, BACKUP_MADE, RESTORED, REPORT_IMPORTED);

	private Audit() {
	}

	static void record(Connection connection, Instant at, String action, String subject, String detail)
			throws SQLException {
		Sql.update(connection, "INSERT INTO audit (time_ms, action, subject, detail, user_name) VALUES (?, ?, ?, ?, ?)",
				at, action, subject, detail, System.getProperty("user.name"));
	}

	static List<AuditEntry> newest(Connection connection, int limit) throws SQLException {
		List<AuditEntry> entries = new ArrayList<>();
		try (PreparedStatement query = Sql.prepare(connection,
				"SELECT sequence, time_ms, action, subject, detail, user_name FROM audit ORDER BY sequence DESC LIMIT ?",
				limit); ResultSet rows = query.executeQuery()) {
			while (rows.next()) {
				entries.add(new AuditEntry(rows.getLong("sequence"), Instant.ofEpochMilli(rows.getLong("time_ms")),
						rows.getString("action"), rows.getString("subject"), Optional.ofNullable(rows.getString("detail")),
						Optional.ofNullable(rows.getString("user_name"))));
			}
		}
		Collections.reverse(entries);
		return entries;
	}
}
