package io.mintage.admin.tests;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.mintage.admin.Admin;
import io.mintage.admin.Firmware;
import io.mintage.admin.IssuedJob;
import io.mintage.admin.JobRequest;
import io.mintage.admin.QuotaRequest;
import io.mintage.admin.Royalty;
import io.mintage.admin.Station;
import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.trust.CmsSigner;
import io.mintage.trust.EnrolmentRequest;
import io.mintage.trust.DeviceRecord;
import io.mintage.trust.MintageObjectIds;
import io.mintage.trust.EcdsaSigningKey;
import io.mintage.trust.ProductId;
import io.mintage.trust.ProductionReport;
import io.mintage.trust.QuotaKey;
import io.mintage.trust.RecordOptions;
import io.mintage.trust.RecordSigner;
import io.mintage.trust.ReportEvent;
import io.mintage.trust.internal.ReportCodec;
import io.mintage.trust.internal.SignedCms;

/**
 * A station as the admin sees it through its reports: its real key and certificate (enrolled by the
 * admin), the batch keys unwrapped from real quota keys, and a ledger kept as a list of events with
 * their chain, written out as signed production reports exactly as the station's {@code Ledger.report}
 * makes them ({@link ProductionReport#issue}). Tests then bend what a station would never write.
 */
final class SyntheticStation implements AutoCloseable {

	static final byte[] GENESIS = new byte[32];
	static final UUID NO_JOB = new UUID(0, 0);

	Station station;
	final KeyStoreSession keys;
	CmsSigner signer;
	private final Admin admin;
	private final Path folder;
	private final X509Certificate authority;
	/** Everything the station's ledger holds, in order. */
	final List<ReportEvent> ledger = new ArrayList<>();
	/** The events up to here are reported. */
	private int reported;
	private byte[] reportedChain = GENESIS;
	private Instant time;
	private Optional<Instant> signingAt = Optional.empty();
	private int nextUid;
	private final int uidPrefix;

	private SyntheticStation(Admin admin, Path folder, Station station, KeyStoreSession keys, int uidPrefix)
			throws Exception {
		this.admin = admin;
		this.folder = folder;
		this.station = station;
		this.keys = keys;
		this.authority = admin.authority().require().certificate();
		this.signer = new CmsSigner(keys, "station", station.certificate().orElseThrow());
		this.uidPrefix = uidPrefix;
		this.time = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
	}

	/** Enrols a station named {@code name} (its key in {@code folder}); its chips' UIDs start with {@code uidPrefix}. */
	static SyntheticStation enrol(Admin admin, Path folder, String name, int uidPrefix) throws Exception {
		Station station = Fixture.enrol(admin, folder, name);
		return new SyntheticStation(admin, folder, station, io.mintage.testing.KeyStores.openSoft(folder,
				name.replace(' ', '-')), uidPrefix);
	}

	/**
	 * The station's certificate renewed: the admin enrols a new request for the same key, and the station
	 * signs its reports with the new certificate from now on; its ledger goes on.
	 */
	void renew() throws Exception {
		station = admin.stations().enrol(EnrolmentRequest.create(keys, "station", station.name()), Optional.empty());
		signer = new CmsSigner(keys, "station", station.certificate().orElseThrow());
	}

	/** A job the admin issued for this station with a new quota; accepted (job-accepted appended). */
	Job job(Firmware firmware, long count, Optional<Royalty> royalty) throws Exception {
		QuotaRequest quota = new QuotaRequest(station.serial(), firmware.product(), count, OptionalLong.empty(),
				Optional.empty(), Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), royalty);
		IssuedJob issued = admin.quotas().issueJob(new JobRequest(station.serial(), firmware.id(), Optional.empty(),
				new RecordOptions(false), Optional.of(quota), Optional.empty(), Optional.empty()), ProgressMonitor.NONE);
		return accept(issued);
	}

	/** Accepts a job the admin issued (for this station, or, to bend the rules, for another). */
	Job accept(IssuedJob issued) throws Exception {
		QuotaKey key = QuotaKey.read(admin.quotas().quotaKey(issued.quota().id()), authority);
		String alias = "batch-" + key.terms().quotaId();
		if (!keys.aliases().contains(alias)) {
			KeyPair batch = key.unwrapBatchKey(keys, "station");
			keys.importKeyPair(alias, batch);
		}
		Job job = new Job(issued.id(), key, new RecordSigner(EcdsaSigningKey.inBackend(keys, alias), key.batchCertificate()),
				EcdsaSigningKey.inBackend(keys, alias));
		append("job-accepted", job.id, Optional.empty(), OptionalLong.empty(), Optional.empty(),
				Optional.of("job '" + issued.name() + "', quota " + key.terms().quotaId() + ", serials "
						+ key.terms().serials()));
		return job;
	}

	/** A job of this station: its quota key and a signer of its records; serials handed out densely. */
	final class Job {
		final UUID id;
		final QuotaKey quota;
		final RecordSigner records;
		final EcdsaSigningKey batchKey;
		private long used;

		Job(UUID id, QuotaKey quota, RecordSigner records, EcdsaSigningKey batchKey) {
			this.id = id;
			this.quota = quota;
			this.records = records;
			this.batchKey = batchKey;
		}

		ProductId product() {
			return quota.terms().product();
		}

		long nextSerial() {
			return quota.terms().serials().first().value() + used++;
		}

		long firstSerial() {
			return quota.terms().serials().first().value();
		}
	}

	/** A chip UID of this station (prefix, number): the same number gives the same chip. */
	DeviceUid uid(int number) {
		return DeviceUid.of(ByteBuffer.allocate(12).putInt(0x2b0047).putInt(uidPrefix).putInt(number).array());
	}

	DeviceUid newUid() {
		return uid(nextUid++);
	}

	/** A device programmed without trouble: authorized and completed. Returns its serial. */
	long device(Job job, DeviceUid uid) throws Exception {
		long serial = authorize(job, uid);
		complete(job, uid, serial, false);
		return serial;
	}

	long authorize(Job job, DeviceUid uid) throws Exception {
		long serial = job.nextSerial();
		authorize(job, uid, serial, job.records.sign(new SerialNumber(serial), uid, Optional.empty()).encode());
		return serial;
	}

	void authorize(Job job, DeviceUid uid, long serial, byte[] record) {
		append("device-authorized", job.id, Optional.of(uid), OptionalLong.of(serial), Optional.of(record),
				Optional.of("site 1"));
	}

	void complete(Job job, DeviceUid uid, long serial, boolean rework) {
		append("device-completed", job.id, Optional.of(uid), OptionalLong.of(serial), Optional.empty(),
				Optional.of(rework ? "site 1, rework" : "site 1"));
	}

	void fail(Job job, DeviceUid uid, long serial, String step) {
		append("device-failed", job.id, Optional.of(uid), OptionalLong.of(serial), Optional.empty(),
				Optional.of("site 1, step " + step + ": lost contact"));
	}

	void rework(Job job, DeviceUid uid, long serial) {
		append("device-rework", job.id, Optional.of(uid), OptionalLong.of(serial), Optional.empty(),
				Optional.of("site 1"));
	}

	/** A device refused before authorization: no serial used. */
	void refused(Job job, DeviceUid uid) {
		append("device-failed", job.id, Optional.of(uid), OptionalLong.empty(), Optional.empty(),
				Optional.of("site 1, step identify: the chip is read-protected"));
	}

	/** A checkpoint: the station key's signature over the chain hash of the last event. */
	void checkpoint() throws Exception {
		byte[] chain = chainAt(ledger.size());
		append("checkpoint", NO_JOB, Optional.empty(), OptionalLong.empty(), Optional.of(keys.sign("station", chain)),
				Optional.of("signs the chain hash of event " + ledger.size()));
	}

	/** The completion time of the next event: each event one second after the one before. */
	void at(Instant next) {
		time = next;
	}

	Instant time() {
		return time;
	}

	/** The signing time of the reports from now on (default: now, or after the last event when that is later). */
	void signAt(Instant signing) {
		signingAt = Optional.of(signing);
	}

	private void append(String type, UUID job, Optional<DeviceUid> uid, OptionalLong serial, Optional<byte[]> record,
			Optional<String> detail) {
		ledger.add(new ReportEvent(ledger.size() + 1, type, time, job, uid, serial, record, detail));
		time = time.plusSeconds(1);
	}

	/** The chain hash after the first {@code events} events of the ledger. */
	byte[] chainAt(int events) {
		byte[] chain = GENESIS;
		for (int i = 0; i < events; i++) {
			chain = ledger.get(i).chainHash(chain);
		}
		return chain;
	}

	/** The events not reported yet, as the next report; the ledger then counts them as reported. */
	Path report() throws Exception {
		List<ReportEvent> events = ledger.subList(reported, ledger.size());
		Path file = write(issue(UUID.randomUUID(), reportedChain, events, signer));
		reportedChain = chainAt(ledger.size());
		reported = ledger.size();
		return file;
	}

	/** A report of exactly these events, continuing {@code previous}, signed by {@code by}. */
	ProductionReport issue(UUID id, byte[] previous, List<ReportEvent> events, CmsSigner by) throws Exception {
		Instant signing = signingAt.orElse(time.isAfter(Instant.now()) ? time.plusSeconds(1) : Instant.now());
		return ProductionReport.issue(by, id, previous, List.copyOf(events),
				Clock.fixed(signing.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
	}

	Path write(ProductionReport report) throws Exception {
		Path file = Files.createTempFile(folder, "report-", ".mreport");
		Files.write(file, report.encoded());
		return file;
	}

	/**
	 * A report of these events from the genesis value signed by {@code by} without the checks
	 * {@link ProductionReport#issue} makes after signing: for signatures a station never makes.
	 */
	Path signedWithoutCheck(UUID id, List<ReportEvent> events, CmsSigner by) throws Exception {
		List<byte[]> hashes = new ArrayList<>();
		byte[] chain = GENESIS;
		for (ReportEvent event : events) {
			chain = event.chainHash(chain);
			hashes.add(chain);
		}
		byte[] content = ReportCodec.encode(id, MessageDigest.getInstance("SHA-256").digest(
				by.certificate().getEncoded()), GENESIS, events, hashes);
		byte[] encoded = SignedCms.sign(by, MintageObjectIds.PRODUCTION_REPORT, content,
				Instant.now().truncatedTo(ChronoUnit.SECONDS), "the production report");
		Path file = Files.createTempFile(folder, "report-", ".mreport");
		Files.write(file, encoded);
		return file;
	}

	/** A record for {@code serial} signed with the job's batch key whatever the range says. */
	static byte[] signedAnyway(Job job, long serial, DeviceUid uid) throws Exception {
		DeviceRecord.Content content = new DeviceRecord.Content(job.product(), new SerialNumber(serial), uid,
				Optional.empty(), job.quota.batchCertificate());
		return new DeviceRecord(content, job.batchKey.sign(content.signedBytes())).encode();
	}

	@Override
	public void close() {
		keys.close();
	}
}
