package io.mintage.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.mintage.core.sign.SecretSource;

/** Secret files for tests, private as the product requires. */
public final class Secrets {

	private Secrets() {
	}

	public static SecretSource inFile(Path folder, String name, String secret) throws IOException {
		Path file = folder.resolve(name);
		Files.deleteIfExists(file);
		Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
		return SecretSource.fromFile(file);
	}
}
