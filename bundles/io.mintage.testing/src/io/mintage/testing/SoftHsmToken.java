package io.mintage.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A SoftHSM2 token made for the tests, once per test JVM. SoftHSM2 reads its configuration from the
 * environment variable SOFTHSM2_CONF of the process that loads it (this JVM); the bundle's pom.xml sets
 * it to a path under target/, and this class writes that file and a fresh token folder before anything
 * loads the module — SoftHSM2 only sees the tokens that exist when it is initialized.
 */
public final class SoftHsmToken {

	public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
	public static final String LABEL = "mintage-conformance";
	public static final String PIN = "481516";
	private static final String SO_PIN = "23424223";
	private static final String INSTALL = "SoftHSM2 is not installed (" + MODULE + " and softhsm2-util); "
			+ "./mintage test installs it (Debian package softhsm2), or: sudo apt-get install -y softhsm2";

	private static boolean created;

	private SoftHsmToken() {
	}

	public static synchronized void ensureCreated() throws Exception {
		if (created) {
			return;
		}
		if (!Files.isRegularFile(MODULE) || !onPath("softhsm2-util")) {
			fail(INSTALL);
		}
		String conf = System.getenv("SOFTHSM2_CONF");
		if (conf == null || !conf.contains("/target/")) {
			fail("SOFTHSM2_CONF is " + conf + ", not a file under target/: run these tests through Maven "
					+ "(the test bundle's pom.xml sets it) or ./mintage test");
		}
		Path folder = Path.of(conf).getParent();
		deleteRecursively(folder);
		Path tokens = Files.createDirectories(folder.resolve("tokens"));
		Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
				+ "log.level = ERROR\nslots.removable = false\n", StandardCharsets.UTF_8);
		run("softhsm2-util", "--init-token", "--free", "--label", LABEL, "--pin", PIN, "--so-pin", SO_PIN);
		created = true;
	}

	private static void run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			fail(command[0] + " did not finish within 60 s");
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(0, process.exitValue(), command[0] + " failed: " + output);
	}

	private static boolean onPath(String program) {
		String path = System.getenv("PATH");
		return path != null && Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
	}

	private static void deleteRecursively(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
			for (Path path : all) {
				Files.delete(path);
			}
		}
	}
}
