package io.mintage.products.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A built product (station or admin) as a user has it: a folder with the {@code mintage} launcher
 * script at the top. Runs the script as a separate process, with its own state folder so that runs
 * never see each other's workspace.
 */
final class Product {

	private static final long TIMEOUT_SECONDS = 120;

	private final String role;
	private final Path home;

	Product(String role, Path home) {
		this.role = role;
		this.home = home;
	}

	/** The product materialized by the build in releng/io.mintage.products. */
	static Product built(String role) {
		String dir = System.getProperty("mintage.products.dir");
		assertTrue(dir != null && !dir.isBlank(), "mintage.products.dir is not set: run through Maven");
		Path home = Path.of(dir, "io.mintage.product." + role, "linux", "gtk", "x86_64", "mintage-" + role);
		assertTrue(Files.isExecutable(home.resolve("mintage")), "no launcher in " + home + ": build the products first");
		return new Product(role, home);
	}

	String role() {
		return role;
	}

	Path home() {
		return home;
	}

	/** Runs {@code mintage ARGS} in {@code workDir} and waits for it. */
	Result run(Path state, Path workDir, Map<String, String> environment, String... arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(home.resolve("mintage").toString());
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
		builder.environment().put("MINTAGE_HOME", state.toString());
		builder.environment().putAll(environment);
		Path out = Files.createTempFile(state, "out", ".txt");
		Path err = Files.createTempFile(state, "err", ".txt");
		builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
		long started = System.currentTimeMillis();
		Process process = builder.start();
		process.getOutputStream().close();
		if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			fail("mintage " + String.join(" ", arguments) + " did not end within " + TIMEOUT_SECONDS + " s");
		}
		return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8), started);
	}

	record Result(int exitCode, String out, String err, long startedMillis) {
		@Override
		public String toString() {
			return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
		}
	}
}
