package io.mintage.station.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.sign.KeyStores;
import io.mintage.image.FirmwareImageLoader;

/**
 * Runs product commands the way {@code mintage station|admin} does: found in the OSGi service registry
 * by product and name, with the exit-code contract of the dispatcher, output captured.
 */
final class Commands {

	record Result(int exitCode, String out, String err) {
		@Override
		public String toString() {
			return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
		}
	}

	private Commands() {
	}

	static Result run(String product, Path workingDirectory, Path stateDirectory, String... words) throws Exception {
		return run(find(product, words[0]), workingDirectory, stateDirectory, words);
	}

	static Result run(Command command, Path workingDirectory, Path stateDirectory, String... words) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
		PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
		int exitCode;
		try {
			exitCode = command.run(CommandContext.of(outStream, errStream, workingDirectory, stateDirectory),
					List.of(words).subList(1, words.length));
		} catch (CommandException e) {
			errStream.println(e.getMessage());
			exitCode = e.exitCode();
		}
		return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	static Command find(String product, String name) throws Exception {
		BundleContext context = FrameworkUtil.getBundle(Commands.class).getBundleContext();
		ServiceTracker<Command, Command> tracker = new ServiceTracker<>(context, context.createFilter("(&(objectClass="
				+ Command.class.getName() + ")(" + Command.NAME + "=" + name + ")(" + Command.PRODUCT + "=" + product
				+ "))"), null);
		tracker.open();
		try {
			Command command = tracker.waitForService(5_000);
			assertNotNull(command, "no command '" + name + "' of product " + product + " in the service registry");
			return command;
		} finally {
			tracker.close();
		}
	}

	/** The key stores service, once both backends are registered. */
	static KeyStores keyStores() throws Exception {
		io.mintage.testing.Backends.find("soft");
		io.mintage.testing.Backends.find("pkcs11");
		return service(KeyStores.class);
	}

	static FirmwareImageLoader loader() throws Exception {
		return service(FirmwareImageLoader.class);
	}

	private static <T> T service(Class<T> type) throws Exception {
		BundleContext context = FrameworkUtil.getBundle(Commands.class).getBundleContext();
		ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
		tracker.open();
		try {
			T service = tracker.waitForService(5_000);
			assertNotNull(service, "no " + type.getSimpleName() + " service within 5 s");
			return service;
		} finally {
			tracker.close();
		}
	}
}
