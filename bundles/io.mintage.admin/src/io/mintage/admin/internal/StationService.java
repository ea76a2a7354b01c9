package io.mintage.admin.internal;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.mintage.admin.AdminException;
import io.mintage.admin.Station;
import io.mintage.admin.Stations;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.EnrolmentRequest;
import io.mintage.trust.RevocationList;
import io.mintage.trust.TrustException;

/** The {@code stations} table: enrolment, the certificates handed over later, revocation, the CRL. */
final class StationService implements Stations {

	static final Duration DEFAULT_VALIDITY = Duration.ofDays(5 * 365);

	private static final String COLUMNS = "serial, subject, certificate, not_after_ms, enrolled_ms, revoked_ms,"
			+ " revocation_reason";

	private final AdminHome home;

	StationService(AdminHome home) {
		this.home = home;
	}

	@Override
	public Station enrol(EnrolmentRequest request, Optional<Instant> notAfter) throws AdminException {
		AuthorityService authority = home.authority();
		try (AuthorityService.Opened opened = authority.open()) {
			X509Certificate ca = opened.certificate();
			Instant end = notAfter.orElseGet(() -> earliest(home.now().plus(DEFAULT_VALIDITY),
					ca.getNotAfter().toInstant()));
			X509Certificate station;
			try {
				station = AuthorityCertificates.issueStation(opened.session(), opened.signer().alias(), ca, request, end,
						home.clock());
			} catch (TrustException e) {
				throw new AdminException(e.getMessage(), e);
			}
			return home.db().write("the station certificate could not be recorded", connection -> {
				Station recorded = insert(connection, station, home.clock().instant());
				Audit.record(connection, home.clock().instant(), Audit.STATION_ENROLLED, recorded.serial(),
						recorded.subject() + ", valid until " + station.getNotAfter().toInstant());
				return recorded;
			});
		}
	}

	@Override
	public List<Station> list() throws AdminException {
		return home.db().read("the stations cannot be read", connection -> {
			List<Station> stations = new ArrayList<>();
			try (PreparedStatement query = connection
					.prepareStatement("SELECT " + COLUMNS + " FROM stations ORDER BY enrolled_ms, serial");
					ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					stations.add(station(rows));
				}
			}
			return stations;
		});
	}

	@Override
	public Optional<Station> find(String serial) throws AdminException {
		String key = normalise(serial);
		return home.db().read("the station " + key + " cannot be read", connection -> find(connection, key));
	}

	@Override
	public Station identify(X509Certificate certificate) throws AdminException {
		X509Certificate ca = home.authority().require().certificate();
		try {
			AuthorityCertificates.verifyStation(certificate, ca, home.clock());
		} catch (TrustException e) {
			throw new AdminException(e.getMessage(), e);
		}
		String serial = serialOf(certificate);
		byte[] der = der(certificate);
		Optional<Station> known = find(serial);
		if (known.isPresent() && known.get().certificateDer().isPresent()) {
			return same(known.get(), der);
		}
		return home.db().write("the station " + serial + " could not be recorded", connection -> {
			Optional<Station> now = find(connection, serial);
			if (now.isPresent() && now.get().certificateDer().isPresent()) {
				return same(now.get(), der);
			}
			if (now.isPresent()) {
				// known from an imported revocation register alone: the certificate completes the row
				Sql.update(connection, "UPDATE stations SET certificate = ?, not_after_ms = ? WHERE serial = ?", der,
						certificate.getNotAfter().toInstant(), serial);
			} else {
				insert(connection, certificate, home.clock().instant());
			}
			Audit.record(connection, home.clock().instant(), Audit.STATION_RECORDED, serial,
					AuthorityService.subject(certificate) + ": certificate handed over, not enrolled in this database");
			return find(connection, serial).orElseThrow();
		});
	}

	@Override
	public Station revoke(String serial, String reason) throws AdminException {
		String key = normalise(serial);
		Instant now = home.now();
		try {
			// the reason is checked by building an entry before anything is recorded
			new RevocationList.Entry(BigInteger.ONE, now, reason);
		} catch (IllegalArgumentException e) {
			throw new AdminException(e.getMessage(), e);
		}
		return home.db().write("the revocation of station " + key + " could not be recorded", connection -> {
			Station station = find(connection, key).orElseThrow(() -> unknown(key));
			if (station.revocation().isPresent()) {
				throw new AdminException("the station " + station.subject() + " (serial " + key + ") is revoked already,"
						+ " since " + station.revocation().get().revokedAt() + " (" + station.revocation().get().reason()
						+ ")");
			}
			Sql.update(connection, "UPDATE stations SET revoked_ms = ?, revocation_reason = ? WHERE serial = ?", now,
					reason, key);
			Audit.record(connection, now, Audit.STATION_REVOKED, key, station.subject() + ": " + reason);
			return find(connection, key).orElseThrow();
		});
	}

	@Override
	public RevocationList revocationList(Duration validity) throws AdminException {
		try (AuthorityService.Opened opened = home.authority().open()) {
			return home.db().write("the revocation list could not be recorded", connection -> {
				BigInteger number = Meta.get(connection, Meta.LAST_CRL_NUMBER).map(BigInteger::new)
						.orElse(BigInteger.ZERO).add(BigInteger.ONE);
				List<RevocationList.Entry> entries = new ArrayList<>();
				try (PreparedStatement query = connection.prepareStatement("SELECT serial, revoked_ms,"
						+ " revocation_reason FROM stations WHERE revoked_ms IS NOT NULL ORDER BY revoked_ms, serial");
						ResultSet rows = query.executeQuery()) {
					while (rows.next()) {
						entries.add(new RevocationList.Entry(new BigInteger(rows.getString(1), 16),
								Instant.ofEpochMilli(rows.getLong(2)), rows.getString(3)));
					}
				}
				Instant now = home.now();
				RevocationList list;
				try {
					list = RevocationList.issue(opened.session(), opened.signer().alias(), opened.certificate(), number,
							entries, now, now.plus(validity));
				} catch (TrustException e) {
					throw new AdminException("no revocation list was issued: " + e.getMessage(), e);
				}
				Meta.put(connection, Meta.LAST_CRL_NUMBER, number.toString());
				Audit.record(connection, now, Audit.REVOCATION_LIST_ISSUED, number.toString(),
						entries.size() + " revoked station(s), next update " + list.nextUpdate());
				return list;
			});
		}
	}

	// --- shared with the quotas

	/** The station as a quota may be issued for it: known, with its certificate, not revoked. */
	static Station issuable(Connection connection, String serial) throws SQLException, AdminException {
		Station station = find(connection, normalise(serial)).orElseThrow(() -> unknown(normalise(serial)));
		if (station.revocation().isPresent()) {
			Station.Revocation revocation = station.revocation().get();
			throw new AdminException("the station " + station.subject() + " (serial " + station.serial()
					+ ") was revoked on " + revocation.revokedAt() + " (" + revocation.reason()
					+ "); nothing is issued for it");
		}
		if (station.certificateDer().isEmpty()) {
			throw new AdminException("the certificate of station " + station.subject() + " (serial " + station.serial()
					+ ") is not in the admin database; name its certificate file");
		}
		return station;
	}

	static Optional<Station> find(Connection connection, String serial) throws SQLException {
		try (PreparedStatement query = Sql.prepare(connection, "SELECT " + COLUMNS + " FROM stations WHERE serial = ?",
				serial); ResultSet row = query.executeQuery()) {
			return row.next() ? Optional.of(station(row)) : Optional.empty();
		}
	}

	/**
	 * The serials of every certificate enrolled here for the key of {@code certificate}, with its own: one
	 * station, whose certificate was renewed ('mintage admin enrol' of a request for the same key). The
	 * station keeps its ledger across a renewal, so its reports continue each other across certificates.
	 */
	static List<String> serialsOfSameKey(Connection connection, X509Certificate certificate) throws SQLException {
		byte[] key = certificate.getPublicKey().getEncoded();
		List<String> serials = new ArrayList<>(List.of(serialOf(certificate)));
		try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM stations"
				+ " WHERE certificate IS NOT NULL"); ResultSet rows = query.executeQuery()) {
			while (rows.next()) {
				Station known = station(rows);
				if (!serials.contains(known.serial())
						&& Arrays.equals(key, known.certificate().orElseThrow().getPublicKey().getEncoded())) {
					serials.add(known.serial());
				}
			}
		}
		return serials;
	}

	static String serialOf(X509Certificate certificate) {
		return certificate.getSerialNumber().toString(16);
	}

	/** A serial as people type it (any case, 0x or not) as the table keeps it: lower-case hex. */
	static String normalise(String serial) {
		String text = serial.trim().toLowerCase(Locale.ROOT);
		return text.startsWith("0x") ? text.substring(2) : text;
	}

	private static Station insert(Connection connection, X509Certificate certificate, Instant enrolledAt)
			throws SQLException, AdminException {
		String serial = serialOf(certificate);
		if (find(connection, serial).isPresent()) {
			throw new AdminException("a station certificate with serial " + serial + " is recorded already");
		}
		Sql.update(connection, "INSERT INTO stations (serial, subject, certificate, not_after_ms, enrolled_ms)"
				+ " VALUES (?, ?, ?, ?, ?)", serial, AuthorityService.subject(certificate), der(certificate),
				certificate.getNotAfter().toInstant(), enrolledAt);
		return find(connection, serial).orElseThrow();
	}

	private static Station same(Station known, byte[] der) throws AdminException {
		if (!Arrays.equals(known.certificateDer().orElseThrow(), der)) {
			throw new AdminException("the admin database holds another certificate with serial " + known.serial()
					+ " (" + known.subject() + "); this one is not the authority's record of the station");
		}
		return known;
	}

	private static Station station(ResultSet row) throws SQLException {
		Optional<Instant> revokedAt = Sql.instant(row, "revoked_ms");
		Optional<Station.Revocation> revocation = revokedAt
				.map(at -> new Station.Revocation(at, uncheckedString(row, "revocation_reason")));
		return new Station(row.getString("serial"), row.getString("subject"),
				Optional.ofNullable(row.getBytes("certificate")), Sql.instant(row, "not_after_ms"),
				Instant.ofEpochMilli(row.getLong("enrolled_ms")), revocation);
	}

	private static String uncheckedString(ResultSet row, String column) {
		try {
			return row.getString(column);
		} catch (SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	static byte[] der(X509Certificate certificate) throws AdminException {
		try {
			return certificate.getEncoded();
		} catch (CertificateEncodingException e) {
			throw new AdminException("the certificate " + certificate.getSubjectX500Principal().getName()
					+ " cannot be encoded: " + e.getMessage(), e);
		}
	}

	private static AdminException unknown(String serial) {
		return new AdminException("no station with certificate serial " + serial + " is in the admin database; enrol"
				+ " it ('mintage admin enrol') or name its certificate file");
	}

	private static Instant earliest(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}
}
