package io.mintage.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The openssl command line tool, the independent checker of what Mintage writes. */
public final class OpenSsl {

	public record Result(int exitCode, String output) {
	}

	private OpenSsl() {
	}

	public static Result run(Path workingDirectory, String... arguments) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(executable().toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertTrue(process.waitFor(30, TimeUnit.SECONDS), "openssl did not finish within 30 s: " + command);
		return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	private static Path executable() {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String folder : path.split(File.pathSeparator)) {
				Path candidate = Path.of(folder, "openssl");
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return fail("openssl is not on the PATH; run ./mintage test, which installs it (Debian package openssl),"
				+ " or: sudo apt-get install -y openssl");
	}
}
