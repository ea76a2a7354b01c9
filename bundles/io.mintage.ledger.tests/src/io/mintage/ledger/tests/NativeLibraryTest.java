package io.mintage.ledger.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.ledger.Ledger;
import io.mintage.sqlite.SqliteNativeLibrary;

/** sqlite-jdbc's library is loaded from a private folder, never from a file it put into /tmp. */
class NativeLibraryTest {

	@TempDir
	Path folder;

	@Test
	void theSqliteLibraryIsLoadedFromAPrivateFolderAndNothingLandsInTmp() throws Exception {
		try (Ledger ledger = Ledger.open(folder.resolve("ledger.db"), new SteppingClock(Ledgers.START, 1))) {
			ledger.lastSequence();
		}
		Path library = Path.of(System.getProperty(SqliteNativeLibrary.LIBRARY_PATH_PROPERTY));
		assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(library)));
		assertEquals(library.toString(), System.getProperty(SqliteNativeLibrary.TEMPORARY_FOLDER_PROPERTY));
		String name = System.getProperty(SqliteNativeLibrary.LIBRARY_NAME_PROPERTY);
		assertEquals("rwx------",
				PosixFilePermissions.toString(Files.getPosixFilePermissions(library.resolve(name))));

		// what this process has mapped is the file in that folder, and nothing else of sqlite-jdbc's
		List<String> mapped = Files.readAllLines(Path.of("/proc/self/maps")).stream()
				.filter(line -> line.contains("sqlitejdbc")).map(line -> line.substring(line.indexOf('/'))).distinct()
				.toList();
		assertEquals(List.of(library.resolve(name).toString()), mapped);

		// sqlite-jdbc's own name for what it unpacks is sqlite-<version>-<uuid>-libsqlitejdbc.so
		Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
		for (Path tmp : List.of(Path.of("/tmp"), Path.of(System.getProperty("java.io.tmpdir")))) {
			try (Stream<Path> files = Files.list(tmp)) {
				List<Path> unpacked = files.filter(p -> p.getFileName().toString().startsWith("sqlite-"))
						.filter(p -> p.getFileName().toString().contains(".so")).filter(p -> modifiedSince(p, started))
						.toList();
				assertTrue(unpacked.isEmpty(), "sqlite-jdbc unpacked into " + tmp + ": " + unpacked);
			}
		}
		assertTrue(library.getFileName().toString().startsWith("mintage-sqlite-"), library.toString());
	}

	private static boolean modifiedSince(Path file, Instant instant) {
		try {
			return !Files.getLastModifiedTime(file).toInstant().isBefore(instant);
		} catch (java.io.IOException e) {
			return false;
		}
	}
}
