package io.mintage.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

/**
 * The folder native libraries are loaded from: new each time, only this user can enter it, and the
 * library in it is exactly the resource. This test's own class file stands in for a library.
 */
class PrivateNativeLibrariesTest {

	private static final String RESOURCE = "/io/mintage/core/io/PrivateNativeLibrariesTest.class";

	@Test
	void theLibraryIsCopiedIntoAFreshFolderOnlyThisUserCanEnter() throws Exception {
		Path folder = PrivateNativeLibraries.unpack("mintage-test-", PrivateNativeLibrariesTest.class, RESOURCE,
				"Linux/x86_64/libtest.so", "the test library");
		Path library = folder.resolve("Linux/x86_64/libtest.so");
		assertTrue(folder.getFileName().toString().startsWith("mintage-test-"), folder.toString());
		for (Path path : new Path[] { folder, folder.resolve("Linux"), folder.resolve("Linux/x86_64"), library }) {
			assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)), path.toString());
		}
		try (InputStream in = PrivateNativeLibrariesTest.class.getResourceAsStream(RESOURCE)) {
			assertArrayEquals(in.readAllBytes(), Files.readAllBytes(library));
		}
		Path another = PrivateNativeLibraries.unpack("mintage-test-", PrivateNativeLibrariesTest.class, RESOURCE,
				"libtest.so", "the test library");
		assertNotEquals(folder, another);
		assertTrue(Files.isRegularFile(another.resolve("libtest.so")));
	}

	@Test
	void aBundleWithoutTheLibraryIsNamed() {
		IOException e = assertThrows(IOException.class, () -> PrivateNativeLibraries.unpack("mintage-test-",
				PrivateNativeLibrariesTest.class, "/no/such/libnothing.so", "libnothing.so", "the library of nothing"));
		assertEquals("the library of nothing is not in the bundle that should carry it (no resource"
				+ " /no/such/libnothing.so)", e.getMessage());
	}

	@Test
	void aPlaceOutsideTheFolderIsRefused() {
		assertThrows(IllegalArgumentException.class, () -> PrivateNativeLibraries.unpack("mintage-test-",
				PrivateNativeLibrariesTest.class, RESOURCE, "../libescape.so", "the test library"));
		assertThrows(IllegalArgumentException.class, () -> PrivateNativeLibraries.unpack("mintage-test-",
				PrivateNativeLibrariesTest.class, RESOURCE, "/tmp/libescape.so", "the test library"));
	}
}
