package io.mintage.station.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.core.DeviceUid;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.ledger.Ledger;
import io.mintage.serial.SerialPorts;
import io.mintage.sim.ChipFeeder;
import io.mintage.sim.EmulatedChip;
import io.mintage.sim.EmulatorFactory;
import io.mintage.sim.FaultPlan;
import io.mintage.sim.FeedPlan;
import io.mintage.sim.HostOptions;
import io.mintage.sim.lpc.LpcEmulatorFactory;
import io.mintage.sim.stm32.Stm32EmulatorFactory;
import io.mintage.station.engine.DeviceBudget;
import io.mintage.station.engine.DeviceOutcome;
import io.mintage.station.engine.EngineListener;
import io.mintage.station.engine.Production;
import io.mintage.station.engine.ProductionEngine;
import io.mintage.station.engine.ProductionException;
import io.mintage.station.engine.SiteAddress;
import io.mintage.trust.FirmwareHash;
import io.mintage.trust.P256PublicKey;
import io.mintage.trust.PemFiles;
import io.mintage.trust.ProductId;
import io.mintage.trust.RecordVerifier;

/**
 * The production engine end to end on emulated chips behind real ptys, fed one after another as an
 * operator would: a real station (authority, enrolment, job, accept through the commands), the engine
 * through the Production service, the ledger on a real SQLite file. Every passed chip's flash is read
 * out of the emulator afterwards: the firmware where the job put it, and a record the firmware's check
 * accepts for that very chip.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProductionTest {

	static final String PRODUCT = "0x13572468";
	static final ProductionEngine.Options FAST = new ProductionEngine.Options(Duration.ofMillis(20), 2, 256);

	/** One family as the tests use it: emulator, probe, where flash starts and where the record goes. */
	record Chip(String family, String variant, String probe, long flashBase, int recordOffset, EmulatorFactory factory) {

		static Chip of(String name) {
			return switch (name) {
			case "stm32f1" -> new Chip("stm32f1", "f103xb", "stm32uart", 0x0800_0000L, 127 * 1024, new Stm32EmulatorFactory());
			case "stm32f4" -> new Chip("stm32f4", "f407xg", "stm32uart", 0x0800_0000L, 0xE0000, new Stm32EmulatorFactory());
			case "stm32f0" -> new Chip("stm32f0", "f030x8", "stm32uart", 0x0800_0000L, 63 * 1024, new Stm32EmulatorFactory());
			case "lpc11c24" -> new Chip("lpc11c24", "301", "lpcisp", 0, 7 * 4096, new LpcEmulatorFactory());
			default -> throw new IllegalArgumentException(name);
			};
		}
	}

	@TempDir
	Path work;

	Path admin;
	Path station;
	byte[] firmware;
	SerialPorts ports;
	Production production;

	@BeforeEach
	void services() throws Exception {
		admin = work.resolve("admin-state");
		station = work.resolve("station-state");
		ports = service(SerialPorts.class);
		production = service(Production.class);
	}

	static <T> T service(Class<T> type) throws Exception {
		BundleContext context = FrameworkUtil.getBundle(ProductionTest.class).getBundleContext();
		ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
		tracker.open();
		try {
			T service = tracker.waitForService(5_000);
			assertNotNull(service, "no " + type.getSimpleName() + " within 5 s");
			return service;
		} finally {
			tracker.close();
		}
	}

	/** Authority, station, enrolment and an accepted job of {@code count} serials from 1000 for the family. */
	void station(Chip chip, int count, String... jobOptions) throws Exception {
		ok(Commands.run("admin", work, admin, TrustChainTest.args("init", "--name", "Test Authority",
				TrustChainTest.softOptions(work, "authority"))));
		ok(Commands.run("station", work, station, TrustChainTest.args("init", "--name", "Line 3", "--out", "line3.csr",
				TrustChainTest.softOptions(work, "station"))));
		ok(Commands.run("admin", work, admin, "enrol", "line3.csr", "--out", "line3.pem"));
		ok(Commands.run("admin", work, admin, "export-anchor", "--pem", "authority.pem"));
		ok(Commands.run("station", work, station, "install-cert", "line3.pem", "--authority", "authority.pem"));
		firmware = new byte[3 * 1024 + 20];
		new Random(42).nextBytes(firmware);
		writeHex(work.resolve("fw.hex"), chip.flashBase(), firmware);
		ok(Commands.run("admin", work, admin, TrustChainTest.args("issue-job", "--station", "line3.pem", "--product",
				PRODUCT, "--product-name", "Sensor", "--family", chip.family(), "--firmware", "fw.hex", "--firmware-version",
				"2.1.0", "--bind-firmware-hash", "--count", Integer.toString(count), "--serial-start", "1000",
				"--valid-until", TrustChainTest.days(30), "--out", "job.mjob", List.of(jobOptions))));
		ok(Commands.run("station", work, station, "accept", "job.mjob"));
	}

	ChipFeeder feed(Chip chip, String link, int chips, byte[] firstUid, IntFunction<FaultPlan> faults) throws Exception {
		FeedPlan plan = FeedPlan.of(chip.family()).withVariant(chip.variant()).withCount(chips)
				.withSwapDelay(Duration.ofMillis(30)).withFlashTimeScale(0.01);
		if (firstUid != null) {
			plan = plan.withFirstUid(firstUid);
		}
		if (faults != null) {
			plan = plan.withFaultsPerChip(faults);
		}
		HostOptions options = HostOptions.of(chip.factory().wire(115_200)).withoutWireTime();
		return ChipFeeder.onPty(chip.factory(), plan, work.resolve(link), ports, options, ChipFeeder.Events.NONE);
	}

	static String site(Chip chip, ChipFeeder feeder) {
		return chip.probe() + ":" + feeder.host().clientPath() + "?baud=115200";
	}

	/** What the engine reported, in order. */
	static final class Outcomes implements EngineListener {
		final List<DeviceOutcome> all = Collections.synchronizedList(new ArrayList<>());
		final List<String> stops = Collections.synchronizedList(new ArrayList<>());
		final List<io.mintage.station.engine.SiteStatus> fails = Collections.synchronizedList(new ArrayList<>());

		@Override
		public void deviceFinished(DeviceOutcome outcome) {
			all.add(outcome);
		}

		@Override
		public void siteChanged(io.mintage.station.engine.SiteStatus status) {
			if (status.phase() == io.mintage.station.engine.SiteStatus.Phase.FAIL) {
				fails.add(status);
			}
		}

		@Override
		public void jobStopped(String reason) {
			stops.add(reason);
		}

		List<DeviceOutcome> passes() {
			synchronized (all) {
				return all.stream().filter(DeviceOutcome::pass).toList();
			}
		}

		List<DeviceOutcome> failures() {
			synchronized (all) {
				return all.stream().filter(o -> !o.pass()).toList();
			}
		}

		void await(Predicate<Outcomes> done, Duration limit) throws InterruptedException {
			long end = System.nanoTime() + limit.toNanos();
			while (!done.test(this)) {
				if (System.nanoTime() > end) {
					throw new AssertionError("not within " + limit + ": " + all + " " + stops);
				}
				Thread.sleep(20);
			}
		}
	}

	/** Runs the sites on threads until {@code done}, then stops them; returns once every site ended. */
	static void runUntil(ProductionEngine engine, DeviceBudget budget, Outcomes outcomes, Predicate<Outcomes> done)
			throws Exception {
		List<Thread> threads = new ArrayList<>();
		for (var site : engine.sites()) {
			Thread thread = new Thread(() -> engine.run(site.site(), budget, ProgressMonitor.NONE), "site " + site.site());
			threads.add(thread);
			thread.start();
		}
		try {
			outcomes.await(done, Duration.ofSeconds(60));
		} finally {
			engine.stopAll();
			for (Thread thread : threads) {
				thread.join(30_000);
				assertFalse(thread.isAlive(), thread.getName() + " did not stop");
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "stm32f1", "stm32f4", "lpc11c24", "stm32f0" })
	void programsChipAfterChipAndEachHoldsTheFirmwareAndARecordItsFirmwareAccepts(String family) throws Exception {
		Chip chip = Chip.of(family);
		station(chip, 10, family.equals("stm32f0") ? new String[] { "--accept-undocumented-uid" } : new String[0]);
		Outcomes outcomes = new Outcomes();
		try (ChipFeeder feeder = feed(chip, "tty-" + family, 3, null, null);
				Production.Session session = production.open(station, Optional.empty(), FAST)) {
			ProductionEngine engine = session.engine();
			engine.addListener(outcomes);
			int site = engine.addSite(SiteAddress.parse(site(chip, feeder)));
			engine.run(site, DeviceBudget.of(3), ProgressMonitor.NONE);

			assertEquals(3, outcomes.passes().size(), outcomes.all.toString());
			assertEquals(List.of(1000L, 1001L, 1002L), outcomes.passes().stream().map(o -> o.serial().getAsLong()).toList());
			assertTrue(outcomes.passes().stream().noneMatch(DeviceOutcome::rework));
			assertEquals(3, engine.quota().used());
			assertEquals(7, engine.quota().left());
			assertTrue(feeder.awaitFed(3, Duration.ofSeconds(5)));
			for (int i = 0; i < 3; i++) {
				assertHoldsFirmwareAndRecord(chip, feeder.fed().get(i));
			}
			Ledger.Counters counters = session.ledger().counters(Optional.of(engine.job().id()), java.time.Instant.EPOCH);
			assertEquals(3, counters.completedTotal());
			assertEquals(0, counters.failedTotal());
		}
		Commands.Result verified = Commands.run("station", work, station, "verify-ledger");
		ok(verified);
		assertTrue(verified.out().contains("The ledger is intact"), verified.out());
	}

	void assertHoldsFirmwareAndRecord(Chip chip, EmulatedChip emulated) throws Exception {
		byte[] flash = emulated.flashContents();
		byte[] written = Arrays.copyOf(flash, firmware.length);
		if (chip.family().equals("lpc11c24")) {
			// the vector checksum in word 7 is the family's, not the image's
			System.arraycopy(firmware, 28, written, 28, 4);
		}
		assertArrayEquals(firmware, written, "the firmware on chip " + HexFormat.of().formatHex(emulated.uid()));
		byte[] record = Arrays.copyOfRange(flash, chip.recordOffset(), chip.recordOffset() + 304);
		X509Certificate authority = PemFiles.readCertificate(work.resolve("authority.pem"));
		byte[] hash = HexFormat.of().parseHex(Commands.loader()
				.load(work.resolve("fw.hex"), io.mintage.image.ReadOptions.defaults()).image().sha256());
		new RecordVerifier(P256PublicKey.fromJca(authority.getPublicKey()), new ProductId(0x13572468L), Clock.systemUTC())
				.verify(record, DeviceUid.of(emulated.uid()), FirmwareHash.of(hash));
	}

	@Test
	void aChipWithItsRecordGetsTheSameRecordAgainAndUsesNoQuotaAfterLostContact() throws Exception {
		Chip chip = Chip.of("stm32f1");
		station(chip, 10);
		Outcomes outcomes = new Outcomes();
		// the first chip loses contact in the middle of programming (byte 2,000 it receives) for 6 s, longer
		// than the probe's own retries wait: taken out mid-write and put back
		try (ChipFeeder feeder = feed(chip, "tty-loss", 2, null,
				n -> n == 1 ? FaultPlan.parse("powerloss@2000:6000") : FaultPlan.none());
				Production.Session session = production.open(station, Optional.empty(), FAST)) {
			ProductionEngine engine = session.engine();
			engine.addListener(outcomes);
			engine.addSite(SiteAddress.parse(site(chip, feeder)));
			engine.run(1, DeviceBudget.of(2), ProgressMonitor.NONE);

			List<DeviceOutcome> failures = outcomes.failures();
			assertEquals(1, failures.size(), outcomes.all.toString());
			assertTrue(failures.get(0).message().startsWith("contact lost during "), failures.get(0).message());
			assertEquals(1000L, failures.get(0).serial().getAsLong(), "authorized before the device was touched");
			List<DeviceOutcome> passes = outcomes.passes();
			assertEquals(2, passes.size());
			assertTrue(passes.get(0).rework(), "the retry reuses the record");
			assertEquals(failures.get(0).uid(), passes.get(0).uid());
			assertEquals(1000L, passes.get(0).serial().getAsLong());
			assertEquals(1001L, passes.get(1).serial().getAsLong());
			assertEquals(2, engine.quota().used(), "two chips, two serials, however many attempts");
			assertHoldsFirmwareAndRecord(chip, feeder.fed().get(0));
			assertHoldsFirmwareAndRecord(chip, feeder.fed().get(1));
		}
	}

	/** What the site showed for the one chip it refused. */
	record Refused(String message, String advice) {
	}

	/**
	 * One {@code chip} on a site with {@code settings} added to its address, refused: checks it used no
	 * quota and was not tried again while it stayed.
	 */
	Refused refusedOnce(Chip chip, String settings) throws Exception {
		Outcomes outcomes = new Outcomes();
		try (ChipFeeder feeder = feed(chip, "tty-" + chip.family(), 1, null, null);
				Production.Session session = production.open(station, Optional.empty(), FAST)) {
			ProductionEngine engine = session.engine();
			engine.addListener(outcomes);
			engine.addSite(SiteAddress.parse(site(chip, feeder) + settings));
			runUntil(engine, DeviceBudget.of(1), outcomes, o -> !o.failures().isEmpty());
			assertEquals(0, engine.quota().used());
			assertEquals(1, outcomes.all.size(), "a refused chip that stays is not tried again: " + outcomes.all);
			return new Refused(outcomes.failures().get(0).message(), outcomes.fails.get(0).advice());
		}
	}

	@Test
	void aChipOfAnotherFamilyIsRefusedAndUsesNoQuota() throws Exception {
		station(Chip.of("stm32f1"), 10);
		Refused refused = refusedOnce(Chip.of("stm32f4"), "");
		assertTrue(refused.message().startsWith("this is a STM32F4 (STM32F4") && refused.message()
				.endsWith("); job 'Sensor 2.1.0' makes STM32F1 devices"), refused.message());
		assertEquals("Use a STM32F1 board on this site; no quota was used", refused.advice());
	}

	/** A site whose supply fits no range of the chip's bootloader: refused in plain words, no quota used. */
	@Test
	void aSupplyTheChipCannotTakeIsRefusedAndUsesNoQuota() throws Exception {
		Chip f4 = Chip.of("stm32f4");
		station(f4, 10);
		Refused refused = refusedOnce(f4, "&supply=5");
		assertTrue(refused.message().startsWith("the site's supply of 5.0 V is outside the ranges the STM32F4")
				&& refused.message().contains("bootloader programs flash in (1.8–3.6 V): check supply= in the address"),
				refused.message());
		assertEquals("Correct the site's address in the station's settings; no quota was used", refused.advice());
	}

	@Test
	void theQuotaUsedUpStopsEverySiteCleanlyAndSaysSo() throws Exception {
		Chip chip = Chip.of("stm32f1");
		station(chip, 2);
		Outcomes outcomes = new Outcomes();
		try (ChipFeeder feeder = feed(chip, "tty-quota", 3, null, null);
				Production.Session session = production.open(station, Optional.empty(), FAST)) {
			ProductionEngine engine = session.engine();
			engine.addListener(outcomes);
			engine.addSite(SiteAddress.parse(site(chip, feeder)));
			engine.run(1, DeviceBudget.unlimited(), ProgressMonitor.NONE);
			assertEquals(2, outcomes.passes().size(), outcomes.all.toString());
			assertEquals(List.of("Quota used up: all 2 serials of job 'Sensor 2.1.0' are signed; ask the admin for a new job"),
					outcomes.stops);
			assertEquals(2, engine.quota().used());
			assertTrue(engine.sites().get(0).headline().contains("Quota used up"), engine.sites().get(0).toString());
			byte[] third = feeder.fed().get(2).flashContents();
			assertTrue(allErased(third), "the third chip was not touched");
		}
	}

	@Test
	void aReadProtectedChipIsRefusedWhenTheJobDoesNotAllowUnprotecting() throws Exception {
		Chip chip = Chip.of("stm32f1");
		station(chip, 10, "--protect", "protected");
		Outcomes outcomes = new Outcomes();
		try (ChipFeeder feeder = feed(chip, "tty-rdp", 2, null, null);
				Production.Session session = production.open(station, Optional.empty(), FAST)) {
			ProductionEngine engine = session.engine();
			engine.addListener(outcomes);
			engine.addSite(SiteAddress.parse(site(chip, feeder)));
			// the first chip passes and is protected by the job; it is taken out, the next is blank
			engine.run(1, DeviceBudget.of(2), ProgressMonitor.NONE);
			assertEquals(2, outcomes.passes().size(), outcomes.all.toString());
			assertTrue(feeder.fed().get(0).readoutProtected(), "the job's protection is set");
		}
		// a protected chip from elsewhere (not fed: it stays in the fixture), on a job that does not allow
		// unprotecting
		Outcomes second = new Outcomes();
		io.mintage.sim.stm32.Stm32Bootloader protectedChip = new io.mintage.sim.stm32.Stm32Bootloader(
				io.mintage.sim.stm32.Stm32Variant.F103XB, HexFormat.of().parseHex("aa0047000e51363236313533"), 0.01);
		try (io.mintage.sim.EmulatorHost host = io.mintage.sim.EmulatorHost.onPty(protectedChip, work.resolve("tty-rdp2"),
				ports, HostOptions.of(chip.factory().wire(115_200)).withoutWireTime());
				Production.Session session = production.open(station, Optional.empty(), FAST)) {
			var driver = new io.mintage.probe.stm32uart.internal.Stm32UartDriver(ports);
			try (var connection = driver.connect(host.clientPath() + "?baud=115200", ProgressMonitor.NONE)) {
				connection.protect(1);
			}
			ProductionEngine engine = session.engine();
			engine.addListener(second);
			engine.addSite(SiteAddress.parse(chip.probe() + ":" + host.clientPath() + "?baud=115200"));
			runUntil(engine, DeviceBudget.of(1), second, o -> !o.failures().isEmpty());
			assertEquals("the chip is read-protected: unprotecting erases it; allowed by this job? no",
					second.failures().get(0).message());
			assertEquals(2, engine.quota().used(), "no quota used for it");
			assertEquals(1, second.all.size(), "a refused chip that stays is not tried again");
		}
	}

	@Test
	void twoSitesSeeingTheSameChipUidOneIsRefused() throws Exception {
		Chip chip = Chip.of("stm32f1");
		station(chip, 10);
		byte[] uid = HexFormat.of().parseHex("2b0047000e51363236313533");
		Outcomes outcomes = new Outcomes();
		// wire time on: the pipeline takes long enough that both sites hold the chip UID at once
		FeedPlan plan = FeedPlan.of("stm32f1").withVariant("f103xb").withCount(1).withFirstUid(uid).withFlashTimeScale(0.01);
		HostOptions timed = HostOptions.of(chip.factory().wire(115_200));
		try (ChipFeeder a = ChipFeeder.onPty(chip.factory(), plan, work.resolve("tty-a"), ports, timed, ChipFeeder.Events.NONE);
				ChipFeeder b = ChipFeeder.onPty(chip.factory(), plan, work.resolve("tty-b"), ports, timed,
						ChipFeeder.Events.NONE);
				Production.Session session = production.open(station, Optional.empty(), FAST)) {
			ProductionEngine engine = session.engine();
			engine.addListener(outcomes);
			engine.addSite(SiteAddress.parse(site(chip, a)));
			engine.addSite(SiteAddress.parse(site(chip, b)));
			runUntil(engine, DeviceBudget.unlimited(), outcomes, o -> o.all.size() >= 2);
			assertEquals(1, outcomes.passes().size(), outcomes.all.toString());
			DeviceOutcome refused = outcomes.failures().get(0);
			assertTrue(refused.message().contains("sees chip UID 2b0047000e51363236313533, which site "), refused.message());
			assertTrue(refused.message().endsWith("is working on now: two fixtures hold the same chip or their cables are"
					+ " crossed"), refused.message());
			assertEquals(1, engine.quota().used());
		}
	}

	@Test
	void aRevokedStationCannotOpenARun() throws Exception {
		station(Chip.of("stm32f1"), 10);
		ok(Commands.run("admin", work, admin, "revoke", "line3.pem", "--reason", "key-compromise", "--out", "stations.crl"));
		ok(Commands.run("station", work, station, "install-revocations", "stations.crl"));
		ProductionException refused = org.junit.jupiter.api.Assertions.assertThrows(ProductionException.class,
				() -> production.open(station, Optional.empty(), FAST));
		assertTrue(refused.getMessage().contains("was revoked"), refused.getMessage());
	}

	@Test
	void theProgramCommandReportsJsonLinesAndStatusReportAndVerifyFollow() throws Exception {
		Chip chip = Chip.of("lpc11c24");
		station(chip, 5);
		try (ChipFeeder feeder = feed(chip, "tty-cmd", 2, null, null)) {
			Commands.Result run = Commands.run("station", work, station, "program", "--site", site(chip, feeder),
					"--count", "2", "--json", "--poll-ms", "20");
			ok(run);
			List<String> devices = run.out().lines().filter(l -> l.contains("\"type\":\"device\"")).toList();
			assertEquals(2, devices.size(), run.out());
			assertTrue(devices.stream().allMatch(l -> l.contains("\"result\":\"pass\"")), run.out());
			assertTrue(run.out().contains("\"type\":\"summary\",\"passed\":2,\"failed\":0"), run.out());
			assertTrue(run.out().contains("\"step\":\"program\""), "progress per step: " + run.out());
		}
		Commands.Result status = Commands.run("station", work, station, "status", "--json");
		ok(status);
		assertTrue(status.out().contains("\"used\":2,\"left\":3"), status.out());
		assertTrue(status.out().contains("\"passedToday\":2"), status.out());
		Commands.Result report = Commands.run("station", work, station, "report", "--out", "r1.mreport", "--json");
		ok(report);
		assertTrue(Files.size(work.resolve("r1.mreport")) > 1000);
		Commands.Result verified = Commands.run("station", work, station, "verify-ledger", "--json");
		ok(verified);
		assertTrue(verified.out().contains("\"intact\":true"), verified.out());
	}

	@Test
	void oneRunMakesTwoProductsOfTwoFamiliesEachChipForTheJobOfItsFamily() throws Exception {
		Chip f1 = Chip.of("stm32f1");
		Chip lpc = Chip.of("lpc11c24");
		station(f1, 10);
		writeHex(work.resolve("lpc.hex"), 0, firmware);
		ok(Commands.run("admin", work, admin, TrustChainTest.args("issue-job", "--station", "line3.pem", "--product",
				"0x2468", "--product-name", "Gateway", "--family", "lpc11c24", "--firmware", "lpc.hex",
				"--firmware-version", "1.0.0", "--count", "5", "--serial-start", "1", "--valid-until",
				TrustChainTest.days(30), "--out", "gateway.mjob")));
		ok(Commands.run("station", work, station, "accept", "gateway.mjob"));
		try (ChipFeeder a = feed(f1, "tty-two-f1", 2, null, null); ChipFeeder b = feed(lpc, "tty-two-lpc", 2, null, null)) {
			Commands.Result run = Commands.run("station", work, station, "program", "--site", site(f1, a), "--site",
					site(lpc, b), "--count", "4", "--json", "--poll-ms", "20");
			ok(run);
			assertEquals(4, run.out().lines().filter(l -> l.contains("\"result\":\"pass\"")).count(), run.out());
		}
		Commands.Result status = Commands.run("station", work, station, "status", "--json");
		ok(status);
		assertTrue(status.out().contains("\"name\":\"Sensor 2.1.0\"") && status.out().contains("\"count\":10,\"used\":2"),
				status.out());
		assertTrue(status.out().contains("\"count\":5,\"used\":2,\"left\":3"), status.out());
	}

	static boolean allErased(byte[] flash) {
		for (byte b : flash) {
			if (b != (byte) 0xFF) {
				return false;
			}
		}
		return true;
	}

	static void ok(Commands.Result result) {
		assertEquals(0, result.exitCode(), result.toString());
	}

	/** Intel HEX of {@code data} at {@code base}: extended linear address records, 16 bytes a line. */
	static void writeHex(Path file, long base, byte[] data) throws Exception {
		StringBuilder hex = new StringBuilder();
		long upper = -1;
		for (int offset = 0; offset < data.length; offset += 16) {
			long address = base + offset;
			if (address >>> 16 != upper) {
				upper = address >>> 16;
				hex.append(TrustChainTest.record(0, 4, new byte[] { (byte) (upper >>> 8), (byte) upper }));
			}
			byte[] line = Arrays.copyOfRange(data, offset, Math.min(data.length, offset + 16));
			hex.append(TrustChainTest.record((int) (address & 0xFFFF), 0, line));
		}
		hex.append(":00000001FF\n");
		Files.writeString(file, hex.toString(), StandardCharsets.US_ASCII);
	}
}
