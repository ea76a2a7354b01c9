package io.mintage.products.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each product archive unpacks into a folder whose launcher script works, as a new user gets it. */
class ProductArchiveTest {

	@ParameterizedTest
	@ValueSource(strings = { "station", "admin" })
	void archiveUnpacksToAWorkingProduct(String role, @TempDir Path dir) throws Exception {
		Path products = Path.of(System.getProperty("mintage.products.dir"));
		Path archive;
		try (Stream<Path> files = Files.list(products)) {
			archive = files.filter(f -> f.getFileName().toString().startsWith("mintage-" + role + "-")
					&& f.getFileName().toString().endsWith(".tar.gz")).findFirst().orElseThrow(
							() -> new AssertionError("no mintage-" + role + "-*.tar.gz in " + products));
		}
		Process tar = new ProcessBuilder(List.of("tar", "-xzf", archive.toString(), "-C", dir.toString()))
				.inheritIO().start();
		assertTrue(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0, "tar failed on " + archive);

		Path home = dir.resolve("mintage-" + role);
		assertTrue(Files.isExecutable(home.resolve("mintage")), "no executable launcher at the top of " + archive);
		Product unpacked = new Product(role, home);
		Path state = Files.createDirectories(dir.resolve("state"));
		String expected = "Mintage " + Character.toUpperCase(role.charAt(0)) + role.substring(1) + " ";
		Product.Result first = unpacked.run(state, dir, Map.of(), "--version");
		assertEquals(0, first.exitCode(), first.toString());
		assertTrue(first.out().startsWith(expected), first.toString());

		// the first run leaves a class-data archive in the user's state; the second run starts from it
		Path cds = state.resolve(role).resolve("cds");
		try (Stream<Path> archives = Files.list(cds)) {
			assertEquals(1, archives.filter(a -> a.getFileName().toString().matches("cli-\\d+\\.jsa")).count(),
					"no class-data archive in " + cds);
		}
		Product.Result second = unpacked.run(state, dir, Map.of(), "--version");
		assertEquals(first.out(), second.out(), second.toString());
		assertEquals("", second.err(), "the archive made the JVM talk: " + second);
	}
}
