package io.mintage.sign.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.core.sign.KeyStoreConfiguration;
import io.mintage.core.sign.SecretSource;
import io.mintage.core.sign.SigningException;
import io.mintage.testing.Secrets;

class SecretSourceTest {

	@TempDir
	Path folder;

	@Test
	void readsAPrivateFileWithoutItsLineBreak() throws Exception {
		SecretSource source = Secrets.inFile(folder, "pin", "123456");
		assertArrayEquals("123456".toCharArray(), source.read());
		Files.writeString(folder.resolve("pin"), "pässphrase\r\n", StandardCharsets.UTF_8);
		assertArrayEquals("pässphrase".toCharArray(), source.read());
	}

	@Test
	void refusesAFileOtherUsersCanRead() throws Exception {
		SecretSource source = Secrets.inFile(folder, "pin", "123456");
		Path file = folder.resolve("pin").toAbsolutePath();
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		SigningException e = assertThrows(SigningException.class, source::read);
		assertEquals("the secret file " + file + " is accessible to other users (rw-r--r--); make it private with: "
				+ "chmod 600 " + file, e.getMessage());
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw--w----"));
		assertThrows(SigningException.class, source::read);
	}

	@Test
	void namesAMissingOrEmptyFile() throws Exception {
		Path missing = folder.resolve("nothing").toAbsolutePath();
		assertEquals("the secret file " + missing + " does not exist",
				assertThrows(SigningException.class, SecretSource.fromFile(missing)::read).getMessage());
		SecretSource empty = Secrets.inFile(folder, "empty", "");
		assertEquals("the secret file " + folder.resolve("empty").toAbsolutePath() + " is empty",
				assertThrows(SigningException.class, empty::read).getMessage());
	}

	@Test
	void describesTheSourceNeverTheSecret() throws Exception {
		SecretSource file = Secrets.inFile(folder, "pin", "424242");
		assertEquals("file " + folder.resolve("pin").toAbsolutePath(), file.toString());
		assertEquals("environment variable MINTAGE_PIN", SecretSource.fromEnvironment("MINTAGE_PIN").toString());
		String configuration = KeyStoreConfiguration.pkcs11Token(Path.of("/m.so"), "T", file).toString();
		assertFalse(configuration.contains("424242"), configuration);
		assertEquals(Map.of("module", "/m.so", "token-label", "T"),
				KeyStoreConfiguration.pkcs11Token(Path.of("/m.so"), "T", file).settings());
	}
}
