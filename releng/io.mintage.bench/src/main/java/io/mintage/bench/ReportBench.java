package io.mintage.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminStore;
import io.mintage.admin.CheckOutcome;
import io.mintage.admin.ImportedReport;
import io.mintage.admin.IssuedQuota;
import io.mintage.admin.QuotaRequest;
import io.mintage.admin.ReportCheckResult;
import io.mintage.admin.ReportCounts;
import io.mintage.admin.Royalty;
import io.mintage.admin.Station;
import io.mintage.admin.internal.AdminStoreComponent;
import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.core.sign.KeyLocation;
import io.mintage.core.sign.KeyStoreConfiguration;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.SecretSource;
import io.mintage.sign.soft.internal.SoftSigningBackend;
import io.mintage.trust.CheckedEvent;
import io.mintage.trust.CmsSigner;
import io.mintage.trust.EnrolmentRequest;
import io.mintage.trust.ProductId;
import io.mintage.trust.ProductionReport;
import io.mintage.trust.ProductionReportReader;
import io.mintage.trust.QuotaKey;
import io.mintage.trust.QuotaTerms;
import io.mintage.trust.RecordSigner;
import io.mintage.trust.ReportEvent;
import io.mintage.trust.ReportHeader;
import io.mintage.trust.ReportImport;
import io.mintage.trust.ReportVerdict;
import io.mintage.trust.SerialRange;
import io.mintage.trust.internal.SoftwareSigningKey;

/**
 * Importing a production report of 100,000 devices (issue 6, point 7): reading and verifying it with
 * {@link ProductionReportReader} — signature, chain, and every device record's signatures — with 1 and
 * with 2 record-check threads, and the heap after a full collection as the import goes on.
 * <p>
 * {@code generate DIR [DEVICES]} makes, once, an authority and an enrolled station with their keys in
 * software keystores, two quota keys of 50,000 serials each, and the report: per device a
 * {@code device-authorized} event with its 304-byte record (signed by the batch key the station
 * unwrapped from the quota key) and a {@code device-completed} event, 1 % reworked, 0.5 % failed after
 * authorization, 0.5 % refused before, a checkpoint (the station key's signature) every 1,000 events;
 * signed by the station key. The authority, the station's enrolment and the quotas are made by the admin's
 * services in an admin folder beside the report. {@code measure DIR [DEVICES]} reads it, then imports it
 * into a fresh copy of that admin folder ({@code Reports.importReport}: every check against the
 * database, the devices counted): it is run in a small heap, so a reader or an import that held the
 * report would fail. Prints a Markdown table for docs/performance.md.
 */
public final class ReportBench {

	private static final String SECRET = "bench passphrase, not a secret";
	private static final ProductId PRODUCT = new ProductId(0x13572468L);
	private static final int QUOTAS = 2;
	private static final int HEAP_SAMPLES = 10;

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args[1]).toAbsolutePath();
		int devices = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
		switch (args[0]) {
			case "generate" -> generate(dir, devices);
			case "measure" -> measure(dir, devices);
			default -> throw new IllegalArgumentException("usage: ReportBench generate|measure DIR [DEVICES]");
		}
	}

	private static Path report(Path dir, int devices) {
		return dir.resolve("report-" + devices + ".der");
	}

	// --- generate ---

	private static void generate(Path dir, int devices) throws Exception {
		Files.createDirectories(dir);
		Path passphrase = dir.resolve("keystore.pass");
		if (!Files.exists(passphrase)) {
			Files.writeString(passphrase, SECRET);
			Files.setPosixFilePermissions(passphrase, PosixFilePermissions.fromString("rw-------"));
		}
		for (int each : new int[] { 1_000, devices }) {
			if (Files.exists(report(dir, each)) && Files.isDirectory(admin(dir, each))) {
				System.err.println("report bench: " + report(dir, each) + " is there from an earlier run");
				continue;
			}
			long start = System.nanoTime();
			generate(dir, passphrase, each);
			System.err.printf(Locale.ROOT, "report bench: made %s in %.0f s%n", report(dir, each),
					(System.nanoTime() - start) / 1e9);
		}
	}

	private static void generate(Path dir, Path passphrase, int devices) throws Exception {
		SoftSigningBackend backend = new SoftSigningBackend();
		Clock clock = Clock.systemUTC();
		Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		// keys and admin folder of a run that stopped before its report was written are not reused
		Files.deleteIfExists(dir.resolve("authority-" + devices + ".p12"));
		Files.deleteIfExists(dir.resolve("station-" + devices + ".p12"));
		deleteTree(admin(dir, devices));
		// the authority, the station's enrolment and the quotas are made by the admin's own services,
		// so that the import below finds them as a real admin database has them
		KeyLocation authorityKey = new KeyLocation("soft", "authority", KeyStoreConfiguration.softKeystore(
				dir.resolve("authority-" + devices + ".p12"), SecretSource.fromFile(passphrase)));
		Admin admin = store(backend).open(admin(dir, devices));
		admin.authority().create("Bench Authority", now.plus(Duration.ofDays(3650)), authorityKey);
		X509Certificate authority = admin.authority().require().certificate();
		try (KeyStoreSession stationKeys = backend.open(KeyStoreConfiguration.softKeystore(
				dir.resolve("station-" + devices + ".p12"), SecretSource.fromFile(passphrase)))) {
			stationKeys.generateKeyPair("station");
			Station enrolled = admin.stations().enrol(EnrolmentRequest.create(stationKeys, "station", "Bench Station"),
					Optional.of(now.plus(Duration.ofDays(365))));
			X509Certificate station = enrolled.certificate().orElseThrow();
			CmsSigner stationSigner = new CmsSigner(stationKeys, "station", station);

			List<RecordSigner> signers = new ArrayList<>();
			int perQuota = (devices + QUOTAS - 1) / QUOTAS;
			for (int q = 0; q < QUOTAS; q++) {
				IssuedQuota issued = admin.quotas().issue(new QuotaRequest(enrolled.serial(), PRODUCT, perQuota,
						OptionalLong.of(1_000_000L + q * 1_000_000L), Optional.of(now.minus(Duration.ofDays(2))),
						now.plus(Duration.ofDays(30)), Optional.of(Royalty.parse("0.125", "EUR"))));
				QuotaKey quota = QuotaKey.read(issued.quotaKey(), authority);
				// as the station does: the batch key comes out of the quota key with the station key
				KeyPair batch = quota.unwrapBatchKey(stationKeys, "station");
				byte[] scalar = unsigned32(((ECPrivateKey) batch.getPrivate()).getS().toByteArray());
				signers.add(new RecordSigner(new SoftwareSigningKey(scalar), quota.batchCertificate()));
			}
			List<byte[]> records = signRecords(signers, perQuota, devices);
			List<ReportEvent> events = events(records, signers, perQuota, now.minus(Duration.ofDays(1)), stationKeys);
			ProductionReport report = ProductionReport.issue(stationSigner, UUID.randomUUID(), new byte[32], events,
					clock);
			Files.write(dir.resolve("authority-" + devices + ".der"), authority.getEncoded());
			Files.write(report(dir, devices), report.encoded());
		}
	}

	/** The admin folder the report's authority, station and quotas are in. */
	private static Path admin(Path dir, int devices) {
		return dir.resolve("admin-" + devices);
	}

	/**
	 * The admin store as the admin product has it, its key stores the software backend alone; the image
	 * loader and the MCU families are for products and firmware, which the bench does not add.
	 */
	private static AdminStoreComponent store(SoftSigningBackend backend) {
		return new AdminStoreComponent(location -> location.open(List.of(backend)), null, null, Clock.systemUTC());
	}

	/** The records, signed on every core: signing 100,000 takes a while. */
	private static List<byte[]> signRecords(List<RecordSigner> signers, int perQuota, int devices) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
		try {
			List<Future<byte[]>> signed = new ArrayList<>();
			for (int i = 0; i < devices; i++) {
				int device = i;
				RecordSigner signer = signers.get(device / perQuota);
				long serial = signer == signers.get(0) ? 1_000_000L + device % perQuota : 2_000_000L + device % perQuota;
				signed.add(pool.submit(() -> signer.sign(new SerialNumber(serial), uid(device), Optional.empty()).encode()));
			}
			List<byte[]> records = new ArrayList<>();
			for (Future<byte[]> each : signed) {
				records.add(each.get());
			}
			return records;
		} finally {
			pool.shutdownNow();
		}
	}

	private static List<ReportEvent> events(List<byte[]> records, List<RecordSigner> signers, int perQuota,
			Instant start, KeyStoreSession stationKeys) throws Exception {
		List<ReportEvent> events = new ArrayList<>();
		Chain chain = new Chain(events);
		UUID[] jobs = new UUID[signers.size()];
		for (int q = 0; q < jobs.length; q++) {
			jobs[q] = UUID.randomUUID();
		}
		Instant at = start;
		for (int device = 0; device < records.size(); device++) {
			int quota = device / perQuota;
			UUID job = jobs[quota];
			if (device % perQuota == 0) {
				chain.add("job-accepted", at, job, null, OptionalLong.empty(), null, "job 'Bench " + quota + "'",
						stationKeys);
			}
			DeviceUid uid = uid(device);
			long serial = (quota + 1) * 1_000_000L + device % perQuota;
			String site = "site " + (device % 8 + 1);
			at = at.plusMillis(400);
			if (device % 200 == 7) {
				// refused before authorization: no serial used
				chain.add("device-failed", at, job, uid(10_000_000 + device), OptionalLong.empty(), null,
						site + ", step identify: the chip is read-protected", stationKeys);
			}
			chain.add("device-authorized", at, job, uid, OptionalLong.of(serial), records.get(device), site, stationKeys);
			if (device % 100 == 3) {
				chain.add("device-failed", at.plusMillis(100), job, uid, OptionalLong.of(serial), null,
						site + ", step verify: lost contact", stationKeys);
				chain.add("device-rework", at.plusMillis(200), job, uid, OptionalLong.of(serial), null, site, stationKeys);
				chain.add("device-completed", at.plusMillis(300), job, uid, OptionalLong.of(serial), null,
						site + ", rework", stationKeys);
			} else if (device % 200 == 11) {
				chain.add("device-failed", at.plusMillis(300), job, uid, OptionalLong.of(serial), null,
						site + ", step program: the flash did not verify", stationKeys);
			} else {
				chain.add("device-completed", at.plusMillis(300), job, uid, OptionalLong.of(serial), null, site,
						stationKeys);
			}
		}
		return events;
	}

	/** Appends events with their chain, and a checkpoint signed by the station key every 1,000 events. */
	private static final class Chain {

		private final List<ReportEvent> events;
		private byte[] hash = new byte[32];

		Chain(List<ReportEvent> events) {
			this.events = events;
		}

		void add(String type, Instant at, UUID job, DeviceUid uid, OptionalLong serial, byte[] record, String detail,
				KeyStoreSession stationKeys) throws Exception {
			append(new ReportEvent(events.size() + 1, type, at, job, Optional.ofNullable(uid), serial,
					Optional.ofNullable(record), Optional.ofNullable(detail)));
			if (events.size() % 1000 == 999) {
				long signed = events.size();
				append(new ReportEvent(events.size() + 1, "checkpoint", at, new UUID(0, 0), Optional.empty(),
						OptionalLong.empty(), Optional.of(stationKeys.sign("station", hash)),
						Optional.of("signs the chain hash of event " + signed)));
			}
		}

		private void append(ReportEvent event) {
			events.add(event);
			hash = event.chainHash(hash);
		}
	}

	private static DeviceUid uid(int device) {
		return DeviceUid.of(java.nio.ByteBuffer.allocate(12).putInt(0x2b0047).putInt(0x0e513632).putInt(device).array());
	}

	private static byte[] unsigned32(byte[] minimal) {
		byte[] fixed = new byte[32];
		int skip = Math.max(0, minimal.length - 32);
		System.arraycopy(minimal, skip, fixed, 32 - (minimal.length - skip), minimal.length - skip);
		return fixed;
	}

	// --- measure ---

	private static void measure(Path dir, int devices) throws Exception {
		Path report = report(dir, devices);
		X509Certificate authority = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(Files.newInputStream(dir.resolve("authority-" + devices + ".der")));
		X509Certificate smallAuthority = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(Files.newInputStream(dir.resolve("authority-1000.der")));
		// warm-up: the small report once, so the timed runs do not measure the JIT's first steps
		new ProductionReportReader(smallAuthority, 2).read(report(dir, 1_000), new Counting(0));

		System.out.println("| measure | figure | target |");
		System.out.println("|---|---|---|");
		long maxHeap = Runtime.getRuntime().maxMemory();
		System.out.printf(Locale.ROOT, "| report | %,d devices, %.1f MB, max heap of the reading JVM %d MiB | |%n",
				devices, Files.size(report) / 1e6, maxHeap >> 20);
		ReportVerdict verdict = null;
		for (int threads : new int[] { 1, 2 }) {
			Counting counting = new Counting(0);
			long start = System.nanoTime();
			verdict = new ProductionReportReader(authority, threads).read(report, counting);
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf(Locale.ROOT, "| read and verify, %d record thread%s | **%.1f s** (%,d events/s) | ≤ 60 s |%n",
					threads, threads == 1 ? "" : "s", seconds, (long) (verdict.events() / seconds));
		}
		System.out.printf(Locale.ROOT, "| what was verified | the signature over all %,d events, every chain hash,"
				+ " %,d device records (%,d refused) | all |%n", verdict.events(), verdict.recordsVerified(),
				verdict.recordsRefused());
		Counting sampled = new Counting(Math.max(1, verdict.events() / HEAP_SAMPLES));
		new ProductionReportReader(authority, 2).read(report, sampled);
		System.out.printf(Locale.ROOT, "| heap after a full GC, every %,d events (2 threads) | %s MiB | flat |%n",
				sampled.every, String.join(", ", sampled.heap));
		if (verdict.recordsRefused() != 0 || verdict.recordsVerified() != devices) {
			throw new IllegalStateException("the bench report should verify completely: " + verdict);
		}

		// the admin's import: the same reading, every check against the database, the devices counted,
		// into a copy of the admin folder the report was made with (a fresh one per run)
		SoftSigningBackend backend = new SoftSigningBackend();
		importInto(backend, dir, 1_000, ProgressMonitor.NONE); // warm-up
		HeapSamples samples = new HeapSamples(2 * Files.size(report) / HEAP_SAMPLES);
		long start = System.nanoTime();
		ImportedReport imported = importInto(backend, dir, devices, samples);
		double seconds = (System.nanoTime() - start) / 1e9;
		ReportCounts counts = imported.counts();
		System.out.printf(Locale.ROOT, "| import into the admin database (%d record threads) | **%.1f s**: %s, %,d devices"
				+ " counted, %,d reworks, %,d failed after authorization, %,d refused | ≤ 60 s |%n",
				Math.min(4, Runtime.getRuntime().availableProcessors()), seconds,
				imported.status().name().toLowerCase(Locale.ROOT), counts.counted(), counts.reworks(),
				counts.failedAfterAuthorization(), counts.refused());
		System.out.printf(Locale.ROOT, "| admin database after the import | %.1f MB | |%n",
				Files.size(dir.resolve("import-" + devices).resolve(AdminStore.DATABASE_FILE)) / 1e6);
		System.out.printf(Locale.ROOT, "| heap after a full GC during the import, every %.1f MB of progress | %s MiB |"
				+ " flat |%n", samples.every / 1e6, String.join(", ", samples.heap));
		for (ReportCheckResult check : imported.checks()) {
			if (check.outcome() == CheckOutcome.FAIL) {
				throw new IllegalStateException("the bench report should be counted: " + check.id() + ": "
						+ check.summary());
			}
		}
	}

	/** Imports the report of {@code devices} into a fresh copy of its admin folder. */
	private static ImportedReport importInto(SoftSigningBackend backend, Path dir, int devices, ProgressMonitor monitor)
			throws Exception {
		Path copy = dir.resolve("import-" + devices);
		deleteTree(copy);
		Files.createDirectories(copy);
		try (var files = Files.walk(admin(dir, devices))) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path target = copy.resolve(admin(dir, devices).relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				} else if (!file.getFileName().toString().endsWith(".lock")) {
					Files.copy(file, target);
				}
			}
		}
		Admin admin = store(backend).open(copy);
		return admin.reports().importReport(report(dir, devices), monitor);
	}

	private static void deleteTree(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (var files = Files.walk(folder)) {
			for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	/** The heap after a full collection, every {@code every} units of an import's progress. */
	private static final class HeapSamples implements ProgressMonitor {

		final long every;
		final List<String> heap = new ArrayList<>();
		private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		private long done;
		private long next;

		HeapSamples(long every) {
			this.every = Math.max(1, every);
			this.next = this.every;
		}

		@Override
		public void begin(String task, long totalWork) {
		}

		@Override
		public void worked(long work) {
			done += work;
			if (done >= next) {
				next += every;
				System.gc();
				heap.add(String.format(Locale.ROOT, "%.1f", memory.getHeapMemoryUsage().getUsed() / 1048576.0));
			}
		}

		@Override
		public boolean isCancelled() {
			return false;
		}
	}

	/** Counts the events, as an import would store them; optionally samples the heap after a full GC. */
	private static final class Counting implements ReportImport<ReportVerdict> {

		private final long every;
		private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		final List<String> heap = new ArrayList<>();
		long events;
		long digest;

		Counting(long every) {
			this.every = every;
		}

		@Override
		public void begin(ReportHeader header) {
			sample();
		}

		@Override
		public void event(CheckedEvent event) {
			events++;
			digest += event.chainHash()[0];
			if (every > 0 && events % every == 0) {
				sample();
			}
		}

		private void sample() {
			if (every > 0) {
				System.gc();
				heap.add(String.format(Locale.ROOT, "%.1f", memory.getHeapMemoryUsage().getUsed() / 1048576.0));
			}
		}

		@Override
		public ReportVerdict commit(ReportVerdict verdict) {
			return verdict;
		}

		@Override
		public void abandon(Exception cause) {
			// nothing was stored
		}
	}
}
