package io.mintage.trust.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.CmsSigner;
import io.mintage.trust.EnrolmentRequest;
import io.mintage.trust.FirmwareInfo;
import io.mintage.trust.JobPackage;
import io.mintage.trust.ProductId;
import io.mintage.trust.ProductInfo;
import io.mintage.trust.ProductionReport;
import io.mintage.trust.QuotaKey;
import io.mintage.trust.QuotaTerms;
import io.mintage.trust.RecordOptions;
import io.mintage.trust.ReportEvent;
import io.mintage.trust.SerialRange;
import io.mintage.trust.internal.Der;
import io.mintage.trust.internal.RecordOptionsCodec;

/**
 * The seed corpus of {@link CmsReadersFuzzTest}: with MINTAGE_WRITE_CMS_SEEDS=1 it makes a test
 * authority (keys in memory, thrown away) and writes its certificate and one valid quota key, job
 * package and report into corpus/, and the record options seeds; otherwise it checks the committed
 * seeds still read, so a format change cannot leave the fuzzer starting from refused inputs.
 */
class CmsSeedsTest {

	private static final Path CORPUS = Path.of("corpus/io/mintage/trust/fuzz");
	private static final Path INPUTS = CORPUS.resolve("CmsReadersFuzzTestInputs");

	@Test
	void seedsAreValidObjects() throws Exception {
		if ("1".equals(System.getenv("MINTAGE_WRITE_CMS_SEEDS"))) {
			write();
		}
		X509Certificate authority = CmsReadersFuzzTest.authority();
		byte[] quota = Files.readAllBytes(INPUTS.resolve("quotaKey/valid"));
		assertArrayEquals(quota, QuotaKey.read(quota, authority).encoded());
		byte[] job = Files.readAllBytes(INPUTS.resolve("jobPackage/valid"));
		assertArrayEquals(job, JobPackage.read(job, authority).encoded());
		byte[] report = Files.readAllBytes(INPUTS.resolve("productionReport/valid"));
		assertArrayEquals(report, ProductionReport.read(report, authority).encoded());
		for (String seed : List.of("valid", "checkpoints")) {
			byte[] streamed = Files.readAllBytes(INPUTS.resolve("streamingReport/" + seed));
			assertArrayEquals(streamed, ProductionReport.read(streamed, authority).encoded());
		}
		for (String seed : List.of("valid", "hash-only")) {
			byte[] options = Files.readAllBytes(INPUTS.resolve("recordOptions/" + seed));
			assertArrayEquals(options, Der.encode(RecordOptionsCodec.encode(
					RecordOptionsCodec.decode(Der.parse(options, "the options"), "the options"))));
		}
	}

	private static void write() throws Exception {
		Clock clock = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);
		MemoryKeys keys = new MemoryKeys();
		keys.generate("authority");
		keys.generate("station");
		X509Certificate authority = AuthorityCertificates.createAuthority(keys, "authority", "Fuzz Authority",
				Instant.parse("2099-01-01T00:00:00Z"), clock);
		X509Certificate station = AuthorityCertificates.issueStation(keys, "authority", authority,
				EnrolmentRequest.create(keys, "station", "Fuzz Station"), Instant.parse("2098-01-01T00:00:00Z"), clock);
		CmsSigner signer = new CmsSigner(keys, "authority", authority);
		QuotaKey quota = QuotaKey.issue(signer, station, new QuotaTerms(UUID.fromString(
				"5a0c8e1f-3b7d-4c92-a6e4-0f1d2c3b4a59"), new ProductId(0x13572468L),
				new SerialRange(new SerialNumber(65536), 10000), Instant.parse("2026-03-01T00:00:00Z"),
				Instant.parse("2027-03-01T00:00:00Z")), clock);
		byte[] firmware = new byte[16];
		JobPackage job = JobPackage.issue(signer, station, UUID.fromString("7d4c1a2b-0000-4000-8000-00000000c0de"),
				"Fuzz job", new ProductInfo(new ProductId(0x13572468L), "Fuzz product", "stm32f0"),
				new FirmwareInfo("fuzz.bin", "1.0", MessageDigest.getInstance("SHA-256").digest(firmware), 0x08000000L,
						firmware.length),
				firmware, new RecordOptions(true), quota, clock);
		UUID jobId = job.jobId();
		DeviceUid uid = DeviceUid.parse("2b0047000e51363236313533");
		ProductionReport report = ProductionReport.issue(new CmsSigner(keys, "station", station),
				UUID.fromString("0b7e3d2c-1111-4222-8333-444455556666"), new byte[32],
				List.of(new ReportEvent(1, "job-loaded", clock.instant(), jobId, Optional.empty(), OptionalLong.empty(),
						Optional.empty(), Optional.of("fuzz.bin")),
						new ReportEvent(2, "record-signed", clock.instant().plusMillis(1500), jobId, Optional.of(uid),
								OptionalLong.of(66770), Optional.of(new byte[] { 0x4d, 0x54 }), Optional.empty())),
				clock);
		Files.createDirectories(CORPUS);
		Files.write(CORPUS.resolve("cms-authority.der"), authority.getEncoded());
		write("quotaKey", quota.encoded());
		write("jobPackage", job.encoded());
		write("productionReport", report.encoded());
		write("streamingReport", report.encoded());
		// and one with checkpoints for the streaming reader: a good one, and one over another chain hash
		byte[] chain = new byte[32];
		for (ReportEvent event : report.events()) {
			chain = event.chainHash(chain);
		}
		ProductionReport checkpoints = ProductionReport.issue(new CmsSigner(keys, "station", station),
				UUID.fromString("0b7e3d2c-1111-4222-8333-444455556667"), new byte[32], List.of(report.events().get(0),
						report.events().get(1),
						new ReportEvent(3, "checkpoint", clock.instant().plusMillis(2000), new UUID(0, 0), Optional.empty(),
								OptionalLong.empty(), Optional.of(keys.sign("station", chain)),
								Optional.of("signs the chain hash of event 2")),
						new ReportEvent(4, "checkpoint", clock.instant().plusMillis(2500), new UUID(0, 0), Optional.empty(),
								OptionalLong.empty(), Optional.of(keys.sign("station", new byte[32])),
								Optional.of("signs the chain hash of event 3"))),
				clock);
		Files.write(INPUTS.resolve("streamingReport/checkpoints"), checkpoints.encoded());
		// the report's content alone: the eContent inside the SignedData
		org.bouncycastle.asn1.cms.ContentInfo info = org.bouncycastle.asn1.cms.ContentInfo.getInstance(
				Der.parse(report.encoded(), "report"));
		byte[] content = org.bouncycastle.asn1.ASN1OctetString.getInstance(org.bouncycastle.asn1.cms.SignedData
				.getInstance(info.getContent()).getEncapContentInfo().getContent()).getOctets();
		write("reportContent", content);
		writeOptions();
	}

	/** Seeds of the options decoder: every option, and the bare flag of the first job packages. */
	private static void writeOptions() throws Exception {
		Path folder = Files.createDirectories(INPUTS.resolve("recordOptions"));
		Files.write(folder.resolve("valid"), Der.encode(RecordOptionsCodec.encode(new RecordOptions(true,
				Optional.of("protected"), true, Optional.of("otp"), true))));
		Files.write(folder.resolve("hash-only"), Der.encode(RecordOptionsCodec.encode(new RecordOptions(false))));
	}

	private static void write(String method, byte[] bytes) throws Exception {
		Path folder = Files.createDirectories(INPUTS.resolve(method));
		Files.write(folder.resolve("valid"), bytes);
	}
}
