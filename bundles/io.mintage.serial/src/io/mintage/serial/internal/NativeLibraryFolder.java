package io.mintage.serial.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

import com.fazecast.jSerialComm.SerialPort;

/**
 * Puts jSerialComm's native library into a fresh folder only this user can enter, and tells
 * jSerialComm to load it from there. Left to itself jSerialComm unpacks to
 * {@code ${java.io.tmpdir}/jSerialComm/…} with mode 0777 and loads whatever it finds there, so another
 * local user could plant a library (docs: build-facts). Must run before the first use of
 * {@link SerialPort}: its static initializer reads the property once.
 */
final class NativeLibraryFolder {

	static final String LIBRARY_PATH_PROPERTY = "jSerialComm.library.path";

	private static Path folder;

	private NativeLibraryFolder() {
	}

	/** Prepares the folder once per JVM; later calls return the same folder. */
	static synchronized Path prepare() throws IOException {
		if (folder != null) {
			return folder;
		}
		String resource = resourceForThisMachine();
		// createTempDirectory creates the folder atomically with 0700 under a random name, so nobody
		// can have put anything in it before us, whichever java.io.tmpdir the process runs with.
		Path created = Files.createTempDirectory("mintage-jserialcomm-",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		Path library = created.resolve(resource);
		Files.createDirectories(library.getParent(),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		// The library is read from jSerialComm's own bundle, where it ships.
		try (InputStream in = SerialPort.class.getResourceAsStream("/" + resource)) {
			if (in == null) {
				throw new IOException("jSerialComm 2.11.4 does not contain " + resource
						+ ", the serial-port library for this machine");
			}
			Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
		}
		Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rwx------"));
		deleteOnExit(created, library);
		System.setProperty(LIBRARY_PATH_PROPERTY, created.toString());
		folder = created;
		return folder;
	}

	/** jSerialComm looks for {@code <path>/<OS>/<arch>/<library>} first; the same layout as in its jar. */
	private static String resourceForThisMachine() throws IOException {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		if (!os.contains("linux")) {
			throw new IOException("serial ports are supported on Linux only, not on " + System.getProperty("os.name"));
		}
		return switch (arch) {
		case "amd64", "x86_64" -> "Linux/x86_64/libjSerialComm.so";
		case "aarch64", "arm64" -> "Linux/armv8_64/libjSerialComm.so";
		default -> throw new IOException("serial ports are supported on x86-64 and 64-bit ARM Linux, not on " + arch);
		};
	}

	/** Files registered later are deleted first, so the folders go after what they hold. */
	private static void deleteOnExit(Path root, Path library) {
		root.toFile().deleteOnExit();
		for (Path p = library.getParent(); p != null && !p.equals(root); p = p.getParent()) {
			p.toFile().deleteOnExit();
		}
		library.toFile().deleteOnExit();
	}
}
