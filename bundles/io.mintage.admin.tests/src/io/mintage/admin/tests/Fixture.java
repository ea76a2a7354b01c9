package io.mintage.admin.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.sqlite.SQLiteConfig;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminStore;
import io.mintage.admin.Authority;
import io.mintage.admin.Firmware;
import io.mintage.admin.QuotaRequest;
import io.mintage.admin.Royalty;
import io.mintage.admin.Station;
import io.mintage.admin.internal.AdminStoreComponent;
import io.mintage.core.mcu.McuFamilies;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.core.sign.KeyLocation;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.KeyStores;
import io.mintage.image.FirmwareImageLoader;
import io.mintage.trust.EnrolmentRequest;
import io.mintage.trust.ProductId;

/**
 * What the admin tests share: the real services from the OSGi registry, an admin folder with an
 * authority in a software key store, stations enrolled from real requests, a product with firmware.
 */
final class Fixture {

	static final ProductId SENSOR = new ProductId(0x13572468L);
	static final ProductId OTHER = new ProductId(42);

	/** A 32-byte Intel HEX image at 0x08000000 with valid checksums. */
	static final String HEX = """
			:020000040800F2
			:080000000000022001010008CC
			:04001000DEADBEEFB4
			:00000001FF
			""";

	private Fixture() {
	}

	static AdminStore store() throws Exception {
		return service(AdminStore.class);
	}

	/** A store with its own clock, for databases of earlier schema versions. */
	static AdminStoreComponent component(Clock clock) throws Exception {
		io.mintage.testing.Backends.find("soft");
		return new AdminStoreComponent(service(KeyStores.class), service(FirmwareImageLoader.class),
				service(McuFamilies.class), clock);
	}

	/** {@code folder/admin} with an authority whose key is in {@code folder/authority.p12}. */
	static Admin withAuthority(Path folder) throws Exception {
		io.mintage.testing.Backends.find("soft");
		Admin admin = store().open(folder.resolve("admin"));
		createAuthority(admin, folder);
		return admin;
	}

	static void createAuthority(Admin admin, Path folder) throws Exception {
		KeyLocation location = new KeyLocation("soft", Authority.ALIAS,
				io.mintage.testing.KeyStores.softConfiguration(folder, "authority"));
		admin.authority().create("Test Authority", Instant.now().plus(3650, ChronoUnit.DAYS), location);
	}

	/** A station key in {@code folder/NAME.p12} and its enrolment. */
	static Station enrol(Admin admin, Path folder, String name) throws Exception {
		return admin.stations().enrol(request(folder, name), Optional.empty());
	}

	static EnrolmentRequest request(Path folder, String name) throws Exception {
		try (KeyStoreSession station = io.mintage.testing.KeyStores.openSoft(folder, name.replace(' ', '-'))) {
			station.generateKeyPair("station");
			return EnrolmentRequest.create(station, "station", name);
		}
	}

	static Firmware sensorFirmware(Admin admin) throws Exception {
		if (admin.products().find(SENSOR).isEmpty()) {
			admin.products().add(SENSOR, "Sensor", "stm32f1");
		}
		return admin.products().addFirmware(SENSOR, "1.0.0", "sensor.hex", HEX.getBytes(StandardCharsets.US_ASCII),
				Optional.empty(), OptionalLong.empty(), ProgressMonitor.NONE);
	}

	static QuotaRequest quota(Station station, ProductId product, long count) {
		return new QuotaRequest(station.serial(), product, count, OptionalLong.empty(), Optional.empty(),
				Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), Optional.empty());
	}

	static QuotaRequest quota(Station station, ProductId product, long first, long count) {
		return new QuotaRequest(station.serial(), product, count, OptionalLong.of(first), Optional.empty(),
				Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), Optional.empty());
	}

	static QuotaRequest quota(Station station, ProductId product, long count, Royalty royalty) {
		return new QuotaRequest(station.serial(), product, count, OptionalLong.empty(), Optional.empty(),
				Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), Optional.of(royalty));
	}

	/** A plain connection, as someone with the sqlite3 shell has. */
	static Connection raw(Path file) throws Exception {
		store(); // the admin bundle has put the SQLite library into its private folder by now
		return new SQLiteConfig().createConnection("jdbc:sqlite:" + file);
	}

	static void execute(Connection connection, String sql) throws Exception {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/** Every row of a table, each as its values in column order (BLOBs as lists of bytes), ordered by the key. */
	static List<List<Object>> rows(Path database, String table, String orderBy) throws Exception {
		List<List<Object>> rows = new ArrayList<>();
		try (Connection connection = raw(database); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY " + orderBy)) {
			ResultSetMetaData meta = result.getMetaData();
			while (result.next()) {
				List<Object> row = new ArrayList<>();
				for (int column = 1; column <= meta.getColumnCount(); column++) {
					Object value = result.getObject(column);
					row.add(value instanceof byte[] bytes ? Arrays.toString(bytes) : value);
				}
				rows.add(row);
			}
		}
		return rows;
	}

	static long count(Path database, String sql) throws Exception {
		try (Connection connection = raw(database); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	static <T> T service(Class<T> type) throws Exception {
		BundleContext context = FrameworkUtil.getBundle(Fixture.class).getBundleContext();
		ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
		tracker.open();
		try {
			T service = tracker.waitForService(5_000);
			assertNotNull(service, "no " + type.getSimpleName() + " service within 5 s");
			return service;
		} finally {
			tracker.close();
		}
	}
}
