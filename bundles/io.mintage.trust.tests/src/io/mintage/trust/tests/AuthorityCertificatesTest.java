package io.mintage.trust.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.core.sign.KeyStoreSession;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.EnrolmentRequest;
import io.mintage.trust.PemFiles;
import io.mintage.trust.TrustException;
import io.mintage.testing.OpenSsl;
import io.mintage.testing.KeyStores;

/**
 * The authority's CA certificate, a station's PKCS#10 request and its certificate, all signed by keys
 * in real software keystores (the soft backend), checked by this code and by openssl.
 */
class AuthorityCertificatesTest {

	private static final String AUTHORITY = "authority";
	private static final String STATION = "station";
	private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

	@TempDir
	static Path keys;

	@TempDir
	Path files;

	private static KeyStoreSession authorityStore;
	private static KeyStoreSession stationStore;

	@BeforeAll
	static void openStores() throws Exception {
		authorityStore = KeyStores.openSoft(keys, "authority");
		authorityStore.generateKeyPair(AUTHORITY);
		stationStore = KeyStores.openSoft(keys, "station");
		stationStore.generateKeyPair(STATION);
	}

	@AfterAll
	static void closeStores() {
		authorityStore.close();
		stationStore.close();
	}

	private static Clock now() {
		return Clock.systemUTC();
	}

	private static Instant inDays(int days) {
		return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
	}

	private static X509Certificate authority(Instant notAfter) throws TrustException {
		return AuthorityCertificates.createAuthority(authorityStore, AUTHORITY, "Mintage Test Authority", notAfter,
				now());
	}

	private static EnrolmentRequest request() throws TrustException {
		return EnrolmentRequest.create(stationStore, STATION, "Station 1");
	}

	private static X509Certificate station(X509Certificate ca, Instant notAfter) throws TrustException {
		return AuthorityCertificates.issueStation(authorityStore, AUTHORITY, ca, request(), notAfter, now());
	}

	@Test
	void theAuthorityCertificateFollowsTheProfile() throws Exception {
		Instant end = inDays(3650);
		Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
		X509Certificate ca = AuthorityCertificates.createAuthority(authorityStore, AUTHORITY, "Mintage Test Authority",
				end, clock);

		assertEquals(3, ca.getVersion());
		assertEquals("CN=Mintage Test Authority", ca.getSubjectX500Principal().getName());
		assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
		assertEquals(ECDSA_WITH_SHA256, ca.getSigAlgOID());
		assertEquals(null, ca.getSigAlgParams());
		assertSerial(ca.getSerialNumber());
		assertEquals(clock.instant().minus(Duration.ofMinutes(5)), ca.getNotBefore().toInstant());
		assertEquals(end, ca.getNotAfter().toInstant());
		assertEquals(0, ca.getBasicConstraints(), "CA:true with pathlen 0");
		assertArrayEquals(new boolean[] { true, false, false, false, false, true, true, false, false },
				ca.getKeyUsage(), "digitalSignature (CMS), keyCertSign and cRLSign only");
		assertEquals(Set.of(Extension.basicConstraints.getId(), Extension.keyUsage.getId()),
				ca.getCriticalExtensionOIDs());
		assertEquals(Set.of(Extension.subjectKeyIdentifier.getId()), ca.getNonCriticalExtensionOIDs());
		assertNotNull(subjectKeyId(ca));
		assertArrayEquals(authorityStore.publicKey(AUTHORITY).getEncoded(), ca.getPublicKey().getEncoded());
		ca.verify(ca.getPublicKey());
	}

	@Test
	void theStationCertificateFollowsTheProfileAndVerifies() throws Exception {
		X509Certificate ca = authority(inDays(3650));
		Instant end = inDays(730);
		X509Certificate station = station(ca, end);

		assertEquals(3, station.getVersion());
		assertEquals("CN=Station 1", station.getSubjectX500Principal().getName());
		assertEquals(ca.getSubjectX500Principal(), station.getIssuerX500Principal());
		assertEquals(ECDSA_WITH_SHA256, station.getSigAlgOID());
		assertSerial(station.getSerialNumber());
		assertNotEquals(ca.getSerialNumber(), station.getSerialNumber());
		assertEquals(end, station.getNotAfter().toInstant());
		assertEquals(-1, station.getBasicConstraints(), "an end entity");
		assertArrayEquals(new boolean[] { true, false, false, false, true, false, false, false, false },
				station.getKeyUsage(), "digitalSignature and keyAgreement only");
		assertEquals(Set.of(Extension.basicConstraints.getId(), Extension.keyUsage.getId()),
				station.getCriticalExtensionOIDs());
		assertEquals(Set.of(Extension.subjectKeyIdentifier.getId(), Extension.authorityKeyIdentifier.getId()),
				station.getNonCriticalExtensionOIDs());
		byte[] authorityKeyId = AuthorityKeyIdentifier.getInstance(
				ASN1OctetString.getInstance(station.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
						.getOctets())
				.getKeyIdentifierOctets();
		assertArrayEquals(subjectKeyId(ca), authorityKeyId);
		assertNotNull(subjectKeyId(station));
		assertArrayEquals(stationStore.publicKey(STATION).getEncoded(), station.getPublicKey().getEncoded());

		AuthorityCertificates.verifyStation(station, ca, now());
		// the station stores its issued chain in its key store, which checks the key is its own
		stationStore.setCertificateChain(STATION, List.of(station, ca));
		assertEquals(station, stationStore.certificateChain(STATION).get(0));
	}

	@Test
	void theRequestNamesTheStationAndCarriesItsKey() throws Exception {
		EnrolmentRequest request = request();
		assertEquals("Station 1", request.stationName());
		assertEquals("CN=Station 1", request.subject());
		EnrolmentRequest again = EnrolmentRequest.fromDer(request.encoded());
		assertArrayEquals(request.encoded(), again.encoded());
	}

	@Test
	void opensslVerifiesTheStationCertificateAndTheRequest() throws Exception {
		X509Certificate ca = authority(inDays(3650));
		EnrolmentRequest request = request();
		X509Certificate station = AuthorityCertificates.issueStation(authorityStore, AUTHORITY, ca, request,
				inDays(730), now());
		PemFiles.writeCertificate(files.resolve("ca.pem"), ca);
		PemFiles.writeCertificate(files.resolve("station.pem"), station);
		PemFiles.writeRequest(files.resolve("req.pem"), request);

		OpenSsl.Result verify = OpenSsl.run(files, "verify", "-CAfile", "ca.pem", "station.pem");
		assertEquals(0, verify.exitCode(), verify.output());
		assertEquals("station.pem: OK", verify.output().strip());

		OpenSsl.Result requestCheck = OpenSsl.run(files, "req", "-verify", "-in", "req.pem", "-noout");
		assertEquals(0, requestCheck.exitCode(), requestCheck.output());

		OpenSsl.Result caText = OpenSsl.run(files, "x509", "-in", "ca.pem", "-noout", "-text");
		assertEquals(0, caText.exitCode(), caText.output());
		assertTrue(caText.output().contains("CA:TRUE"), caText.output());
		assertTrue(caText.output().contains("Certificate Sign"), caText.output());
		assertTrue(caText.output().contains("pathlen:0"), caText.output());
		assertTrue(caText.output().contains("ecdsa-with-SHA256"), caText.output());
		assertTrue(caText.output().contains("NIST CURVE: P-256"), caText.output());

		OpenSsl.Result stationText = OpenSsl.run(files, "x509", "-in", "station.pem", "-noout", "-text");
		assertTrue(stationText.output().contains("CA:FALSE"), stationText.output());
		assertTrue(stationText.output().contains("Digital Signature, Key Agreement"), stationText.output());

		OpenSsl.Result fingerprint = OpenSsl.run(files, "x509", "-in", "ca.pem", "-noout", "-fingerprint",
				"-sha256");
		assertEquals(0, fingerprint.exitCode(), fingerprint.output());
		String printed = fingerprint.output().strip();
		assertEquals(AuthorityCertificates.fingerprint(ca), printed.substring(printed.indexOf('=') + 1));
	}

	@Test
	void opensslRefusesATamperedStationCertificateAndSoDoesVerifyStation() throws Exception {
		X509Certificate ca = authority(inDays(3650));
		X509Certificate station = station(ca, inDays(730));
		byte[] der = station.getEncoded();
		der[der.length - 1] ^= 0x01; // the last byte of the signature's s
		X509Certificate tampered = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
		PemFiles.writeCertificate(files.resolve("ca.pem"), ca);
		PemFiles.writeCertificate(files.resolve("station.pem"), tampered);

		OpenSsl.Result verify = OpenSsl.run(files, "verify", "-CAfile", "ca.pem", "station.pem");
		assertNotEquals(0, verify.exitCode(), verify.output());
		assertTrue(verify.output().contains("signature failure"), verify.output());

		assertEquals("the station certificate CN=Station 1 has a signature that the authority certificate"
				+ " CN=Mintage Test Authority does not verify: it was not issued by this authority or has been changed",
				assertThrows(TrustException.class, () -> AuthorityCertificates.verifyStation(tampered, ca, now()))
						.getMessage());
	}

	@Test
	void aRequestMadeByOpensslIsIssuedAndVerifiedByOpenssl() throws Exception {
		OpenSsl.Result made = OpenSsl.run(files, "req", "-new", "-newkey", "ec", "-pkeyopt",
				"ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=Station OpenSSL", "-keyout", "key.pem", "-out",
				"req.pem");
		assertEquals(0, made.exitCode(), made.output());
		X509Certificate ca = authority(inDays(3650));
		EnrolmentRequest request = PemFiles.readRequest(files.resolve("req.pem"));
		assertEquals("Station OpenSSL", request.stationName());
		X509Certificate station = AuthorityCertificates.issueStation(authorityStore, AUTHORITY, ca, request,
				inDays(30), now());
		PemFiles.writeCertificate(files.resolve("ca.pem"), ca);
		PemFiles.writeCertificate(files.resolve("station.pem"), station);
		OpenSsl.Result verify = OpenSsl.run(files, "verify", "-CAfile", "ca.pem", "station.pem");
		assertEquals(0, verify.exitCode(), verify.output());
		assertEquals("station.pem: OK", verify.output().strip());
		// the certificate is for the key openssl holds
		OpenSsl.Result matches = OpenSsl.run(files, "x509", "-in", "station.pem", "-noout", "-pubkey");
		OpenSsl.Result own = OpenSsl.run(files, "pkey", "-in", "key.pem", "-pubout");
		assertEquals(own.output(), matches.output());
	}

	@Test
	void aRequestWithAnInvalidSignatureIsRefused() throws Exception {
		X509Certificate ca = authority(inDays(3650));
		byte[] der = request().encoded();
		der[der.length - 1] ^= 0x01;
		EnrolmentRequest forged = EnrolmentRequest.fromDer(der);
		assertEquals("the enrolment request of CN=Station 1 is refused: its signature is invalid, so it does not"
				+ " prove the station holds the key",
				assertThrows(TrustException.class, () -> AuthorityCertificates.issueStation(authorityStore, AUTHORITY,
						ca, forged, inDays(30), now())).getMessage());
	}

	@Test
	void aRequestWhoseKeyIsNotP256IsRefused() throws Exception {
		X509Certificate ca = authority(inDays(3650));
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp384r1"));
		KeyPair p384 = generator.generateKeyPair();
		byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=Station 384"), p384.getPublic())
				.build(new JcaContentSignerBuilder("SHA256withECDSA").build(p384.getPrivate())).getEncoded();
		EnrolmentRequest request = EnrolmentRequest.fromDer(der);
		String message = assertThrows(TrustException.class, () -> AuthorityCertificates.issueStation(authorityStore,
				AUTHORITY, ca, request, inDays(30), now())).getMessage();
		assertEquals("the enrolment request of CN=Station 384 is refused: its key is not an EC P-256 key"
				+ " (algorithm 1.2.840.10045.2.1, parameters 1.3.132.0.34)", message);
	}

	@Test
	void aStationCertificateMayNotOutliveTheAuthoritys() throws Exception {
		Instant caEnd = inDays(365);
		X509Certificate ca = authority(caEnd);
		Instant end = caEnd.plusSeconds(1);
		assertEquals("the station certificate would be valid until " + end
				+ ", after the CA certificate CN=Mintage Test Authority ends on " + caEnd
				+ "; choose an end on or before that",
				assertThrows(TrustException.class, () -> station(ca, end)).getMessage());
		assertEquals(caEnd, station(ca, caEnd).getNotAfter().toInstant(), "ending with the CA is allowed");
	}

	@Test
	void anEndThatIsAlreadyPastIsRefused() throws Exception {
		Clock clock = Clock.fixed(Instant.parse("2028-03-01T08:00:00Z"), ZoneOffset.UTC);
		Instant past = Instant.parse("2028-03-01T07:59:59Z");
		assertEquals("the authority certificate would end on 2028-03-01T07:59:59Z, which is not after now"
				+ " (2028-03-01T08:00:00Z)", assertThrows(TrustException.class,
						() -> AuthorityCertificates.createAuthority(authorityStore, AUTHORITY, "A", past, clock))
						.getMessage());
	}

	@Test
	void onlyTheKeyOfTheCaCertificateIssues() throws Exception {
		X509Certificate ca = authority(inDays(3650));
		assertEquals("the key 'station' of the soft signing backend is not the key of the CA certificate"
				+ " CN=Mintage Test Authority; no certificate was issued",
				assertThrows(TrustException.class, () -> AuthorityCertificates.issueStation(stationStore, STATION, ca,
						request(), inDays(30), now())).getMessage());
	}

	@Test
	void namesAreChecked() {
		assertEquals("the station name is empty", assertThrows(TrustException.class,
				() -> EnrolmentRequest.create(stationStore, STATION, " ")).getMessage());
		assertEquals("the authority name is 65 characters long; at most 64 fit a certificate's common name",
				assertThrows(TrustException.class, () -> authorityName("x".repeat(65))).getMessage());
	}

	private static void authorityName(String name) throws TrustException {
		AuthorityCertificates.createAuthority(authorityStore, AUTHORITY, name, inDays(1), now());
	}

	@Test
	void verificationRefusesAnotherAuthorityAndTimesOutsideTheValidity() throws Exception {
		Instant caEnd = inDays(3650);
		X509Certificate ca = authority(caEnd);
		Instant end = inDays(30);
		X509Certificate station = station(ca, end);

		Clock later = Clock.fixed(end.plusSeconds(1), ZoneOffset.UTC);
		assertEquals("the station certificate CN=Station 1 expired on " + end + " (checked at " + end.plusSeconds(1)
				+ ")", assertThrows(TrustException.class, () -> AuthorityCertificates.verifyStation(station, ca, later))
						.getMessage());
		Instant start = station.getNotBefore().toInstant();
		Clock earlier = Clock.fixed(start.minusSeconds(1), ZoneOffset.UTC);
		String notYet = assertThrows(TrustException.class,
				() -> AuthorityCertificates.verifyStation(station, ca, earlier)).getMessage();
		assertTrue(notYet.startsWith("the authority certificate CN=Mintage Test Authority is not valid before ")
				|| notYet.startsWith("the station certificate CN=Station 1 is not valid before "), notYet);

		// the same name but another key: the signature tells them apart
		try (KeyStoreSession other = KeyStores.openSoft(keys, "other")) {
			other.generateKeyPair(AUTHORITY);
			X509Certificate impostor = AuthorityCertificates.createAuthority(other, AUTHORITY,
					"Mintage Test Authority", caEnd, now());
			assertTrue(assertThrows(TrustException.class,
					() -> AuthorityCertificates.verifyStation(station, impostor, now())).getMessage()
					.startsWith("the station certificate CN=Station 1 has a signature that the authority certificate"
							+ " CN=Mintage Test Authority does not verify"));
			X509Certificate elsewhere = AuthorityCertificates.createAuthority(other, AUTHORITY, "Other Authority",
					caEnd, now());
			assertEquals("the station certificate CN=Station 1 was issued by CN=Mintage Test Authority, not by the"
					+ " authority certificate CN=Other Authority", assertThrows(TrustException.class,
							() -> AuthorityCertificates.verifyStation(station, elsewhere, now())).getMessage());
		}

		// a station certificate is not an authority
		assertEquals("the authority certificate CN=Station 1 is not a CA certificate", assertThrows(
				TrustException.class, () -> AuthorityCertificates.verifyStation(station, station, now())).getMessage());
		// and the CA certificate is not a station's
		assertEquals("the station certificate CN=Mintage Test Authority is a CA certificate, not a station's;"
				+ " the authority certifies no other CA", assertThrows(TrustException.class,
						() -> AuthorityCertificates.verifyStation(ca, ca, now())).getMessage());
	}

	@Test
	void pemFilesRoundTripAndRefuseOtherContent() throws Exception {
		X509Certificate ca = authority(inDays(3650));
		EnrolmentRequest request = request();
		Path caFile = files.resolve("ca.pem");
		Path requestFile = files.resolve("req.pem");
		PemFiles.writeCertificate(caFile, ca);
		PemFiles.writeRequest(requestFile, request);
		assertTrue(Files.readString(caFile).startsWith("-----BEGIN CERTIFICATE-----\n"));
		assertTrue(Files.readString(requestFile).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n"));
		assertEquals(ca, PemFiles.readCertificate(caFile));
		assertArrayEquals(request.encoded(), PemFiles.readRequest(requestFile).encoded());

		assertEquals("the file " + requestFile + " is not an X.509 certificate in PEM form (-----BEGIN CERTIFICATE-----):"
				+ " it holds a certification request",
				assertThrows(TrustException.class, () -> PemFiles.readCertificate(requestFile)).getMessage());
		assertEquals("the file " + caFile + " is not a PKCS#10 certification request in PEM form"
				+ " (-----BEGIN CERTIFICATE REQUEST-----): it holds a certificate",
				assertThrows(TrustException.class, () -> PemFiles.readRequest(caFile)).getMessage());

		Path der = files.resolve("ca.der");
		Files.write(der, ca.getEncoded());
		assertEquals("the file " + der + " is not an X.509 certificate in PEM form (-----BEGIN CERTIFICATE-----):"
				+ " it is not text (binary DER, perhaps; convert it with openssl)",
				assertThrows(TrustException.class, () -> PemFiles.readCertificate(der)).getMessage());
		Path text = files.resolve("notes.txt");
		Files.writeString(text, "just some notes\n");
		assertEquals("the file " + text + " is not an X.509 certificate in PEM form (-----BEGIN CERTIFICATE-----):"
				+ " it holds no PEM block",
				assertThrows(TrustException.class, () -> PemFiles.readCertificate(text)).getMessage());

		Path two = files.resolve("two.pem");
		Files.writeString(two, Files.readString(caFile) + Files.readString(caFile));
		assertEquals("the file " + two + " is not an X.509 certificate in PEM form (-----BEGIN CERTIFICATE-----):"
				+ " it holds more than one PEM block",
				assertThrows(TrustException.class, () -> PemFiles.readCertificate(two)).getMessage());

		Path key = files.resolve("key.pem");
		OpenSsl.Result made = OpenSsl.run(files, "genpkey", "-algorithm", "EC", "-pkeyopt",
				"ec_paramgen_curve:P-256", "-out", "key.pem");
		assertEquals(0, made.exitCode(), made.output());
		assertEquals("the file " + key + " is not an X.509 certificate in PEM form (-----BEGIN CERTIFICATE-----):"
				+ " it holds a private key",
				assertThrows(TrustException.class, () -> PemFiles.readCertificate(key)).getMessage());

		Path broken = files.resolve("broken.pem");
		Files.writeString(broken, "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n",
				StandardCharsets.US_ASCII);
		assertTrue(assertThrows(TrustException.class, () -> PemFiles.readCertificate(broken)).getMessage()
				.startsWith("the file " + broken + " is not an X.509 certificate in PEM form"));

		Path missing = files.resolve("missing.pem");
		assertEquals("the file " + missing + " does not exist",
				assertThrows(TrustException.class, () -> PemFiles.readCertificate(missing)).getMessage());
	}

	private static void assertSerial(BigInteger serial) {
		assertEquals(1, serial.signum(), "positive");
		assertEquals(16, serial.toByteArray().length, "16 bytes in DER");
	}

	private static byte[] subjectKeyId(X509Certificate certificate) {
		byte[] value = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
		assertNotNull(value, "no subject key identifier");
		return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets()).getKeyIdentifier();
	}
}
