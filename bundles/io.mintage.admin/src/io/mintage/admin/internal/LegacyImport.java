package io.mintage.admin.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.mintage.admin.AdminException;
import io.mintage.admin.Station;
import io.mintage.core.io.PrivateFiles;
import io.mintage.trust.PemFiles;
import io.mintage.trust.RevocationList;
import io.mintage.trust.TrustException;

/**
 * Imports, once, what releases before the database kept in files under {@code authority/}
 * (docs/formats.md, "State files"): the CA certificate and key location, {@code stations/*.pem},
 * {@code revocations.tsv}, {@code quotas.tsv} and {@code crl-number}. The files are left as they are;
 * the {@code meta} row {@code files-imported} records that the import happened (also when there was
 * nothing to import), so it never runs twice. A damaged line stops the import with nothing imported.
 */
final class LegacyImport {

	private LegacyImport() {
	}

	/** Runs in the caller's write transaction; returns whether it ran (false: it had run before). */
	static boolean runOnce(Connection connection, Path home, Instant now) throws SQLException, AdminException {
		if (Meta.get(connection, Meta.FILES_IMPORTED).isPresent()) {
			return false;
		}
		Path folder = AdminHome.authorityFolder(home);
		List<String> imported = new ArrayList<>();
		if (authority(connection, home)) {
			imported.add("the authority");
		}
		int stations = stations(connection, folder.resolve("stations"));
		if (stations > 0) {
			imported.add(stations + " station certificate(s)");
		}
		int revocations = revocations(connection, folder.resolve("revocations.tsv"));
		if (revocations > 0) {
			imported.add(revocations + " revocation(s)");
		}
		int quotas = quotas(connection, folder.resolve("quotas.tsv"), now);
		if (quotas > 0) {
			imported.add(quotas + " quota(s)");
		}
		Path crlNumber = folder.resolve("crl-number");
		if (Files.exists(crlNumber)) {
			try {
				BigInteger number = new BigInteger(Files.readString(crlNumber, StandardCharsets.US_ASCII).strip());
				Meta.put(connection, Meta.LAST_CRL_NUMBER, number.toString());
				imported.add("revocation list number " + number);
			} catch (IOException | NumberFormatException e) {
				throw new AdminException("the revocation list number in " + crlNumber + " cannot be read ("
						+ e.getMessage() + "); nothing was imported into the admin database", e);
			}
		}
		String summary = imported.isEmpty() ? "nothing to import" : String.join(", ", imported);
		Meta.put(connection, Meta.FILES_IMPORTED, now + ": " + summary);
		if (!imported.isEmpty()) {
			Audit.record(connection, now, Audit.FILES_IMPORTED, folder.toString(), summary);
		}
		return true;
	}

	private static boolean authority(Connection connection, Path home) throws SQLException, AdminException {
		Path pem = AdminHome.certificateFile(home);
		if (!Files.exists(pem)) {
			return false;
		}
		X509Certificate certificate = certificate(pem);
		String keyLocation;
		try {
			Path location = AdminHome.keyLocationFile(home);
			keyLocation = Files.exists(location) ? Files.readString(location, StandardCharsets.ISO_8859_1) : "";
		} catch (IOException e) {
			throw new AdminException("the key location " + AdminHome.keyLocationFile(home) + " cannot be read ("
					+ e.getMessage() + "); nothing was imported into the admin database", e);
		}
		Sql.update(connection, "INSERT INTO authority (id, subject, certificate, key_location, created_ms)"
				+ " VALUES (1, ?, ?, ?, ?)", AuthorityService.subject(certificate), StationService.der(certificate),
				keyLocation, certificate.getNotBefore().toInstant());
		return true;
	}

	private static int stations(Connection connection, Path folder) throws SQLException, AdminException {
		if (!Files.isDirectory(folder)) {
			return 0;
		}
		List<Path> files;
		try (Stream<Path> entries = Files.list(folder)) {
			files = entries.filter(file -> file.getFileName().toString().endsWith(".pem")).sorted().toList();
		} catch (IOException e) {
			throw new AdminException("the station certificates in " + folder + " cannot be listed: " + e.getMessage(), e);
		}
		for (Path file : files) {
			X509Certificate certificate = certificate(file);
			Sql.update(connection, "INSERT INTO stations (serial, subject, certificate, not_after_ms, enrolled_ms)"
					+ " VALUES (?, ?, ?, ?, ?) ON CONFLICT (serial) DO NOTHING", StationService.serialOf(certificate),
					AuthorityService.subject(certificate), StationService.der(certificate),
					certificate.getNotAfter().toInstant(), certificate.getNotBefore().toInstant());
		}
		return files.size();
	}

	private static int revocations(Connection connection, Path file) throws SQLException, AdminException {
		List<String> lines = lines(file, "the revocation register");
		for (int i = 0; i < lines.size(); i++) {
			String[] fields = lines.get(i).split("\t", -1);
			RevocationList.Entry entry;
			try {
				entry = new RevocationList.Entry(new BigInteger(fields[0], 16), Instant.parse(fields[1]), fields[2]);
			} catch (RuntimeException e) {
				throw damaged(file, i);
			}
			String serial = entry.serialNumber().toString(16);
			String subject = fields.length > 3 ? fields[3] : "serial " + serial;
			Optional<Station> station = StationService.find(connection, serial);
			if (station.isEmpty()) {
				Sql.update(connection, "INSERT INTO stations (serial, subject, enrolled_ms) VALUES (?, ?, ?)", serial,
						subject, entry.revokedAt());
			}
			Sql.update(connection, "UPDATE stations SET revoked_ms = ?, revocation_reason = ? WHERE serial = ?",
					entry.revokedAt(), entry.reason(), serial);
		}
		return lines.size();
	}

	private static int quotas(Connection connection, Path file, Instant now) throws SQLException, AdminException {
		List<String> lines = lines(file, "the quota register");
		for (int i = 0; i < lines.size(); i++) {
			String[] fields = lines.get(i).split("\t", -1);
			try {
				UUID id = UUID.fromString(fields[0]);
				long product = Long.parseLong(fields[1]);
				long first = Long.parseLong(fields[2]);
				long count = Long.parseLong(fields[3]);
				String subject = fields[4];
				Sql.update(connection, "INSERT INTO quotas (quota_id, product_id, first_serial, serial_count,"
						+ " station_serial, station_subject, issued_ms, imported) VALUES (?, ?, ?, ?,"
						+ " (SELECT serial FROM stations WHERE subject = ? GROUP BY subject HAVING count(*) = 1), ?, ?, 1)",
						id.toString(), product, first, count, subject, subject, now);
			} catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
				throw damaged(file, i);
			}
		}
		return lines.size();
	}

	private static X509Certificate certificate(Path file) throws AdminException {
		try {
			return PemFiles.readCertificate(file);
		} catch (TrustException e) {
			throw new AdminException(e.getMessage() + "; nothing was imported into the admin database", e);
		}
	}

	private static List<String> lines(Path file, String what) throws AdminException {
		try {
			return PrivateFiles.readLinesIfExists(file).stream().filter(line -> !line.isBlank()).toList();
		} catch (IOException e) {
			throw new AdminException(what + " " + file + " cannot be read: " + e.getMessage(), e);
		}
	}

	private static AdminException damaged(Path file, int index) {
		return new AdminException(file + " is damaged at line " + (index + 1) + "; nothing was imported into the admin"
				+ " database and no admin command works until the line is repaired");
	}
}
