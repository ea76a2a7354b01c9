package io.mintage.trust.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.core.sign.KeyStoreSession;
import io.mintage.testing.KeyStores;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.EnrolmentRequest;
import io.mintage.trust.FirmwareAnchor;
import io.mintage.trust.P256PublicKey;
import io.mintage.trust.TrustException;
import io.mintage.testing.DocsFiles;

/**
 * The authority key as a C header for the firmware. The committed docs/test-vectors/authority-anchor.h,
 * which the firmware's example and tests compile in, is exactly what the code generates for the TEST
 * authority key of the vectors; rewrite it like record-v1.txt, with
 * {@code -Dtycho.testArgLine=-Dmintage.vectors.write=true}, and review the diff.
 */
class FirmwareAnchorTest {

	static final String FILE = "test-vectors/authority-anchor.h";
	/** The TEST key has no certificate: its name says so, and its fingerprint is the SHA-256 of its 65 bytes. */
	static final String TEST_SUBJECT = "TEST authority (published test vector key)";

	private static final String WRITE_PROPERTY = "mintage.vectors.write";
	private static final Pattern BYTE = Pattern.compile("0x([0-9a-f]{2})");

	@TempDir
	Path keys;

	static String testVectorsHeader() {
		P256PublicKey key = TestVectors.AUTHORITY_KEY.publicKey();
		String fingerprint = "SHA-256 " + HexFormat.ofDelimiter(":").withUpperCase()
				.formatHex(sha256(key.bytes())) + " (of the 65 key bytes)";
		return FirmwareAnchor.cHeader(key, TEST_SUBJECT, fingerprint);
	}

	@Test
	void committedHeaderIsWhatTheCodeGenerates() throws Exception {
		DocsFiles.assertCommitted(FILE, testVectorsHeader(), "header", WRITE_PROPERTY);
	}

	@Test
	void committedHeaderHoldsTheVectorsAuthorityKey() throws Exception {
		String committed = Files.readString(DocsFiles.file(FILE), StandardCharsets.UTF_8);
		assertArrayEquals(Committed.get("authority_public_key"), keyBytes(committed));
		assertTrue(committed.contains(" * Authority:   " + TEST_SUBJECT + "\n"), committed);
	}

	@Test
	void headerHasTheFormTheFirmwareIncludes() throws Exception {
		String header = testVectorsHeader();
		assertTrue(header.startsWith("/*\n"), header);
		assertTrue(header.contains("\n#ifndef MINTAGE_ANCHOR_H\n#define MINTAGE_ANCHOR_H\n"), header);
		assertTrue(header.contains("\n#include <stdint.h>\n"), header);
		assertTrue(header.contains("\nstatic const uint8_t mintage_authority_key[65] = {\n    0x04,\n"), header);
		assertTrue(header.endsWith("};\n\n#endif /* MINTAGE_ANCHOR_H */\n"), header);
		assertFalse(header.contains("\r") || header.contains("\t"), "plain LF lines, spaces");
		assertTrue(header.lines().noneMatch(line -> line.endsWith(" ")), header);
		assertTrue(header.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), "ASCII");
	}

	@Test
	void theCertificateHeaderNamesTheAuthorityAndItsFingerprintAndIsStable() throws Exception {
		try (KeyStoreSession store = KeyStores.openSoft(keys, "authority")) {
			store.generateKeyPair("authority");
			X509Certificate ca = AuthorityCertificates.createAuthority(store, "authority", "Acme Devices Authority",
					Instant.now().plus(3650, ChronoUnit.DAYS), Clock.systemUTC());
			String header = FirmwareAnchor.cHeader(ca);
			assertEquals(header, FirmwareAnchor.cHeader(ca), "the same certificate, the same text");
			assertTrue(header.contains(" * Authority:   CN=Acme Devices Authority\n"), header);
			assertTrue(header.contains(" * Fingerprint: SHA-256 " + AuthorityCertificates.fingerprint(ca)
					+ " (of the CA certificate)\n"), header);
			assertArrayEquals(P256PublicKey.fromJca(ca.getPublicKey()).bytes(), keyBytes(header));
			assertFalse(header.contains(String.valueOf(Instant.now().atZone(java.time.ZoneOffset.UTC).getYear())),
					"no date");

			// a station certificate is no anchor
			store.generateKeyPair("station");
			X509Certificate station = AuthorityCertificates.issueStation(store, "authority", ca,
					EnrolmentRequest.create(store, "station", "Station 1"), Instant.now().plus(30, ChronoUnit.DAYS),
					Clock.systemUTC());
			assertEquals("the certificate CN=Station 1 is not a CA certificate; export the authority's own"
					+ " certificate", assertThrows(TrustException.class, () -> FirmwareAnchor.cHeader(station))
							.getMessage());
		}
	}

	/** A name is the admin's choice: it must not be able to end the comment and put code in the firmware. */
	@Test
	void aNameCannotLeaveTheComment() {
		String header = FirmwareAnchor.cHeader(TestVectors.AUTHORITY_KEY.publicKey(),
				"CN=Evil */ int backdoor = 1; /* x\n#define mintage_verify(...) 0", "*/*/");
		int end = header.indexOf("*/");
		assertEquals(header.indexOf("\n */\n") + 2, end, "the first comment end is the header's own");
		assertTrue(header.contains(" * Authority:   CN=Evil * / int backdoor = 1; / * x #define mintage_verify(...) 0\n"),
				header);
		assertTrue(header.contains(" * Fingerprint: * / * /\n"), header);
		assertFalse(header.substring(2, end).contains("/*"), header);
	}

	/** The JDK's SHA-256, independent of the code under test. */
	private static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java has SHA-256", e);
		}
	}

	/** The 65 bytes of the mintage_authority_key initializer. */
	private static byte[] keyBytes(String header) {
		int start = header.indexOf("mintage_authority_key[65] = {");
		int end = header.indexOf("};", start);
		String initializer = header.substring(start, end).replaceAll("/\\*[^*]*\\*/", "");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		Matcher matcher = BYTE.matcher(initializer);
		while (matcher.find()) {
			bytes.write(Integer.parseInt(matcher.group(1), 16));
		}
		return bytes.toByteArray();
	}
}
