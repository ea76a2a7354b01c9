package io.mintage.admin.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The {@code meta} table: single values the database keeps, under persisted names. */
public final class Meta {

	/** When the registers of earlier releases were imported (ISO 8601) and what they held. */
	public static final String FILES_IMPORTED = "files-imported";
	/** The number of the last revocation list issued. */
	public static final String LAST_CRL_NUMBER = "last-crl-number";

	private Meta() {
	}

	static Optional<String> get(Connection connection, String name) throws SQLException {
		try (PreparedStatement query = Sql.prepare(connection, "SELECT value FROM meta WHERE name = ?", name);
				ResultSet row = query.executeQuery()) {
			return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
		}
	}

	static void put(Connection connection, String name, String value) throws SQLException {
		Sql.update(connection, "INSERT INTO meta (name, value) VALUES (?, ?)"
				+ " ON CONFLICT (name) DO UPDATE SET value = excluded.value", name, value);
	}
}
