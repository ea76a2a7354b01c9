package io.mintage.station.internal;

import static io.mintage.station.internal.TrustChainTest.args;
import static io.mintage.station.internal.TrustChainTest.days;
import static io.mintage.station.internal.TrustChainTest.ok;
import static io.mintage.station.internal.TrustChainTest.softOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import io.mintage.core.mcu.McuFamily;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.mcu.RecordPlacement;
import io.mintage.trust.JobPackage;
import io.mintage.trust.PemFiles;
import io.mintage.trust.RecordOptions;

/**
 * The record options from {@code admin issue-job} through the signed job package to {@code station
 * jobs}: each option checked against the real family descriptors (STM32F0/F1/F4, LPC11C24) before
 * anything is issued, a refusal naming the choices and using up no serials. Keys in software keystores.
 */
class JobOptionsTest {

	private static final String PRODUCT = "0x13572468";

	@TempDir
	Path work;

	private Path admin;
	private Path station;
	private int nextSerial = 1000;

	@BeforeEach
	void setUpStation() throws Exception {
		admin = work.resolve("admin-state");
		station = work.resolve("station-state");
		ok(admin("init", "--name", "Test Authority", softOptions(work, "authority")));
		ok(station("init", "--name", "Line 3", "--out", "line3.csr", softOptions(work, "station")));
		ok(admin("enrol", "line3.csr", "--out", "line3.pem"));
		ok(admin("export-anchor", "--pem", "authority.pem"));
		ok(station("install-cert", "line3.pem", "--authority", "authority.pem"));
		TrustChainTest.writeFirmware(work.resolve("sensor.hex"));
	}

	@Test
	void everyOptionTravelsInTheJobPackageAndStationJobsShowsIt() throws Exception {
		Commands.Result issued = issueJob("f0.mjob", "stm32f0", "--bind-firmware-hash", "--protect", "level 1",
				"--allow-unprotect", "--record-place", "last-erase-unit", "--accept-undocumented-uid");
		ok(issued);
		String all = "firmware hash in records, protect 'level 1' after verify, protected chips unprotected (mass"
				+ " erase), record in last-erase-unit, chips with an undocumented UID accepted";
		assertTrue(issued.out().contains("Record options: " + all), issued.toString());
		assertEquals(new RecordOptions(true, Optional.of("level 1"), true, Optional.of("last-erase-unit"), true),
				read("f0.mjob").recordOptions());

		ok(issueJob("f1.mjob", "stm32f1"));
		assertEquals(new RecordOptions(false), read("f1.mjob").recordOptions());
		ok(issueJob("f4.mjob", "stm32f4", "--protect", "level 1", "--record-place", "otp"));
		ok(issueJob("lpc.mjob", "lpc11c24", "--protect", "CRP2"));
		assertEquals(new RecordOptions(false, Optional.of("CRP2"), false, Optional.empty(), false),
				read("lpc.mjob").recordOptions());

		for (String job : List.of("f0.mjob", "f1.mjob", "f4.mjob")) {
			ok(station("accept", job));
		}
		Commands.Result json = station("jobs", "--json");
		ok(json);
		assertTrue(json.out().contains("\"state\":\"ready\",\"recordOptions\":{\"bindFirmwareHash\":true,"
				+ "\"protection\":\"level 1\",\"allowUnprotect\":true,\"recordPlacement\":\"last-erase-unit\","
				+ "\"acceptUndocumentedUid\":true}}"), json.out());
		assertTrue(json.out().contains("\"family\":\"stm32f1\"") && json.out().contains("\"recordOptions\":{"
				+ "\"bindFirmwareHash\":false,\"protection\":null,\"allowUnprotect\":false,\"recordPlacement\":null,"
				+ "\"acceptUndocumentedUid\":false}"), json.out());
		assertTrue(json.out().contains("\"recordOptions\":{\"bindFirmwareHash\":false,\"protection\":\"level 1\","
				+ "\"allowUnprotect\":false,\"recordPlacement\":\"otp\",\"acceptUndocumentedUid\":false}"), json.out());

		Commands.Result text = station("jobs");
		ok(text);
		assertTrue(text.out().contains("ready / Sensor 1.0\n    record options: " + all + "\n"), text.out());
		assertTrue(text.out().contains("    record options: no firmware hash in records, protection left as found,"
				+ " protected chips refused, record in the family's default place, chips with an undocumented UID"
				+ " refused\n"), text.out());
		assertTrue(text.out().contains("    record options: no firmware hash in records, protect 'level 1' after"
				+ " verify, protected chips refused, record in otp, chips with an undocumented UID refused\n"),
				text.out());
	}

	@Test
	void theUsageListsTheOptionsAndStationJobsMentionsThem() throws Exception {
		String usage = Commands.find("admin", "issue-job").usage();
		for (String line : List.of("\n  --bind-firmware-hash  ", "\n  --protect LEVEL       ",
				"\n  --allow-unprotect     ", "\n  --record-place PLACE  ", "\n  --accept-undocumented-uid\n",
				"\n  --count N ", "\n  --name JOB ")) {
			assertTrue(usage.contains(line), "'" + line.strip() + "' in:\n" + usage);
		}
		assertTrue(Commands.find("station", "jobs").usage().contains("record options"));
	}

	@Test
	void aLevelTheFamilyDoesNotKnowOrNeverSetsIsAUsageErrorNamingTheChoices() throws Exception {
		usageError(issueJob("x.mjob", "stm32f1", "--protect", "level 1"),
				"--protect: the STM32F1 knows 'unprotected', 'protected'; 'level 1' is none of them");
		usageError(issueJob("x.mjob", "stm32f0", "--protect", "protected"),
				"--protect: the STM32F0 knows 'level 0', 'level 1' (and 'level 2', which Mintage never sets);"
						+ " 'protected' is none of them");
		usageError(issueJob("x.mjob", "stm32f0", "--protect", "level 2"),
				"--protect: Mintage never sets 'level 2' of the STM32F0 (RDP 0xCC: irreversible; debug and the"
						+ " bootloader are gone for good. Mintage never sets it.); the levels a job may set are"
						+ " 'level 0', 'level 1'");
		usageError(issueJob("x.mjob", "lpc11c24", "--protect", "CRP3"),
				"--protect: Mintage never sets 'CRP3' of the LPC11C24 (");
		// names are compared exactly, as the station will compare them with the descriptor
		usageError(issueJob("x.mjob", "stm32f1", "--protect", "Protected"),
				"--protect: the STM32F1 knows 'unprotected', 'protected'; 'Protected' is none of them");
	}

	@Test
	void aPlaceNoVariantOffersIsAUsageErrorNamingTheChoices() throws Exception {
		usageError(issueJob("x.mjob", "stm32f1", "--record-place", "otp"),
				"--record-place: the STM32F1 offers 'last-erase-unit'; 'otp' is offered by none of its variants");
		usageError(issueJob("x.mjob", "stm32f4", "--record-place", "flash"),
				"--record-place: the STM32F4 offers 'last-erase-unit', 'otp'; 'flash' is not a record place"
						+ " (last-erase-unit, otp)");
		usageError(issueJob("x.mjob", "stm32f1", "--accept-undocumented-uid"),
				"--accept-undocumented-uid: every STM32F1 variant has a documented UID, so there is no risk to accept");
	}

	@Test
	void anOptionSomeVariantsCannotCarryOutIsIssuedWithANote() throws Exception {
		BundleContext context = FrameworkUtil.getBundle(JobOptionsTest.class).getBundleContext();
		McuFamily f4 = context.getService(context.getServiceReferences(McuFamily.class, "(" + McuFamily.ID + "=stm32f4)")
				.iterator().next());
		// the STM32F4 as a family whose first variant lacks OTP: a descriptor could say so
		McuFamily partial = new McuFamily() {
			@Override
			public String id() {
				return "stm32f4-partial";
			}

			@Override
			public String displayName() {
				return "STM32F4 (partial)";
			}

			@Override
			public List<McuVariant> variants() {
				return f4.variants().stream().map(v -> v == f4.variants().get(0) ? withoutOtp(v) : v).toList();
			}
		};
		Dictionary<String, Object> properties = new Hashtable<>();
		properties.put(McuFamily.ID, partial.id());
		ServiceRegistration<McuFamily> registration = context.registerService(McuFamily.class, partial, properties);
		try {
			Commands.Result issued = issueJob("partial.mjob", "stm32f4-partial", "--record-place", "otp");
			ok(issued);
			assertTrue(issued.err().contains("Note: the record place 'otp' is not offered by 1 of "
					+ f4.variants().size() + " STM32F4 (partial) variants (" + f4.variants().get(0).name()
					+ "): the station refuses their chips"), issued.toString());
		} finally {
			registration.unregister();
		}
	}

	private static McuVariant withoutOtp(McuVariant v) {
		return new McuVariant(v.name(), v.deviceIds(), v.flash(), v.sectors(), v.writeGranularity(), v.erasedValue(),
				v.ram(), v.uid(), v.undocumentedUid(), v.flashSizeRegister(), v.bootloaderRam(), v.systemRegions(),
				RecordPlacement.LAST_ERASE_UNIT, List.of(RecordPlacement.LAST_ERASE_UNIT), v.protection(), v.eraseKind(),
				v.quirks(), v.unverified(), v.source(), v.supplyRanges());
	}

	/** A usage error (exit 2) with the reason, and nothing issued: no file, no serials taken. */
	private void usageError(Commands.Result result, String reason) throws Exception {
		assertEquals(2, result.exitCode(), result.toString());
		assertTrue(result.err().contains(reason), "expected '" + reason + "' in: " + result.err());
		assertFalse(Files.exists(work.resolve("x.mjob")));
		Path register = admin.resolve("authority").resolve("quotas.tsv");
		assertTrue(!Files.exists(register) || Files.readString(register).isEmpty(), "no quota registered");
	}

	private Commands.Result issueJob(String out, String family, String... options) throws Exception {
		int first = nextSerial;
		nextSerial += 10;
		return admin("issue-job", "--station", "line3.pem", "--product", PRODUCT, "--product-name", "Sensor",
				"--family", family, "--firmware", "sensor.hex", "--firmware-version", "1.0", "--count", "10",
				"--serial-start", Integer.toString(first), "--valid-until", days(30), "--out", out, List.of(options));
	}

	private JobPackage read(String file) throws Exception {
		X509Certificate authority = PemFiles.readCertificate(work.resolve("authority.pem"));
		return JobPackage.read(Files.readAllBytes(work.resolve(file)), authority);
	}

	private Commands.Result admin(String command, Object... rest) throws Exception {
		return Commands.run("admin", work, admin, args(command, rest));
	}

	private Commands.Result station(String command, Object... rest) throws Exception {
		return Commands.run("station", work, station, args(command, rest));
	}
}
