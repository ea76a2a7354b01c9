package io.mintage.trust.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.core.sign.KeyStoreSession;
import io.mintage.testing.KeyStores;
import io.mintage.testing.OpenSsl;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.EnrolmentRequest;
import io.mintage.trust.PemFiles;
import io.mintage.trust.RevocationList;
import io.mintage.trust.RevocationList.Entry;
import io.mintage.trust.TrustException;

/**
 * The authority's revocation list, signed by the authority key in a real software keystore, read back
 * by this code, by the JDK's CRL parser and by openssl, which also uses it to refuse a revoked station.
 */
class RevocationListTest {

	private static final String AUTHORITY = "authority";
	private static final String STATION = "station";
	private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

	@TempDir
	static Path keys;

	@TempDir
	Path files;

	private static KeyStoreSession authorityStore;
	private static KeyStoreSession stationStore;
	private static X509Certificate ca;
	private static X509Certificate revoked;
	private static X509Certificate kept;

	@BeforeAll
	static void makeAuthorityAndStations() throws Exception {
		authorityStore = KeyStores.openSoft(keys, "authority");
		authorityStore.generateKeyPair(AUTHORITY);
		stationStore = KeyStores.openSoft(keys, "station");
		stationStore.generateKeyPair(STATION);
		ca = AuthorityCertificates.createAuthority(authorityStore, AUTHORITY, "Mintage Test Authority", inDays(3650),
				Clock.systemUTC());
		revoked = station("Station 1");
		kept = station("Station 2");
	}

	@AfterAll
	static void closeStores() {
		authorityStore.close();
		stationStore.close();
	}

	private static X509Certificate station(String name) throws TrustException {
		return AuthorityCertificates.issueStation(authorityStore, AUTHORITY, ca,
				EnrolmentRequest.create(stationStore, STATION, name), inDays(365), Clock.systemUTC());
	}

	private static Instant inDays(int days) {
		return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.SECONDS);
	}

	private static RevocationList issue(BigInteger number, List<Entry> entries) throws TrustException {
		return RevocationList.issue(authorityStore, AUTHORITY, ca, number, entries, now(), inDays(30));
	}

	private static RevocationList listRevokingStation1() throws TrustException {
		return issue(BigInteger.valueOf(7), List.of(new Entry(revoked.getSerialNumber(), now().minusSeconds(60),
				"key-compromise")));
	}

	@Test
	void roundTripsThroughDerAndPem() throws Exception {
		Instant thisUpdate = now();
		Instant nextUpdate = inDays(30);
		Instant when = thisUpdate.minus(2, ChronoUnit.DAYS);
		List<Entry> entries = List.of(new Entry(revoked.getSerialNumber(), when, "key-compromise"),
				new Entry(BigInteger.valueOf(0x1234), when.plusSeconds(1), "cessation-of-operation"),
				new Entry(BigInteger.valueOf(0x1235), when.plusSeconds(2), "superseded"),
				new Entry(BigInteger.valueOf(0x1236), when.plusSeconds(3), "unspecified"));
		RevocationList list = RevocationList.issue(authorityStore, AUTHORITY, ca, BigInteger.valueOf(42), entries,
				thisUpdate, nextUpdate);

		assertEquals(BigInteger.valueOf(42), list.number());
		assertEquals(thisUpdate, list.thisUpdate());
		assertEquals(nextUpdate, list.nextUpdate());
		assertEquals(entries, list.entries());
		assertTrue(list.revokes(revoked));
		assertEquals(Optional.of(entries.get(0)), list.entryFor(revoked));
		assertFalse(list.revokes(kept));
		assertEquals(Optional.empty(), list.entryFor(kept));

		RevocationList fromDer = RevocationList.read(list.encoded(), ca);
		RevocationList fromPem = RevocationList.read(list.pem().getBytes(StandardCharsets.US_ASCII), ca);
		for (RevocationList again : List.of(fromDer, fromPem)) {
			assertArrayEquals(list.encoded(), again.encoded());
			assertEquals(list.number(), again.number());
			assertEquals(list.thisUpdate(), again.thisUpdate());
			assertEquals(list.nextUpdate(), again.nextUpdate());
			assertEquals(entries, again.entries());
		}
		assertTrue(list.pem().startsWith("-----BEGIN X509 CRL-----\n"), list.pem());
		assertTrue(list.pem().endsWith("-----END X509 CRL-----\n"), list.pem());
		// text around the block, as openssl crl -text writes it, does not matter
		String withText = "Certificate Revocation List (CRL):\n        Version 2 (0x1)\n" + list.pem();
		assertArrayEquals(list.encoded(), RevocationList.read(withText.getBytes(StandardCharsets.US_ASCII), ca)
				.encoded());
	}

	/** The JDK's own parser, independent of BouncyCastle, sees the profile of docs/formats.md. */
	@Test
	void followsTheProfile() throws Exception {
		Instant when = now().minusSeconds(3600);
		RevocationList list = issue(BigInteger.valueOf(3), List.of(
				new Entry(revoked.getSerialNumber(), when, "key-compromise"),
				new Entry(BigInteger.valueOf(99), when, "unspecified")));
		X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
				.generateCRL(new ByteArrayInputStream(list.encoded()));

		assertEquals(2, crl.getVersion());
		assertEquals(ca.getSubjectX500Principal(), crl.getIssuerX500Principal());
		assertEquals(ECDSA_WITH_SHA256, crl.getSigAlgOID());
		assertEquals(null, crl.getSigAlgParams());
		crl.verify(ca.getPublicKey());
		assertEquals(Set.of(), crl.getCriticalExtensionOIDs());
		assertEquals(Set.of(Extension.cRLNumber.getId(), Extension.authorityKeyIdentifier.getId()),
				crl.getNonCriticalExtensionOIDs());
		assertEquals(BigInteger.valueOf(3), ASN1Integer.getInstance(
				ASN1OctetString.getInstance(crl.getExtensionValue(Extension.cRLNumber.getId())).getOctets())
				.getValue());
		AuthorityKeyIdentifier authorityKeyId = AuthorityKeyIdentifier.getInstance(ASN1OctetString
				.getInstance(crl.getExtensionValue(Extension.authorityKeyIdentifier.getId())).getOctets());
		assertArrayEquals(SubjectKeyIdentifier.getInstance(ASN1OctetString
				.getInstance(ca.getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets())
				.getKeyIdentifier(), authorityKeyId.getKeyIdentifierOctets());
		assertEquals(null, authorityKeyId.getAuthorityCertIssuer(), "keyIdentifier only");
		assertEquals(null, authorityKeyId.getAuthorityCertSerialNumber(), "keyIdentifier only");

		X509CRLEntry entry = crl.getRevokedCertificate(revoked);
		assertEquals(when, entry.getRevocationDate().toInstant());
		assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE, entry.getRevocationReason());
		assertEquals(Set.of(Extension.reasonCode.getId()), entry.getNonCriticalExtensionOIDs());
		// RFC 5280 5.3.1: no reasonCode rather than unspecified
		assertEquals(null, crl.getRevokedCertificate(BigInteger.valueOf(99)).getExtensionValue(
				Extension.reasonCode.getId()));
		assertEquals(2, crl.getRevokedCertificates().size());
	}

	@Test
	void opensslVerifiesTheListAndRefusesTheRevokedStationOnly() throws Exception {
		RevocationList list = listRevokingStation1();
		Files.writeString(files.resolve("list.pem"), list.pem(), StandardCharsets.US_ASCII);
		PemFiles.writeCertificate(files.resolve("authority.pem"), ca);
		PemFiles.writeCertificate(files.resolve("station1.pem"), revoked);
		PemFiles.writeCertificate(files.resolve("station2.pem"), kept);

		OpenSsl.Result check = OpenSsl.run(files, "crl", "-in", "list.pem", "-CAfile", "authority.pem", "-noout");
		assertEquals(0, check.exitCode(), check.output());
		assertEquals("verify OK", check.output().strip());

		OpenSsl.Result text = OpenSsl.run(files, "crl", "-in", "list.pem", "-noout", "-text");
		assertEquals(0, text.exitCode(), text.output());
		assertTrue(text.output().contains("Version 2 (0x1)"), text.output());
		assertTrue(text.output().contains("ecdsa-with-SHA256"), text.output());
		assertTrue(text.output().contains("X509v3 CRL Number: \n                7"), text.output());
		assertTrue(text.output().contains("Key Compromise"), text.output());
		assertTrue(text.output().contains(revoked.getSerialNumber().toString(16).toUpperCase()), text.output());

		OpenSsl.Result refused = OpenSsl.run(files, "verify", "-crl_check", "-CAfile", "authority.pem", "-CRLfile",
				"list.pem", "station1.pem");
		assertNotEquals(0, refused.exitCode(), refused.output());
		assertTrue(refused.output().contains("certificate revoked"), refused.output());

		OpenSsl.Result accepted = OpenSsl.run(files, "verify", "-crl_check", "-CAfile", "authority.pem", "-CRLfile",
				"list.pem", "station2.pem");
		assertEquals(0, accepted.exitCode(), accepted.output());
		assertEquals("station2.pem: OK", accepted.output().strip());
	}

	@Test
	void anExpiredListStillRevokes() throws Exception {
		Instant thisUpdate = Instant.now().minus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		Instant nextUpdate = thisUpdate.plus(30, ChronoUnit.DAYS);
		RevocationList old = RevocationList.issue(authorityStore, AUTHORITY, ca, BigInteger.ONE,
				List.of(new Entry(revoked.getSerialNumber(), thisUpdate, "superseded")), thisUpdate, nextUpdate);
		RevocationList read = RevocationList.read(old.encoded(), ca);
		assertEquals(nextUpdate, read.nextUpdate());
		assertTrue(read.nextUpdate().isBefore(Instant.now()));
		assertTrue(read.revokes(revoked));
	}

	@Test
	void aListFromAnotherAuthorityIsRefused() throws Exception {
		RevocationList list = listRevokingStation1();
		try (KeyStoreSession other = KeyStores.openSoft(keys, "other")) {
			other.generateKeyPair(AUTHORITY);
			// the same name, another key: only the signature tells them apart
			X509Certificate impostor = AuthorityCertificates.createAuthority(other, AUTHORITY,
					"Mintage Test Authority", inDays(3650), Clock.systemUTC());
			assertEquals("the revocation list of CN=Mintage Test Authority is refused: its signature does not verify"
					+ " with the key of the authority certificate CN=Mintage Test Authority; it was made with another"
					+ " key or has been changed",
					assertThrows(TrustException.class, () -> RevocationList.read(list.encoded(), impostor))
							.getMessage());
			X509Certificate elsewhere = AuthorityCertificates.createAuthority(other, AUTHORITY, "Other Authority",
					inDays(3650), Clock.systemUTC());
			assertEquals("the revocation list of CN=Mintage Test Authority is refused: it was not issued by the"
					+ " authority certificate CN=Other Authority",
					assertThrows(TrustException.class, () -> RevocationList.read(list.encoded(), elsewhere))
							.getMessage());
			// and its list does not revoke our station, though the serial number is the same
			RevocationList theirs = RevocationList.issue(other, AUTHORITY, elsewhere, BigInteger.ONE,
					List.of(new Entry(revoked.getSerialNumber(), now(), "key-compromise")), now(), inDays(1));
			assertFalse(theirs.revokes(revoked));
			// nor can its key sign a list in our name
			assertEquals("the key 'authority' of the soft signing backend is not the key of the authority"
					+ " certificate CN=Mintage Test Authority; no revocation list was made",
					assertThrows(TrustException.class, () -> RevocationList.issue(other, AUTHORITY, ca, BigInteger.ONE,
							List.of(), now(), inDays(1))).getMessage());
		}
	}

	@Test
	void aTamperedByteIsRefused() throws Exception {
		RevocationList list = listRevokingStation1();
		byte[] der = list.encoded();
		// a byte of the revoked serial number, inside the signed part
		byte[] serial = revoked.getSerialNumber().toByteArray();
		int at = indexOf(der, serial) + serial.length - 1;
		der[at] ^= 0x01;
		assertEquals("the revocation list of CN=Mintage Test Authority is refused: its signature does not verify"
				+ " with the key of the authority certificate CN=Mintage Test Authority; it was made with another key"
				+ " or has been changed", assertThrows(TrustException.class, () -> RevocationList.read(der, ca))
						.getMessage());
		byte[] signature = list.encoded();
		signature[signature.length - 1] ^= 0x01; // the last byte of the signature's s
		assertTrue(assertThrows(TrustException.class, () -> RevocationList.read(signature, ca)).getMessage()
				.contains("its signature does not verify"));
	}

	@Test
	void aCertificateIsNotAList() throws Exception {
		assertEquals("this is not an X.509 revocation list (CRL): it is an X.509 certificate, not a revocation list",
				assertThrows(TrustException.class, () -> RevocationList.read(kept.getEncoded(), ca)).getMessage());
		Path pem = files.resolve("station.pem");
		PemFiles.writeCertificate(pem, kept);
		assertEquals("this is not an X.509 revocation list (CRL): it is not a revocation list in PEM form"
				+ " (-----BEGIN X509 CRL-----): it holds a certificate",
				assertThrows(TrustException.class, () -> RevocationList.read(Files.readAllBytes(pem), ca))
						.getMessage());
	}

	@Test
	void garbageIsRefused() throws Exception {
		for (byte[] garbage : new byte[][] { new byte[0], "just some notes\n".getBytes(StandardCharsets.US_ASCII),
				{ 0x30, (byte) 0x82, 0x01 }, { 0x30, 0x03, 0x02, 0x01, 0x01 } }) {
			assertTrue(assertThrows(TrustException.class, () -> RevocationList.read(garbage, ca)).getMessage()
					.startsWith("this is not an X.509 revocation list (CRL): "));
		}
		byte[] broken = "-----BEGIN X509 CRL-----\nnot base64 at all!\n-----END X509 CRL-----\n"
				.getBytes(StandardCharsets.US_ASCII);
		assertTrue(assertThrows(TrustException.class, () -> RevocationList.read(broken, ca)).getMessage()
				.startsWith("this is not an X.509 revocation list (CRL): it is not a revocation list in PEM form"));
		RevocationList list = listRevokingStation1();
		byte[] trailing = java.util.Arrays.copyOf(list.encoded(), list.encoded().length + 1);
		assertTrue(assertThrows(TrustException.class, () -> RevocationList.read(trailing, ca)).getMessage()
				.startsWith("this is not an X.509 revocation list (CRL): it is neither PEM nor DER"));
		String two = list.pem() + list.pem();
		assertEquals("this is not an X.509 revocation list (CRL): it is not a revocation list in PEM form"
				+ " (-----BEGIN X509 CRL-----): it holds more than one PEM block", assertThrows(TrustException.class,
						() -> RevocationList.read(two.getBytes(StandardCharsets.US_ASCII), ca)).getMessage());
	}

	@Test
	void issuingChecksItsInputs() throws Exception {
		assertEquals("'revoked' is not a revocation reason; use one of aa-compromise, affiliation-changed,"
				+ " ca-compromise, certificate-hold, cessation-of-operation, key-compromise, privilege-withdrawn,"
				+ " superseded, unspecified",
				assertThrows(IllegalArgumentException.class, () -> new Entry(BigInteger.ONE, now(), "revoked"))
						.getMessage());
		assertThrows(IllegalArgumentException.class, () -> new Entry(BigInteger.ONE, now(), "keyCompromise"));
		assertThrows(IllegalArgumentException.class, () -> new Entry(BigInteger.ONE, now(), "remove-from-crl"));
		assertThrows(IllegalArgumentException.class, () -> new Entry(BigInteger.ZERO, now(), "superseded"));

		Instant start = now();
		assertEquals("the revocation list's next update " + start + " is not after its this update " + start,
				assertThrows(TrustException.class, () -> RevocationList.issue(authorityStore, AUTHORITY, ca,
						BigInteger.ONE, List.of(), start, start)).getMessage());
		assertEquals("the revocation list number -1 is refused: it must be zero or positive and fit 20 octets"
				+ " (RFC 5280)", assertThrows(TrustException.class, () -> issue(BigInteger.ONE.negate(), List.of()))
						.getMessage());
		assertThrows(TrustException.class, () -> issue(BigInteger.ONE.shiftLeft(160), List.of()));
		issue(BigInteger.ONE.shiftLeft(159).subtract(BigInteger.ONE), List.of()); // 20 octets fit

		Entry twice = new Entry(BigInteger.valueOf(0xABCD), now(), "superseded");
		assertEquals("the certificate with serial number ABCD is listed twice; list each revoked certificate once",
				assertThrows(TrustException.class, () -> issue(BigInteger.ONE, List.of(twice, twice))).getMessage());
		Entry future = new Entry(BigInteger.valueOf(0xABCD), start.plusSeconds(3600), "superseded");
		assertTrue(assertThrows(TrustException.class, () -> RevocationList.issue(authorityStore, AUTHORITY, ca,
				BigInteger.ONE, List.of(future), start, inDays(1))).getMessage()
				.startsWith("the certificate with serial number ABCD is revoked at "));

		assertEquals("the authority certificate CN=Station 2 is not a CA certificate",
				assertThrows(TrustException.class, () -> RevocationList.issue(authorityStore, AUTHORITY, kept,
						BigInteger.ONE, List.of(), now(), inDays(1))).getMessage());
	}

	@Test
	void anEmptyListIsAList() throws Exception {
		RevocationList empty = issue(BigInteger.ZERO, List.of());
		assertEquals(List.of(), RevocationList.read(empty.pem().getBytes(StandardCharsets.US_ASCII), ca).entries());
		assertFalse(empty.revokes(revoked));
		assertEquals(BigInteger.ZERO, empty.number());
	}

	private static int indexOf(byte[] data, byte[] part) {
		outer: for (int i = 0; i + part.length <= data.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (data[i + j] != part[j]) {
					continue outer;
				}
			}
			return i;
		}
		throw new AssertionError("not found");
	}
}
