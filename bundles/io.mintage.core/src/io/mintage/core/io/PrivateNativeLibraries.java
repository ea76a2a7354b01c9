package io.mintage.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * Unpacks a native library that a third-party bundle ships into a fresh folder only this user can enter,
 * so that the library is loaded from there. Left to themselves such libraries (jSerialComm, sqlite-jdbc)
 * unpack into {@code java.io.tmpdir} under a predictable or world-readable name and load what they find,
 * so another local user could plant a library that the station then runs (docs: build-facts). The
 * caller points the library's own loader at the folder (a system property) before its first use.
 */
public final class PrivateNativeLibraries {

	private static final FileAttribute<?> PRIVATE_FOLDER = PosixFilePermissions
			.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

	private PrivateNativeLibraries() {
	}

	/**
	 * Copies the resource {@code resource} of {@code owner}'s bundle (e.g.
	 * {@code /org/sqlite/native/Linux/x86_64/libsqlitejdbc.so}) to {@code relativePath} inside a new
	 * folder whose name starts with {@code folderPrefix}, and returns that folder. The folder and every
	 * folder and file in it are mode 0700 and deleted when the JVM exits.
	 *
	 * @param what names the library in the error when the bundle does not carry it, e.g. "the SQLite
	 *             library of sqlite-jdbc for Linux x86_64"
	 */
	public static Path unpack(String folderPrefix, Class<?> owner, String resource, String relativePath, String what)
			throws IOException {
		Objects.requireNonNull(owner, "owner");
		Path relative = Path.of(relativePath);
		if (relative.isAbsolute() || relative.normalize().startsWith("..")) {
			throw new IllegalArgumentException("a library's place in its folder is relative and inside it, not "
					+ relativePath);
		}
		// createTempDirectory creates the folder atomically with 0700 under a random name, so nobody can
		// have put anything in it before us, whichever java.io.tmpdir the process runs with.
		Path folder = Files.createTempDirectory(folderPrefix, PRIVATE_FOLDER);
		Path library = folder.resolve(relative).normalize();
		if (library.getParent() != null && !library.getParent().equals(folder)) {
			Files.createDirectories(library.getParent(), PRIVATE_FOLDER);
		}
		// Read from the owner's bundle, where the library ships; in OSGi only its class loader sees it.
		try (InputStream in = owner.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IOException(what + " is not in the bundle that should carry it (no resource " + resource + ")");
			}
			Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
		}
		Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rwx------"));
		deleteOnExit(folder, library);
		return folder;
	}

	/** Files registered later are deleted first, so the folders go after what they hold. */
	private static void deleteOnExit(Path folder, Path library) {
		folder.toFile().deleteOnExit();
		for (Path p = library.getParent(); p != null && !p.equals(folder); p = p.getParent()) {
			p.toFile().deleteOnExit();
		}
		library.toFile().deleteOnExit();
	}
}
