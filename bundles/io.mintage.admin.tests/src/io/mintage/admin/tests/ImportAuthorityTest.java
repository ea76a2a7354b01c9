package io.mintage.admin.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.AuthorityInfo;
import io.mintage.admin.Station;
import io.mintage.core.command.CommandContext;
import io.mintage.core.sign.KeyLocation;
import io.mintage.core.sign.KeyStoreConfiguration;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.PemFiles;

/**
 * An authority made elsewhere — its CA certificate and its key in a software key store or on a PKCS#11
 * token (SoftHSM2) — is taken over only when the key proves it is the certificate's; the imported
 * authority then signs as one made by init; a wrong pair, a certificate that is no authority's and a
 * second authority are refused with nothing left behind.
 */
class ImportAuthorityTest {

	private static final String ALIAS = "acme-ca";

	@TempDir
	Path folder;

	@Test
	void anAuthorityInASoftwareKeyStoreIsTakenOverAndSigns() throws Exception {
		io.mintage.testing.Backends.find("soft");
		Path elsewhere = Files.createDirectories(folder.resolve("elsewhere"));
		KeyStoreConfiguration store = io.mintage.testing.KeyStores.softConfiguration(elsewhere, "acme");
		X509Certificate certificate;
		try (KeyStoreSession session = io.mintage.testing.Backends.find("soft").open(store)) {
			certificate = authority(session, ALIAS, "Acme Root", false);
		}

		Admin admin = Fixture.store().open(folder.resolve("admin"));
		AuthorityInfo imported = admin.authority().importExisting(certificate, new KeyLocation("soft", ALIAS, store));
		assertEquals("CN=Acme Root", imported.subject());
		assertEquals(AuthorityCertificates.fingerprint(certificate), imported.fingerprint());
		assertEquals(certificate.getNotBefore().toInstant(), imported.createdAt(), "created when its certificate starts");
		assertTrue(imported.keyLocation().contains("acme.p12"), imported.keyLocation());
		assertArrayEquals(certificate.getEncoded(), admin.authority().require().certificateDer());
		assertEquals(certificate, PemFiles.readCertificate(admin.home().resolve("authority/authority.pem")));
		assertEquals("authority-imported", admin.audit(1).get(0).action());
		try (KeyStoreSession session = io.mintage.testing.Backends.find("soft").open(store)) {
			assertEquals(List.of(certificate), session.certificateChain(ALIAS), "the key store keeps the CA certificate");
		}

		// it signs as an authority made by init does: a station enrolled with it checks against the certificate
		Station line3 = Fixture.enrol(admin, folder, "Line 3");
		AuthorityCertificates.verifyStation(line3.certificate().orElseThrow(), certificate, Clock.systemUTC());

		AdminException again = assertThrows(AdminException.class,
				() -> admin.authority().importExisting(certificate, new KeyLocation("soft", ALIAS, store)));
		assertTrue(again.getMessage().contains("an authority exists already"), again.getMessage());
	}

	@Test
	void aKeyThatIsNotTheCertificatesIsRefusedAndNothingIsLeft() throws Exception {
		io.mintage.testing.Backends.find("soft");
		Path elsewhere = Files.createDirectories(folder.resolve("elsewhere"));
		KeyStoreConfiguration store = io.mintage.testing.KeyStores.softConfiguration(elsewhere, "two");
		X509Certificate first;
		try (KeyStoreSession session = io.mintage.testing.Backends.find("soft").open(store)) {
			first = authority(session, "first", "First Root", true);
			authority(session, "second", "Second Root", true);
		}
		Admin admin = Fixture.store().open(folder.resolve("admin"));
		AdminException wrongKey = assertThrows(AdminException.class,
				() -> admin.authority().importExisting(first, new KeyLocation("soft", "second", store)));
		assertTrue(wrongKey.getMessage().startsWith("the authority CN=First Root was not imported: "),
				wrongKey.getMessage());
		assertTrue(wrongKey.getMessage().contains("is not the key of the certificate CN=First Root"),
				wrongKey.getMessage());

		AdminException noKey = assertThrows(AdminException.class,
				() -> admin.authority().importExisting(first, new KeyLocation("soft", "third", store)));
		assertTrue(noKey.getMessage().contains("there is no key 'third' in the keystore"), noKey.getMessage());

		// a station's certificate with its own key is no authority
		Admin other = Fixture.withAuthority(folder.resolve("other"));
		Station line3 = Fixture.enrol(other, folder, "Line 3");
		KeyStoreConfiguration stationStore = io.mintage.testing.KeyStores.softConfiguration(folder, "Line-3");
		try (KeyStoreSession session = io.mintage.testing.Backends.find("soft").open(stationStore)) {
			session.setCertificateChain("station", List.of(line3.certificate().orElseThrow()));
		}
		AdminException notAuthority = assertThrows(AdminException.class, () -> admin.authority()
				.importExisting(line3.certificate().orElseThrow(), new KeyLocation("soft", "station", stationStore)));
		assertTrue(notAuthority.getMessage().contains("is issued by CN=Test Authority; an authority's certificate is"
				+ " self-signed"), notAuthority.getMessage());

		assertEquals(Optional.empty(), admin.authority().find());
		assertFalse(Files.exists(admin.home().resolve("authority/authority.pem")));
		assertFalse(Files.exists(admin.home().resolve("authority/key.properties")));
		assertTrue(admin.audit(10).isEmpty(), "nothing was recorded: " + admin.audit(10));
	}

	@Test
	void anAuthorityOnATokenIsTakenOverThroughTheCommand() throws Exception {
		io.mintage.testing.Backends.find("pkcs11");
		KeyStoreConfiguration token = io.mintage.testing.KeyStores.tokenConfiguration(folder);
		String alias = "import-" + Long.toHexString(System.nanoTime());
		X509Certificate certificate;
		try (KeyStoreSession session = io.mintage.testing.Backends.find("pkcs11").open(token)) {
			certificate = authority(session, alias, "Token Root", true);
		}
		PemFiles.writeCertificate(folder.resolve("token-root.pem"), certificate);
		Path pin = token.secret().file().orElseThrow();

		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		Path home = folder.resolve("admin");
		int exit = AdminCommandsTest.find("import-authority").run(
				CommandContext.of(new PrintStream(out, true, StandardCharsets.UTF_8),
						new PrintStream(err, true, StandardCharsets.UTF_8), folder, home),
				List.of("--certificate", "token-root.pem", "--pkcs11-module", io.mintage.testing.SoftHsmToken.MODULE.toString(),
						"--token-label", io.mintage.testing.SoftHsmToken.LABEL, "--pin-file", pin.toString(), "--alias", alias,
						"--json"));
		assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
		String json = out.toString(StandardCharsets.UTF_8);
		Json.check(json);
		assertTrue(json.contains("\"subject\":\"CN=Token Root\",\"fingerprint\":\""
				+ AuthorityCertificates.fingerprint(certificate) + "\""), json);
		assertTrue(json.contains("pkcs11 token '" + io.mintage.testing.SoftHsmToken.LABEL + "'"), json);

		Admin admin = Fixture.store().open(home);
		Station line3 = Fixture.enrol(admin, folder, "Line 3");
		AuthorityCertificates.verifyStation(line3.certificate().orElseThrow(), certificate, Clock.systemUTC());
	}

	/**
	 * A key under {@code alias} and its CA certificate, as another installation's init would have made them;
	 * the store keeps the certificate beside the key, or (as a CA tool may leave it) a placeholder.
	 */
	private static X509Certificate authority(KeyStoreSession session, String alias, String name, boolean keep)
			throws Exception {
		session.generateKeyPair(alias);
		X509Certificate certificate = AuthorityCertificates.createAuthority(session, alias, name,
				Instant.now().plus(3650, ChronoUnit.DAYS), Clock.systemUTC());
		if (keep) {
			session.setCertificateChain(alias, List.of(certificate));
		}
		return certificate;
	}
}
