package io.mintage.products.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A company and a factory set up the way a real one starts, through the built products' own commands:
 * {@code admin init} ("Acme Authority"), {@code admin export-anchor} (authority.pem), {@code station init}
 * ("Line 3"), {@code admin enrol} and {@code station install-cert} (line3.pem). Jobs are then issued to the
 * station and accepted by it on demand. The company's state is in {@code company/}, the factory's in
 * {@code factory/}, and the files the two hand each other in the test's work folder — as on the two sides
 * of a real hand-over. The product tests that need a station with a job start from here, so the set-up
 * sequence is written once.
 */
final class EnrolledStation {

	static final String AUTHORITY_SECRET = "correct horse battery staple";
	static final String STATION_SECRET = "tr0ub4dor&3";
	/** An STM32F1 firmware of 28 bytes at the start of flash: a stack pointer, a reset vector, a marker. */
	static final String SENSOR_HEX = """
			:020000040800F2
			:080000000000022001010008CC
			:04001000DEADBEEFB4
			:00000001FF
			""";

	final Product admin = Product.built("admin");
	final Product station = Product.built("station");
	final Path work;
	final Path company;
	final Path factory;
	final Map<String, String> adminEnv = Map.of("ACME_AUTHORITY_PASS", AUTHORITY_SECRET);
	final Map<String, String> stationEnv = Map.of("LINE3_PASS", STATION_SECRET);

	private EnrolledStation(Path work) throws Exception {
		this.work = work;
		this.company = Files.createDirectories(work.resolve("company"));
		this.factory = Files.createDirectories(work.resolve("factory"));
	}

	/** The authority made, the station made and enrolled with it; no job yet. */
	static EnrolledStation setUp(Path work) throws Exception {
		EnrolledStation setUp = new EnrolledStation(work);
		setUp.admin("init", "--name", "Acme Authority", "--passphrase-env", "ACME_AUTHORITY_PASS");
		setUp.admin("export-anchor", "--pem", "authority.pem");
		setUp.station("init", "--name", "Line 3", "--passphrase-env", "LINE3_PASS");
		setUp.admin("enrol", "Line-3.csr", "--out", "line3.pem");
		setUp.station("install-cert", "line3.pem", "--authority", "authority.pem");
		return setUp;
	}

	/** Writes {@link #SENSOR_HEX} as {@code name} in the work folder and returns its path. */
	Path sensorFirmware(String name) throws Exception {
		return Files.writeString(work.resolve(name), SENSOR_HEX, StandardCharsets.US_ASCII);
	}

	/**
	 * {@code admin issue-job --station line3.pem ARGUMENTS --out JOB_FILE}, then {@code station accept
	 * JOB_FILE}; both must succeed.
	 */
	void issueAndAccept(String jobFile, String... issueJobArguments) throws Exception {
		List<String> issue = new ArrayList<>(List.of("issue-job", "--station", "line3.pem"));
		issue.addAll(List.of(issueJobArguments));
		issue.addAll(List.of("--out", jobFile));
		admin(issue.toArray(String[]::new));
		station("accept", jobFile);
	}

	/** Runs an admin command on the company's state; it must succeed. */
	Product.Result admin(String... arguments) throws Exception {
		return ok(admin.run(company, work, adminEnv, arguments));
	}

	/** Runs a station command on the factory's state; it must succeed. */
	Product.Result station(String... arguments) throws Exception {
		return ok(station.run(factory, work, stationEnv, arguments));
	}

	/** An ISO date {@code days} after today (UTC), for {@code --valid-until}. */
	static String inDays(int days) {
		return LocalDate.now(ZoneOffset.UTC).plusDays(days).toString();
	}

	static Product.Result ok(Product.Result result) {
		assertEquals(0, result.exitCode(), result.toString());
		return result;
	}
}
