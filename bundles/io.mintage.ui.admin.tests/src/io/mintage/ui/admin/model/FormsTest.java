package io.mintage.ui.admin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.core.mcu.McuFamilies;
import io.mintage.core.mcu.McuFamily;
import io.mintage.core.sign.KeyLocation;
import io.mintage.core.sign.KeyStoreConfiguration;

/**
 * What the wizard and the key ceremony tell the admin, page by page, in plain words — read with the
 * commands' own parsers and the real MCU family descriptors — and that the ceremony's passphrase must be
 * the one its source gives later signings.
 */
class FormsTest {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	@TempDir
	Path work;

	@Test
	void theQuotaPageSaysWhatIsMissingOrWrong() {
		IssueForm form = new IssueForm();
		form.product(Optional.of(new io.mintage.trust.ProductId(1)));
		assertEquals(Optional.of("How many devices may the station make? Write the count."), form.quotaProblem(NOW));
		form.count("ten");
		assertEquals(Optional.of("The count expects a whole number, got 'ten'."), form.quotaProblem(NOW));
		form.count("0");
		assertEquals(Optional.of("The count 0 is outside 1..4294967296."), form.quotaProblem(NOW));
		form.count("10");
		assertEquals(Optional.of("Until when may the station sign records? Write the last day, such as 2027-06-30."),
				form.quotaProblem(NOW));
		form.validUntil("30.6.2027");
		assertTrue(form.quotaProblem(NOW).orElseThrow().startsWith("'Valid until' expects a day such as 2027-12-31"),
				form.quotaProblem(NOW).toString());
		form.validUntil("2026-02-01");
		assertEquals(Optional.of("The quota would end on 2026-02-01, before it starts (2026-03-01): choose a later last"
				+ " day."), form.quotaProblem(NOW));
		form.validUntil("2027-06-30");
		assertEquals(Optional.empty(), form.quotaProblem(NOW));
		form.firstSerial("4294967290");
		assertTrue(form.quotaProblem(NOW).orElseThrow().startsWith("Serials 4294967290"),
				form.quotaProblem(NOW).toString());
		form.firstSerial("");
		form.royalty("0.125", "");
		assertEquals(Optional.of("The royalty per device and its currency go together: write both (such as 0.125 and"
				+ " EUR), or neither."), form.quotaProblem(NOW));
		form.royalty("1e-3", "EUR");
		assertEquals(Optional.of("A royalty per device is written like 0.125 (digits, a point, at most 9 decimals), not"
				+ " '1e-3'."), form.quotaProblem(NOW));
		form.royalty("0.125", "euro");
		assertTrue(form.quotaProblem(NOW).orElseThrow().startsWith("A currency is an ISO 4217 code"),
				form.quotaProblem(NOW).toString());
		form.royalty("0.125", "eur");
		assertEquals(Optional.empty(), form.quotaProblem(NOW), "a currency code is taken in capitals");
	}

	@Test
	void theOptionsPageAsksTheFamilysDescriptor() {
		McuFamilies families = RegistryServices.service(McuFamilies.class);
		McuFamily f1 = families.find("stm32f1").orElseThrow();
		McuFamily f0 = families.find("stm32f0").orElseThrow();
		IssueForm form = new IssueForm();
		form.recordOptions(true, Optional.of("level 1"), false, Optional.empty(), false);
		assertEquals(Optional.of("The STM32F1 knows 'unprotected', 'protected'; 'level 1' is none of them."),
				form.optionsProblem(f1));
		form.recordOptions(true, Optional.of("level 2"), false, Optional.empty(), false);
		assertTrue(form.optionsProblem(f0).orElseThrow().startsWith("Mintage never sets 'level 2' of the STM32F0"),
				form.optionsProblem(f0).toString());
		form.recordOptions(true, Optional.empty(), false, Optional.of("otp"), false);
		assertEquals(Optional.of("The STM32F1 offers 'last-erase-unit'; 'otp' is offered by none of its variants."),
				form.optionsProblem(f1));
		form.recordOptions(true, Optional.empty(), false, Optional.empty(), true);
		assertEquals(Optional.of("Every STM32F1 variant has a documented UID, so there is no risk to accept."),
				form.optionsProblem(f1));
		form.recordOptions(true, Optional.of("level 1"), false, Optional.empty(), true);
		assertEquals(Optional.empty(), form.optionsProblem(f0));
		form.recordOptions(true, Optional.of("protected"), false, Optional.of("last-erase-unit"), false);
		assertEquals(Optional.empty(), form.optionsProblem(f1));
		assertEquals(List.of(), form.optionNotes(f1), "every STM32F1 variant knows the level and the place");
	}

	@Test
	void theFilePageWantsAFileInAFolderThatExists() throws Exception {
		IssueForm form = new IssueForm();
		assertEquals(Optional.of("Say where the job file is to be written."), form.fileProblem());
		form.file(work.resolve("missing/job.mjob").toString());
		assertEquals(Optional.of("The folder " + work.resolve("missing") + " does not exist."), form.fileProblem());
		form.file(work.toString());
		assertEquals(Optional.of(work + " is a folder; give the job file's name."), form.fileProblem());
		form.file(work.resolve("job.mjob").toString());
		assertEquals(Optional.empty(), form.fileProblem());
	}

	@Test
	void theCeremonysPassphraseIsTypedTwiceAndIsWhatItsSourceGives() throws Exception {
		KeyCeremonyForm form = new KeyCeremonyForm();
		assertEquals(Optional.of("Give the authority a name, such as Acme Authority."), form.problem(NOW));
		form.name("Acme Authority");
		form.validUntil("2020-01-01");
		assertEquals(Optional.of("The certificate would end on 2020-01-01, which has passed."), form.problem(NOW));
		form.validUntil(KeyCeremonyForm.defaultValidUntil(NOW));
		assertEquals(Optional.of("Say which key store file holds the key."), form.problem(NOW));
		form.location().keystore("authority.p12");
		assertEquals(Optional.of("Give the key store as a full path, starting with /."), form.problem(NOW));
		form.location().keystore(work.resolve("authority.p12").toString());
		form.location().secret(KeyLocationForm.Secret.ENVIRONMENT, "MINTAGE TEST");
		assertEquals(Optional.of("'MINTAGE TEST' is not an environment variable name (letters, digits, _)."),
				form.problem(NOW));
		form.location().secret(KeyLocationForm.Secret.ENVIRONMENT, "MINTAGE_NOT_SET_ANYWHERE");
		assertEquals(Optional.empty(), form.problem(NOW));
		assertEquals(Optional.of("Type the passphrase, twice."), form.passphraseProblem(new char[0], new char[0]));
		assertEquals(Optional.of("The two passphrases typed differ: type the same one twice."),
				form.passphraseProblem("one".toCharArray(), "two".toCharArray()));
		assertEquals(Optional.of("The environment variable MINTAGE_NOT_SET_ANYWHERE that should hold the secret is not"
				+ " set. Start Mintage Admin with the variable holding the passphrase, or choose a private file."),
				form.passphraseProblem("one".toCharArray(), "one".toCharArray()));

		Path secret = work.resolve("authority.pass");
		Files.writeString(secret, "tr0ub4dor&3\n");
		Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
		form.location().secret(KeyLocationForm.Secret.FILE, secret.toString());
		assertTrue(form.passphraseProblem("tr0ub4dor&3".toCharArray(), "tr0ub4dor&3".toCharArray()).orElseThrow()
				.contains("is accessible to other users"), "a file others can read is refused");
		Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
		assertEquals(Optional.of("The passphrase typed here is not the one file " + secret + " holds; later signings"
				+ " read it from there, so they must be the same."),
				form.passphraseProblem("Tr0ub4dor&3".toCharArray(), "Tr0ub4dor&3".toCharArray()));
		assertEquals(Optional.empty(), form.passphraseProblem("tr0ub4dor&3".toCharArray(), "tr0ub4dor&3".toCharArray()));

		KeyLocation location = form.location().location();
		assertEquals("soft", location.backendType());
		assertEquals("authority", location.alias());
		assertEquals(Optional.of(work.resolve("authority.p12").toString()),
				location.configuration().setting(KeyStoreConfiguration.KEYSTORE_FILE));
		assertEquals(Optional.of(secret), location.configuration().secret().file());
	}

	@Test
	void aTokenNeedsItsLibraryAndLabel() throws Exception {
		KeyLocationForm form = new KeyLocationForm();
		form.store(KeyLocationForm.Store.TOKEN);
		assertEquals(Optional.of("Say which PKCS#11 library talks to the token (such as /usr/lib/softhsm/libsofthsm2.so)."),
				form.problem());
		form.token(work.resolve("libnothing.so").toString(), "");
		assertEquals(Optional.of("There is no PKCS#11 library " + work.resolve("libnothing.so") + "."), form.problem());
		Path library = Files.writeString(work.resolve("libtoken.so"), "");
		form.token(library.toString(), "");
		assertEquals(Optional.of("Give the token's label."), form.problem());
		form.token(library.toString(), "Acme CA");
		form.secret(KeyLocationForm.Secret.FILE, "");
		assertEquals(Optional.of("Say which private file holds the PIN."), form.problem());
		form.secret(KeyLocationForm.Secret.ENVIRONMENT, "ACME_PIN");
		assertEquals(Optional.empty(), form.problem());
		KeyLocation location = form.location();
		assertEquals("pkcs11", location.backendType());
		assertEquals(Optional.of("Acme CA"), location.configuration().setting(KeyStoreConfiguration.TOKEN_LABEL));
		assertEquals(Optional.of("ACME_PIN"), location.configuration().secret().environmentVariable());
	}

	@Test
	void datesAndValidityReadAlikeInEveryView() {
		assertEquals("2031-02-28 (in 1825 days)", Texts.ends(NOW.plus(java.time.Duration.ofDays(1825)), NOW));
		assertEquals("2026-03-02 (in 1 day)", Texts.ends(NOW.plus(java.time.Duration.ofHours(25)), NOW));
		assertEquals("2026-03-01 (today)", Texts.ends(NOW.plusSeconds(3600), NOW));
		assertEquals("2026-02-01 (expired)", Texts.ends(Instant.parse("2026-02-01T00:00:00Z"), NOW));
		assertEquals("0123abcd…89abcdef", Texts.abbreviated("0123abcd" + "0".repeat(48) + "89abcdef"));
	}
}
