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

	/**
	 * Starts {@code mintage ARGS} in {@code workDir} and returns at once: the window, or a command that
	 * runs until stopped ({@code sim}). Closing it ends the launcher and the JVM it started.
	 */
	Running start(Path state, Path workDir, Map<String, String> environment, String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(home.resolve("mintage").toString());
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
		builder.environment().put("MINTAGE_HOME", state.toString());
		builder.environment().putAll(environment);
		Files.createDirectories(state);
		Path out = Files.createTempFile(state, "out", ".txt");
		Path err = Files.createTempFile(state, "err", ".txt");
		builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
		Process process = builder.start();
		process.getOutputStream().close();
		return new Running(String.join(" ", arguments), process, out, err);
	}

	/**
	 * Starts {@code mintage ARGS} in {@code workDir} with its standard output as a pipe, for a caller that
	 * acts on each line as it comes (a command's {@code --json} lines); its errors go to {@code errors}.
	 * The launcher execs the JVM once the product's class-data archive exists (after its first command), so
	 * the process is then the JVM itself.
	 */
	Process startPiped(Path state, Path workDir, Map<String, String> environment, Path errors, String... arguments)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(home.resolve("mintage").toString());
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
		builder.environment().put("MINTAGE_HOME", state.toString());
		builder.environment().putAll(environment);
		builder.redirectOutput(ProcessBuilder.Redirect.PIPE).redirectError(errors.toFile())
				.redirectInput(ProcessBuilder.Redirect.PIPE);
		Process process = builder.start();
		process.getOutputStream().close();
		return process;
	}

	/** A product process that runs on its own; its output goes to files read on demand. */
	static final class Running implements AutoCloseable {

		private final String what;
		private final Process process;
		private final Path out;
		private final Path err;

		Running(String what, Process process, Path out, Path err) {
			this.what = what;
			this.process = process;
			this.out = out;
			this.err = err;
		}

		boolean isAlive() {
			return process.isAlive();
		}

		String out() throws IOException {
			return Files.readString(out, StandardCharsets.UTF_8);
		}

		String err() throws IOException {
			return Files.readString(err, StandardCharsets.UTF_8);
		}

		/** The exit code once it ended by itself within {@code seconds}; empty when it still runs. */
		java.util.OptionalInt waitFor(long seconds) throws InterruptedException {
			return process.waitFor(seconds, TimeUnit.SECONDS) ? java.util.OptionalInt.of(process.exitValue())
					: java.util.OptionalInt.empty();
		}

		/**
		 * Ends it: SIGTERM to the JVM and the launcher script (the script runs the JVM as its child on a first
		 * start), SIGKILL to whatever is left after 20 s.
		 */
		@Override
		public void close() throws InterruptedException {
			List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
			all.add(process.toHandle());
			all.forEach(ProcessHandle::destroy);
			for (ProcessHandle handle : all) {
				try {
					handle.onExit().get(20, TimeUnit.SECONDS);
				} catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
					handle.destroyForcibly();
				}
			}
		}

		@Override
		public String toString() {
			try {
				return "mintage " + what + (process.isAlive() ? " (running)" : " (exit " + process.exitValue() + ")")
						+ "\n--- stdout\n" + out() + "--- stderr\n" + err();
			} catch (IOException e) {
				return "mintage " + what + ": its output cannot be read: " + e;
			}
		}
	}

	record Result(int exitCode, String out, String err, long startedMillis) {
		@Override
		public String toString() {
			return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
		}
	}
}
