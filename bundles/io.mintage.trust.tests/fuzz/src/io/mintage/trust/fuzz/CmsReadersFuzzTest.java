package io.mintage.trust.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.mintage.trust.CheckedEvent;
import io.mintage.trust.JobPackage;
import io.mintage.trust.ProductionReport;
import io.mintage.trust.ProductionReportReader;
import io.mintage.trust.QuotaKey;
import io.mintage.trust.RecordOptions;
import io.mintage.trust.ReportEvent;
import io.mintage.trust.ReportHeader;
import io.mintage.trust.ReportImport;
import io.mintage.trust.ReportVerdict;
import io.mintage.trust.TrustException;
import io.mintage.trust.internal.Der;
import io.mintage.trust.internal.RecordOptionsCodec;
import io.mintage.trust.internal.ReportCodec;

/**
 * The CMS readers on any bytes: they return an object or throw {@link TrustException}, nothing else,
 * and what they accept is exactly its own encoding. The seeds (corpus/…/CmsReadersFuzzTestInputs) are
 * valid objects of the authority in corpus/…/cms-authority.der, written by {@link CmsSeedsTest}.
 * {@link #streamingReport} compares the admin's streaming reader with it.
 * {@link #reportContent} and {@link #recordOptions} reach the report's content decoder and the job
 * package's options decoder directly, which a signature otherwise shields from the fuzzer's changes.
 */
class CmsReadersFuzzTest {

	static final X509Certificate AUTHORITY = authority();
	private static final ProductionReportReader READER = reader();
	private static final Path STREAMED = streamedFile();

	@FuzzTest(maxDuration = "60s")
	void quotaKey(byte[] bytes) {
		try {
			assertArrayEquals(bytes, QuotaKey.read(bytes, AUTHORITY).encoded());
		} catch (TrustException expected) {
			// refused in plain words: fine
		}
	}

	@FuzzTest(maxDuration = "60s")
	void jobPackage(byte[] bytes) {
		try {
			assertArrayEquals(bytes, JobPackage.read(bytes, AUTHORITY).encoded());
		} catch (TrustException expected) {
			// refused in plain words: fine
		}
	}

	@FuzzTest(maxDuration = "60s")
	void productionReport(byte[] bytes) {
		try {
			assertArrayEquals(bytes, ProductionReport.read(bytes, AUTHORITY).encoded());
		} catch (TrustException expected) {
			// refused in plain words: fine
		}
	}

	/**
	 * The streaming reader, the admin's import, on any bytes: it accepts exactly what
	 * {@link ProductionReport#read} accepts, with the same events, or refuses with a
	 * {@link TrustException}; {@link ProductionReportReader#claims} never throws. Its events are handed
	 * out before the signature's digest is compared, so changed events do reach the event decoder, the
	 * record checks and the checkpoint checks here.
	 */
	@FuzzTest(maxDuration = "60s")
	void streamingReport(byte[] bytes) throws IOException {
		Files.write(STREAMED, bytes);
		ProductionReportReader.claims(STREAMED);
		List<ReportEvent> streamed = new ArrayList<>();
		boolean accepted;
		try {
			READER.read(STREAMED, new ReportImport<Void>() {
				@Override
				public void begin(ReportHeader header) {
				}

				@Override
				public void event(CheckedEvent event) {
					streamed.add(event.event());
				}

				@Override
				public Void commit(ReportVerdict verdict) {
					return null;
				}

				@Override
				public void abandon(Exception cause) {
				}
			});
			accepted = true;
		} catch (TrustException refused) {
			accepted = false;
		}
		ProductionReport read = null;
		try {
			read = ProductionReport.read(bytes, AUTHORITY);
		} catch (TrustException refused) {
			// compared below
		}
		assertEquals(read != null, accepted, "both readers accept or both refuse");
		if (read != null) {
			assertEquals(read.events(), streamed);
		}
	}

	@FuzzTest(maxDuration = "60s")
	void reportContent(byte[] bytes) {
		try {
			ReportCodec.decode(bytes, "the production report");
		} catch (TrustException expected) {
			// refused in plain words: fine
		}
	}

	/** The job package's options decoder, which the authority's signature otherwise shields. */
	@FuzzTest(maxDuration = "60s")
	void recordOptions(byte[] bytes) {
		try {
			RecordOptions options = RecordOptionsCodec.decode(Der.parse(bytes, "the options"), "the options");
			assertArrayEquals(bytes, Der.encode(RecordOptionsCodec.encode(options)));
		} catch (TrustException expected) {
			// refused in plain words: fine
		}
	}

	private static ProductionReportReader reader() {
		try {
			return new ProductionReportReader(AUTHORITY, 1);
		} catch (TrustException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The file the streaming reader reads, in a folder of its own under target/. */
	private static Path streamedFile() {
		try {
			Path folder = Files.createDirectories(Path.of("target/streamed-reports"));
			return Files.createTempFile(folder, "report-", ".der");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static X509Certificate authority() {
		try (InputStream in = CmsReadersFuzzTest.class.getResourceAsStream("cms-authority.der")) {
			if (in == null) {
				throw new IllegalStateException("corpus/io/mintage/trust/fuzz/cms-authority.der is missing: run CmsSeeds"
						+ " with MINTAGE_WRITE_CMS_SEEDS=1");
			}
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (CertificateException e) {
			throw new IllegalStateException(e);
		}
	}
}
