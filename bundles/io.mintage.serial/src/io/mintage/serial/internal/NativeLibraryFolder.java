package io.mintage.serial.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import com.fazecast.jSerialComm.SerialPort;

import io.mintage.core.io.PrivateNativeLibraries;

/**
 * Puts jSerialComm's native library into a fresh folder only this user can enter
 * ({@link PrivateNativeLibraries}), and tells jSerialComm to load it from there. Left to itself
 * jSerialComm unpacks to {@code ${java.io.tmpdir}/jSerialComm/…} with mode 0777 and loads whatever it
 * finds there, so another local user could plant a library (docs: build-facts). Must run before the
 * first use of {@link SerialPort}: its static initializer reads the property once.
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
		Path created = PrivateNativeLibraries.unpack("mintage-jserialcomm-", SerialPort.class, "/" + resource, resource,
				"jSerialComm 2.11.4's serial-port library for this machine (" + resource + ")");
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
}
