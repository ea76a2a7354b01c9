package io.mintage.admin.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.mintage.admin.AdminException;
import io.mintage.admin.Royalties;
import io.mintage.admin.RoyaltyQuery;
import io.mintage.admin.Station;
import io.mintage.admin.royalty.RoyaltyLine;
import io.mintage.admin.royalty.RoyaltyStatement;

/**
 * Royalty statements from the {@code devices} the accepted and flagged reports counted: per station,
 * product and royalty of the device's quota, the devices whose completion falls in the period, in exact
 * decimals. Devices of quotas without a royalty are not in any statement.
 */
final class RoyaltyService implements Royalties {

	private final AdminHome admin;

	RoyaltyService(AdminHome admin) {
		this.admin = admin;
	}

	@Override
	public List<RoyaltyStatement> statements(RoyaltyQuery query) throws AdminException {
		String authority = name(admin.authority().require().subject());
		long fromMs = query.from().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
		long untilMs = query.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
		return admin.db().read("the royalties cannot be computed", connection -> {
			List<String> stations = query.station().isPresent() ? stations(connection, query.station().get())
					: List.of();
			Long product = query.product().isPresent() ? product(query.product().get()) : null;
			StringBuilder sql = new StringBuilder("SELECT d.station_serial, s.subject, d.product_id, p.name,"
					+ " q.royalty, q.royalty_currency, count(*) AS devices FROM devices d"
					+ " JOIN reports r ON r.number = d.report_number JOIN quotas q ON q.quota_id = d.quota_id"
					+ " LEFT JOIN stations s ON s.serial = d.station_serial"
					+ " LEFT JOIN products p ON p.product_id = d.product_id"
					+ " WHERE r.status <> 'rejected' AND q.royalty IS NOT NULL AND d.completed_ms >= ? AND d.completed_ms < ?");
			List<Object> values = new ArrayList<>(List.of(fromMs, untilMs));
			if (!stations.isEmpty()) {
				sql.append(" AND d.station_serial IN (").append("?, ".repeat(stations.size() - 1)).append("?)");
				values.addAll(stations);
			}
			if (product != null) {
				sql.append(" AND d.product_id = ?");
				values.add(product);
			}
			sql.append(" GROUP BY d.station_serial, d.product_id, q.royalty, q.royalty_currency");
			Map<String, List<RoyaltyLine>> byCurrency = new TreeMap<>();
			try (PreparedStatement statement = Sql.prepare(connection, sql.toString(), values.toArray());
					ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					String subject = rows.getString("subject");
					String station = subject != null ? name(subject) : rows.getString("station_serial");
					String productName = rows.getString("name");
					long id = rows.getLong("product_id");
					byCurrency.computeIfAbsent(rows.getString("royalty_currency"), key -> new ArrayList<>())
							.add(new RoyaltyLine(station, (productName != null ? productName : "product") + " (" + id + ")",
									rows.getLong("devices"), new BigDecimal(rows.getString("royalty"))));
				}
			}
			List<RoyaltyStatement> statements = new ArrayList<>();
			for (Map.Entry<String, List<RoyaltyLine>> entry : byCurrency.entrySet()) {
				statements.add(new RoyaltyStatement(authority, query.from(), query.to(), currency(entry.getKey()),
						entry.getValue(), admin.now()));
			}
			return statements;
		});
	}

	/** The serials of the stations a query names: a certificate serial (hex), or a name (CN) some stations have. */
	private static List<String> stations(Connection connection, String named) throws SQLException, AdminException {
		String serial = StationService.normalise(named);
		if (serial.matches("[0-9a-f]{1,40}") && StationService.find(connection, serial).isPresent()) {
			return List.of(serial);
		}
		List<String> serials = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement("SELECT serial, subject FROM stations");
				ResultSet rows = query.executeQuery()) {
			while (rows.next()) {
				if (name(rows.getString("subject")).equals(named.trim())) {
					serials.add(rows.getString("serial"));
				}
			}
		}
		if (serials.isEmpty()) {
			throw new AdminException("no station with certificate serial or name '" + named + "' is in the admin"
					+ " database (see 'mintage admin stations')");
		}
		return serials;
	}

	private static long product(String id) throws AdminException {
		String text = id.trim().toLowerCase(Locale.ROOT);
		try {
			long value = text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
			if (value < 0 || value > 0xFFFF_FFFFL) {
				throw new NumberFormatException();
			}
			return value;
		} catch (NumberFormatException e) {
			throw new AdminException("a product id is a number from 0 to 4294967295 (decimal or 0x hex), not '" + id
					+ "'");
		}
	}

	private static Currency currency(String code) throws AdminException {
		try {
			return Currency.getInstance(code);
		} catch (IllegalArgumentException e) {
			throw new AdminException("the royalty currency '" + code + "' is not an ISO 4217 currency Java knows");
		}
	}

	private static String name(String subject) {
		return Station.commonName(subject);
	}
}
