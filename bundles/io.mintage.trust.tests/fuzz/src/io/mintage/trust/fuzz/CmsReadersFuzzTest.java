package io.mintage.trust.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.mintage.trust.JobPackage;
import io.mintage.trust.ProductionReport;
import io.mintage.trust.QuotaKey;
import io.mintage.trust.RecordOptions;
import io.mintage.trust.TrustException;
import io.mintage.trust.internal.Der;
import io.mintage.trust.internal.RecordOptionsCodec;
import io.mintage.trust.internal.ReportCodec;

/**
 * The CMS readers on any bytes: they return an object or throw {@link TrustException}, nothing else,
 * and what they accept is exactly its own encoding. The seeds (corpus/…/CmsReadersFuzzTestInputs) are
 * valid objects of the authority in corpus/…/cms-authority.der, written by {@link CmsSeedsTest}.
 * {@link #reportContent} and {@link #recordOptions} reach the report's content decoder and the job
 * package's options decoder directly, which a signature otherwise shields from the fuzzer's changes.
 */
class CmsReadersFuzzTest {

	static final X509Certificate AUTHORITY = authority();

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
