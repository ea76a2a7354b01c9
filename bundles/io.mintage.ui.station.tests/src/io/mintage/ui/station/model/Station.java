package io.mintage.ui.station.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.sign.KeyLocation;
import io.mintage.testing.Backends;
import io.mintage.testing.Secrets;

/**
 * A station set up as a factory sets one up, through the real admin and station commands found in the
 * service registry: an authority, a station enrolled with it, and accepted jobs for STM32F1 sensors.
 * Keys are in software keystores whose passphrases are in 0600 files.
 */
final class Station {

	/** 8 bytes at 0x08000000 and 4 at 0x08000010: a hand-checked Intel HEX file for an STM32F1. */
	private static final String HEX = """
			:020000040800F2
			:080000000000022001010008CC
			:04001000DEADBEEFB4
			:00000001FF
			""";
	private static final Pattern JOB_ID = Pattern.compile("Accepted job '[^']*' \\(([0-9a-f-]{36})\\)");

	private final Path work;
	private final Path admin;
	private final Path station;

	private Station(Path work) {
		this.work = work;
		this.admin = work.resolve("admin-state");
		this.station = work.resolve("station-state");
	}

	/** A station with its certificate installed and one job of {@code count} serials from 1 accepted. */
	static Station withOneJob(Path work, int count) throws Exception {
		Station setUp = new Station(work);
		Backends.find("soft");
		Files.writeString(work.resolve("sensor.hex"), HEX, StandardCharsets.US_ASCII);
		setUp.ok("admin", setUp.admin, "init", "--name", "Test Authority", KeyLocation.PASSPHRASE_FILE,
				setUp.secret("authority"));
		setUp.ok("admin", setUp.admin, "export-anchor", "--pem", "authority.pem");
		setUp.ok("station", setUp.station, "init", "--name", "Line 3", "--out", "line3.csr", KeyLocation.PASSPHRASE_FILE,
				setUp.secret("station"));
		setUp.ok("admin", setUp.admin, "enrol", "line3.csr", "--out", "line3.pem");
		setUp.ok("station", setUp.station, "install-cert", "line3.pem", "--authority", "authority.pem");
		setUp.acceptJob("sensor", "1.0.0", count, 1);
		return setUp;
	}

	/** The station's state folder, as the window gets it ({@code $MINTAGE_HOME/station}). */
	Path folder() {
		return station;
	}

	/** Issues an STM32F1 sensor job for this station and accepts it; its id. */
	UUID acceptJob(String file, String firmwareVersion, int count, long serialStart) throws Exception {
		return acceptJob(file, "stm32f1", "Sensor", firmwareVersion, count, serialStart);
	}

	/**
	 * Issues a job of another STM32 family (the same hand-checked image: both put flash at 0x08000000)
	 * and accepts it; its id.
	 */
	UUID acceptJob(String file, String family, String productName, String firmwareVersion, int count,
			long serialStart) throws Exception {
		ok("admin", admin, "issue-job", "--station", "line3.pem", "--product", "0x13572468", "--product-name", productName,
				"--family", family, "--firmware", "sensor.hex", "--firmware-version", firmwareVersion, "--count",
				Integer.toString(count), "--serial-start", Long.toString(serialStart), "--valid-until",
				LocalDate.now(ZoneOffset.UTC).plusDays(30).toString(), "--out", file + ".mjob");
		String accepted = ok("station", station, "accept", file + ".mjob");
		Matcher id = JOB_ID.matcher(accepted);
		assertTrue(id.find(), accepted);
		return UUID.fromString(id.group(1));
	}

	private String secret(String role) throws Exception {
		Path file = work.resolve(role + ".pass");
		if (!Files.exists(file)) {
			Secrets.inFile(work, role + ".pass", "passphrase of the " + role + " keystore");
		}
		return file.toString();
	}

	/** Runs a command as {@code mintage PRODUCT WORDS} does and returns its standard output; it must succeed. */
	private String ok(String product, Path state, String... words) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exitCode;
		try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
				PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
			try {
				exitCode = find(product, words[0]).run(CommandContext.of(outStream, errStream, work, state),
						List.of(words).subList(1, words.length));
			} catch (CommandException e) {
				errStream.println(e.getMessage());
				exitCode = e.exitCode();
			}
		}
		assertEquals(0, exitCode, product + " " + String.join(" ", words) + ": " + out.toString(StandardCharsets.UTF_8)
				+ err.toString(StandardCharsets.UTF_8));
		return out.toString(StandardCharsets.UTF_8);
	}

	private static Command find(String product, String name) throws Exception {
		return service(Command.class, "(&(" + Command.NAME + "=" + name + ")(" + Command.PRODUCT + "=" + product + "))");
	}

	static <T> T service(Class<T> type, String filter) throws Exception {
		BundleContext context = FrameworkUtil.getBundle(Station.class).getBundleContext();
		List<String> parts = new ArrayList<>(List.of("(objectClass=" + type.getName() + ")"));
		if (filter != null) {
			parts.add(filter);
		}
		ServiceTracker<T, T> tracker = new ServiceTracker<>(context,
				context.createFilter(parts.size() == 1 ? parts.get(0) : "(&" + String.join("", parts) + ")"), null);
		tracker.open();
		try {
			T service = tracker.waitForService(10_000);
			assertNotNull(service, "no " + type.getSimpleName() + (filter == null ? "" : " " + filter) + " within 10 s");
			return service;
		} finally {
			tracker.close();
		}
	}
}
