package io.mintage.admin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.mintage.admin.AdminException;

/**
 * The admin database's schema, as an ordered list of steps: step N is the SQL script {@code sql/N-*.sql}
 * of this bundle, applied in one transaction together with its row in {@code schema_version}. A database
 * is at version N when steps 1 … N are applied. A step is never edited once released; a change is a new
 * step at the end (the report reconciliation adds its tables so). A database newer than this code is
 * refused: its meaning is unknown here.
 */
public final class Migrations {

	/** The steps in order; the position (from 1) is the version a database has after the step. */
	public static final List<String> STEPS = List.of("001-initial.sql", "002-jobs.sql", "003-reports.sql",
			"004-waivers.sql");

	static final int CURRENT = STEPS.size();

	private Migrations() {
	}

	/** The version of the database on {@code connection}: 0 for an empty file. */
	static int version(Connection connection, Path file) throws SQLException, AdminException {
		try (Statement statement = connection.createStatement()) {
			int tables;
			try (ResultSet count = statement.executeQuery("SELECT count(*) FROM sqlite_schema WHERE type = 'table'")) {
				tables = count.next() ? count.getInt(1) : 0;
			}
			if (tables == 0) {
				return 0;
			}
			try (ResultSet has = statement.executeQuery(
					"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'")) {
				if (!has.next() || has.getInt(1) != 1) {
					throw new AdminException(file + " is an SQLite database but not a Mintage admin database (it has no"
							+ " schema_version table)");
				}
			}
			try (ResultSet max = statement.executeQuery("SELECT max(version) FROM schema_version")) {
				return max.next() ? max.getInt(1) : 0;
			}
		}
	}

	/**
	 * Applies the steps after the database's version up to {@code target}, each in its own BEGIN
	 * IMMEDIATE transaction; returns the version reached. The caller holds the writer lock.
	 */
	static int migrate(Connection connection, Path file, int target, long nowMs) throws AdminException {
		int version;
		try {
			version = version(connection, file);
		} catch (SQLException e) {
			throw new AdminException("the admin database " + file + " cannot be read: " + e.getMessage(), e);
		}
		if (version > CURRENT) {
			throw new AdminException("the admin database " + file + " has schema version " + version
					+ ", newer than this Mintage Admin knows (up to " + CURRENT + "): it was written by a newer release;"
					+ " use that release or a newer one (a database is never taken back to an older version)");
		}
		for (int step = version + 1; step <= target; step++) {
			String name = STEPS.get(step - 1);
			List<String> statements = statements(name);
			int number = step;
			Sql.immediate(connection, file, "schema step " + name + " could not be applied", c -> {
				try (Statement statement = c.createStatement()) {
					statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
							+ " step TEXT NOT NULL, applied_ms INTEGER NOT NULL)");
					for (String sql : statements) {
						statement.execute(sql);
					}
				}
				try (PreparedStatement insert = c
						.prepareStatement("INSERT INTO schema_version (version, step, applied_ms) VALUES (?, ?, ?)")) {
					insert.setInt(1, number);
					insert.setString(2, name);
					insert.setLong(3, nowMs);
					insert.executeUpdate();
				}
				return null;
			});
			version = step;
		}
		return version;
	}

	/**
	 * The statements of a step script: each ends with ';' at the end of a line, a trigger with 'END;';
	 * lines starting with '--' are comments.
	 */
	static List<String> statements(String step) throws AdminException {
		String script;
		try (InputStream in = Migrations.class.getResourceAsStream("/sql/" + step)) {
			if (in == null) {
				throw new AdminException("the schema step " + step + " is missing from the bundle io.mintage.admin");
			}
			script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new AdminException("the schema step " + step + " cannot be read: " + e.getMessage(), e);
		}
		List<String> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : script.split("\n")) {
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("--")) {
				continue;
			}
			current.append(trimmed).append('\n');
			boolean trigger = current.toString().startsWith("CREATE TRIGGER");
			if (trigger ? trimmed.endsWith("END;") : trimmed.endsWith(";")) {
				statements.add(current.toString().strip());
				current.setLength(0);
			}
		}
		if (!current.isEmpty()) {
			throw new AdminException("the schema step " + step + " ends inside a statement: " + current);
		}
		return statements;
	}
}
