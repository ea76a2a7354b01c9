package io.mintage.station.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.core.DeviceUid;
import io.mintage.core.sign.KeyLocation;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.testing.OpenSsl;
import io.mintage.trust.FirmwareHash;
import io.mintage.trust.P256PublicKey;
import io.mintage.trust.PemFiles;
import io.mintage.trust.ProductId;
import io.mintage.trust.RecordVerifier;

/**
 * The whole trust chain as a new user runs it, through the real commands found in the service
 * registry: {@code admin init} → {@code station init} → {@code admin enrol} → {@code station
 * install-cert} → {@code admin issue-job} → {@code station accept} → {@code station sign-record} →
 * {@code station jobs}, with openssl checking every artifact, and every refusal leaving the station's
 * key store and job folder exactly as they were. Runs once per signing backend of the main authority
 * and station; the "other" authority and station needed for refusals live in software keystores.
 */
abstract class TrustChainTest {

	static final String PRODUCT = "0x13572468";
	static final String UID = "2b0047000e51363236313533";

	@TempDir
	Path work;

	Path admin;
	Path station;

	/** Options that put the key of {@code role} ("authority", "station") in this backend. */
	abstract List<String> keyOptions(Path folder, String role) throws Exception;

	/** Removes the keys a test left in a shared store (the token), so the next test starts empty. */
	abstract void clearKeys() throws Exception;

	@BeforeEach
	void setUpChain() throws Exception {
		clearKeys();
		admin = work.resolve("admin-state");
		station = work.resolve("station-state");
		ok(admin("init", "--name", "Test Authority", keyOptions(work, "authority")));
		ok(station("init", "--name", "Line 3", "--out", "line3.csr", keyOptions(work, "station")));
		ok(admin("enrol", "line3.csr", "--out", "line3.pem"));
		ok(admin("export-anchor", "--pem", "authority.pem", "--c-header", "anchor.h"));
		ok(station("install-cert", "line3.pem", "--authority", "authority.pem"));
		writeFirmware(work.resolve("sensor.hex"));
	}

	@AfterEach
	void clearTheToken() throws Exception {
		clearKeys();
	}

	@Test
	void theWholeChainSignsRecordsTheDeviceAcceptsAndOpensslChecksEveryArtifact() throws Exception {
		assertTrue(openssl("verify", "-CAfile", "authority.pem", "line3.pem").output().contains("line3.pem: OK"));
		ok(admin("issue-job", "--station", "line3.pem", "--product", PRODUCT, "--product-name", "Sensor",
				"--family", "stm32f1", "--firmware", "sensor.hex", "--firmware-version", "1.0.0",
				"--bind-firmware-hash", "--count", "3", "--serial-start", "1000", "--valid-until", days(30),
				"--out", "job.mjob"));
		OpenSsl.Result verified = openssl("cms", "-verify", "-inform", "DER", "-in", "job.mjob", "-CAfile",
				"authority.pem", "-binary", "-out", "job-content.der");
		assertEquals(0, verified.exitCode(), verified.output());
		assertTrue(verified.output().contains("Verification successful"), verified.output());

		Commands.Result accepted = station("accept", "job.mjob");
		ok(accepted);
		assertTrue(accepted.out().contains("Accepted job 'Sensor 1.0.0'"), accepted.out());
		try (KeyStoreSession session = openStation()) {
			List<String> aliases = session.aliases();
			assertTrue(aliases.contains("station"), aliases.toString());
			assertEquals(1, aliases.stream().filter(alias -> alias.startsWith("batch-")).count(),
					"one batch key: " + aliases);
		}

		Commands.Result first = station("sign-record", "--uid", UID, "--json", "--out", "record.bin");
		ok(first);
		assertTrue(first.out().contains("\"serial\":1000"), first.out());
		assertTrue(first.out().contains("\"rework\":false"), first.out());
		byte[] record = Files.readAllBytes(work.resolve("record.bin"));
		assertEquals(304, record.length);
		X509Certificate authority = PemFiles.readCertificate(work.resolve("authority.pem"));
		byte[] firmwareHash = HexFormat.of().parseHex(Commands.loader()
				.load(work.resolve("sensor.hex"), io.mintage.image.ReadOptions.defaults()).image().sha256());
		new RecordVerifier(P256PublicKey.fromJca(authority.getPublicKey()), new ProductId(0x13572468L),
				Clock.systemUTC()).verify(record, DeviceUid.parse(UID), FirmwareHash.of(firmwareHash));

		Commands.Result again = station("sign-record", "--uid", UID, "--json");
		ok(again);
		assertTrue(again.out().contains("\"rework\":true") && again.out().contains("\"serial\":1000"), again.out());
		assertTrue(again.out().contains(HexFormat.of().formatHex(record)), "rework gives the very same record");

		ok(station("sign-record", "--uid", "0102030405060708090a0b0c"));
		Commands.Result third = station("sign-record", "--uid", "a1a2a3a4a5a6a7a8a9aaabacadaeafb0");
		ok(third);
		assertTrue(third.out().contains("serial 1002") && third.out().contains("0 left"), third.out());
		Commands.Result usedUp = station("sign-record", "--uid", "ffeeddccbbaa998877665544");
		refused(usedUp, "the quota of job 'Sensor 1.0.0' is used up: all 3 serials are signed");

		Commands.Result jobs = station("jobs", "--json");
		ok(jobs);
		assertTrue(jobs.out().contains("\"used\":3,\"left\":0") && jobs.out().contains("\"state\":\"used-up\""),
				jobs.out());

		assertPrivate(admin);
		assertPrivate(station);
		for (Path file : List.of(work.resolve("job.mjob"), work.resolve("line3.pem"), work.resolve("record.bin"))) {
			assertPrivate(file);
		}
	}

	@Test
	void aQuotaKeyIsCheckedByOpensslAndAJobCanCarryIt() throws Exception {
		ok(admin("issue-quota", "--station", "line3.pem", "--product", PRODUCT, "--count", "10", "--serial-start",
				"5000", "--valid-until", days(30), "--out", "q.mquota"));
		OpenSsl.Result verified = openssl("cms", "-verify", "-inform", "DER", "-in", "q.mquota", "-CAfile",
				"authority.pem", "-binary", "-out", "q-content.der");
		assertEquals(0, verified.exitCode(), verified.output());
		refused(admin("issue-quota", "--station", "line3.pem", "--product", PRODUCT, "--count", "10",
				"--serial-start", "5009", "--valid-until", days(30)), "overlap quota");
		Commands.Result unknownFamily = admin("issue-job", "--station", "line3.pem", "--product", PRODUCT,
				"--product-name", "Sensor", "--family", "stm32f9", "--firmware", "sensor.hex", "--quota", "q.mquota");
		assertEquals(2, unknownFamily.exitCode(), unknownFamily.toString());
		assertTrue(unknownFamily.err().contains("no installed MCU family is 'stm32f9'; the installed ones are: "
				+ "lpc11c24, stm32f0, stm32f1, stm32f4"), unknownFamily.err());
		refused(admin("issue-job", "--station", "line3.pem", "--product", "0x11111111", "--product-name", "Other",
				"--family", "stm32f1", "--firmware", "sensor.hex", "--quota", "q.mquota", "--out", "wrong.mjob"),
				"product");
		assertFalse(Files.exists(work.resolve("wrong.mjob")));
		ok(admin("issue-job", "--station", "line3.pem", "--product", PRODUCT, "--product-name", "Sensor",
				"--family", "stm32f1", "--firmware", "sensor.hex", "--quota", "q.mquota", "--out", "job.mjob"));
		ok(station("accept", "job.mjob"));
		Commands.Result signed = station("sign-record", "--uid", UID);
		ok(signed);
		assertTrue(signed.out().contains("serial 5000"), signed.out());
	}

	@Test
	void aTamperedJobIsRefusedAndNothingIsStored() throws Exception {
		issueJob("job.mjob", "1000", "10", days(30));
		byte[] job = Files.readAllBytes(work.resolve("job.mjob"));
		for (int position : new int[] { 0, 7, job.length / 3, job.length / 2, job.length - 80, job.length - 1 }) {
			byte[] tampered = job.clone();
			tampered[position] ^= 0x10;
			Files.write(work.resolve("tampered.mjob"), tampered);
			refusedAndNothingStored(station("accept", "tampered.mjob"), "is refused");
		}
	}

	@Test
	void aJobOfAnotherAuthorityIsRefused() throws Exception {
		Path otherAdmin = work.resolve("other-admin");
		ok(Commands.run("admin", work, otherAdmin, args("init", "--name", "Rogue Authority",
				softOptions(work, "rogue"))));
		ok(Commands.run("admin", work, otherAdmin, "enrol", "line3.csr", "--out", "line3-rogue.pem"));
		ok(Commands.run("admin", work, otherAdmin, "issue-job", "--station", "line3-rogue.pem", "--product", PRODUCT,
				"--product-name", "Sensor", "--family", "stm32f1", "--firmware", "sensor.hex", "--count", "10",
				"--serial-start", "1", "--valid-until", days(30), "--out", "rogue.mjob"));
		refusedAndNothingStored(station("accept", "rogue.mjob"), "Rogue Authority");
	}

	@Test
	void aJobForAnotherStationIsRefused() throws Exception {
		Path otherStation = work.resolve("other-station");
		ok(Commands.run("station", work, otherStation, args("init", "--name", "Line 4", "--out", "line4.csr",
				softOptions(work, "line4"))));
		ok(admin("enrol", "line4.csr", "--out", "line4.pem"));
		ok(admin("issue-job", "--station", "line4.pem", "--product", PRODUCT, "--product-name", "Sensor", "--family",
				"stm32f1", "--firmware", "sensor.hex", "--count", "10", "--serial-start", "1", "--valid-until",
				days(30), "--out", "line4.mjob"));
		refusedAndNothingStored(station("accept", "line4.mjob"), "another station");
	}

	@Test
	void anExpiredOrNotYetValidJobIsRefused() throws Exception {
		issueJob("soon-over.mjob", "1", "10", days(1));
		AcceptCommand later = new AcceptCommand(Commands.keyStores(), Commands.loader(),
				Clock.offset(Clock.systemUTC(), Duration.ofDays(3)));
		refusedAndNothingStored(Commands.run(later, work, station, "accept", "soon-over.mjob"), "expired");
		ok(admin("issue-job", "--station", "line3.pem", "--product", PRODUCT, "--product-name", "Sensor", "--family",
				"stm32f1", "--firmware", "sensor.hex", "--count", "10", "--serial-start", "100", "--valid-from",
				days(10), "--valid-until", days(40), "--out", "future.mjob"));
		refusedAndNothingStored(station("accept", "future.mjob"), "not valid before");
	}

	@Test
	void aSerialRangeOverlappingAnAcceptedOneIsRefused() throws Exception {
		issueJob("first.mjob", "1000", "100", days(30));
		ok(station("accept", "first.mjob"));
		// a second admin folder with the same authority but without the quota register: a restored
		// backup, say. The station must catch the overlap itself.
		Path copy = work.resolve("admin-copy");
		Files.createDirectories(copy.resolve("authority"));
		for (String file : List.of("key.properties", "authority.pem")) {
			Files.copy(admin.resolve("authority").resolve(file), copy.resolve("authority").resolve(file));
		}
		ok(Commands.run("admin", work, copy, "issue-job", "--station", "line3.pem", "--product", PRODUCT,
				"--product-name", "Sensor", "--family", "stm32f1", "--firmware", "sensor.hex", "--count", "10",
				"--serial-start", "1095", "--valid-until", days(30), "--out", "second.mjob"));
		refusedAndNothingStored(station("accept", "second.mjob"), "overlap those of the accepted job");
		refusedAndNothingStored(station("accept", "first.mjob"), "is accepted already");
	}

	@Test
	void aRevokedStationAcceptsNoJob() throws Exception {
		issueJob("job.mjob", "1", "10", days(30));
		ok(admin("revoke", "line3.pem", "--reason", "key-compromise", "--out", "revocations.crl"));
		OpenSsl.Result crl = openssl("crl", "-in", "revocations.crl", "-CAfile", "authority.pem", "-noout");
		assertTrue(crl.output().contains("verify OK"), crl.output());
		refused(admin("issue-job", "--station", "line3.pem", "--product", PRODUCT, "--product-name", "Sensor",
				"--family", "stm32f1", "--firmware", "sensor.hex", "--count", "10", "--serial-start", "500",
				"--valid-until", days(30)), "was revoked");
		Commands.Result installed = station("install-revocations", "revocations.crl");
		ok(installed);
		assertTrue(installed.err().contains("own certificate is revoked"), installed.toString());
		refusedAndNothingStored(station("accept", "job.mjob"), "was revoked");
	}

	// --- helpers

	void issueJob(String out, String serialStart, String count, String validUntil) throws Exception {
		ok(admin("issue-job", "--station", "line3.pem", "--product", PRODUCT, "--product-name", "Sensor", "--family",
				"stm32f1", "--firmware", "sensor.hex", "--count", count, "--serial-start", serialStart, "--valid-until",
				validUntil, "--out", out));
	}

	Commands.Result admin(String command, Object... rest) throws Exception {
		return Commands.run("admin", work, admin, args(command, rest));
	}

	Commands.Result station(String command, Object... rest) throws Exception {
		return Commands.run("station", work, station, args(command, rest));
	}

	static String[] args(String command, Object... rest) {
		List<String> words = new ArrayList<>();
		words.add(command);
		for (Object word : rest) {
			if (word instanceof List<?> list) {
				list.forEach(item -> words.add(item.toString()));
			} else {
				words.add(word.toString());
			}
		}
		return words.toArray(String[]::new);
	}

	static List<String> softOptions(Path folder, String role) throws Exception {
		Path secret = folder.resolve(role + ".pass");
		if (!Files.exists(secret)) {
			io.mintage.testing.Secrets.inFile(folder, role + ".pass", "passphrase of the " + role + " keystore");
		}
		return List.of(KeyLocation.PASSPHRASE_FILE, secret.toString());
	}

	KeyStoreSession openStation() throws Exception {
		KeyLocation location = KeyLocation.load(station.resolve("station-key.properties"));
		return Commands.keyStores().open(location);
	}

	void refusedAndNothingStored(Commands.Result result, String reason) throws Exception {
		List<String> aliasesBefore;
		try (KeyStoreSession session = openStation()) {
			aliasesBefore = session.aliases();
		}
		refused(result, reason);
		try (KeyStoreSession session = openStation()) {
			assertEquals(aliasesBefore, session.aliases(), "a refusal adds no key");
		}
		Path jobs = station.resolve("jobs");
		if (Files.isDirectory(jobs)) {
			try (Stream<Path> entries = Files.list(jobs)) {
				assertTrue(entries.allMatch(entry -> Files.isRegularFile(entry.resolve("job.mjob"))),
						"no half-stored job in " + jobs);
			}
		}
	}

	void refused(Commands.Result result, String reason) {
		assertEquals(1, result.exitCode(), result.toString());
		assertTrue(result.err().contains(reason), "expected the reason '" + reason + "' in: " + result.err());
		for (String secret : List.of("passphrase of the", io.mintage.testing.SoftHsmToken.PIN)) {
			assertFalse(result.err().contains(secret) || result.out().contains(secret), "a secret was shown");
		}
	}

	static void ok(Commands.Result result) {
		assertEquals(0, result.exitCode(), result.toString());
	}

	OpenSsl.Result openssl(String... arguments) throws Exception {
		return OpenSsl.run(work, arguments);
	}

	static String days(int fromNow) {
		return LocalDate.now(ZoneOffset.UTC).plusDays(fromNow).toString();
	}

	static void assertPrivate(Path root) throws Exception {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.toList()) {
				Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
				for (PosixFilePermission shared : List.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
						PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE)) {
					assertFalse(permissions.contains(shared), path + " is " + permissions);
				}
			}
		}
	}

	/** A 64-byte Intel HEX image at 0x08000000 with valid checksums. */
	static void writeFirmware(Path file) throws Exception {
		StringBuilder hex = new StringBuilder(":020000040800F2\n");
		for (int line = 0; line < 4; line++) {
			byte[] data = new byte[16];
			for (int i = 0; i < 16; i++) {
				data[i] = (byte) (line * 16 + i * 7 + 3);
			}
			hex.append(record(0x10 * line, 0, data));
		}
		hex.append(":00000001FF\n");
		Files.writeString(file, hex.toString(), StandardCharsets.US_ASCII);
	}

	static String record(int address, int type, byte[] data) {
		int sum = data.length + (address >> 8) + (address & 0xFF) + type;
		StringBuilder line = new StringBuilder(String.format(":%02X%04X%02X", data.length, address, type));
		for (byte b : data) {
			line.append(String.format("%02X", b & 0xFF));
			sum += b & 0xFF;
		}
		return line.append(String.format("%02X%n", (-sum) & 0xFF)).toString();
	}

}
