package io.mintage.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;

/**
 * Runs in the OSGi test runtime: commands are registered in the real service registry, the way bundles
 * contribute them, and found by product and name.
 */
class CommandDispatcherTest {

	private final BundleContext context = FrameworkUtil.getBundle(CommandDispatcherTest.class).getBundleContext();
	private final List<ServiceRegistration<Command>> registrations = new ArrayList<>();
	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void registerCommands() {
		register("echo", new String[] { "station", "admin" }, (ctx, args) -> {
			ctx.out().println(String.join(" ", args));
			return Command.OK;
		});
		register("fail", new String[] { "station" }, (ctx, args) -> {
			throw CommandException.failed("fw.hex, line 3: bad checksum");
		});
		register("misuse", new String[] { "station" }, (ctx, args) -> {
			throw CommandException.usage("missing FILE");
		});
		register("crash", new String[] { "station" }, (ctx, args) -> {
			throw new IllegalStateException("boom");
		});
		register("issue-quota", new String[] { "admin" }, (ctx, args) -> Command.OK);
	}

	@AfterEach
	void unregister() {
		registrations.forEach(ServiceRegistration::unregister);
	}

	private void register(String name, String[] products, Body body) {
		Hashtable<String, Object> properties = new Hashtable<>();
		properties.put(Command.NAME, name);
		properties.put(Command.PRODUCT, products);
		registrations.add(context.registerService(Command.class, new ScriptedCommand(name, body), properties));
	}

	private int dispatch(String product, String... words) {
		try (CommandRegistry registry = new CommandRegistry(context, product)) {
			return new CommandDispatcher(product, registry, stream(out), stream(err), Path.of("/work"), Path.of("/work/state"), "1.2.3")
					.dispatch(List.of(words));
		}
	}

	private static PrintStream stream(ByteArrayOutputStream bytes) {
		return new PrintStream(bytes, true, StandardCharsets.UTF_8);
	}

	private String out() {
		return out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return err.toString(StandardCharsets.UTF_8);
	}

	@Test
	void runsTheCommandOfTheRightProductWithItsArguments() {
		assertEquals(0, dispatch("station", "echo", "a", "--b"));
		assertEquals("a --b\n", out());
	}

	@Test
	void helpListsOnlyThisProductsCommandsWithSummaries() {
		assertEquals(0, dispatch("station", "--help"));
		assertTrue(out().contains("Usage: mintage station <command> [options]"), out());
		assertTrue(out().contains("  echo    test command echo"), out());
		assertTrue(!out().contains("issue-quota"), out());
	}

	@Test
	void commandHelpShowsUsageAndDoesNotRun() {
		assertEquals(0, dispatch("admin", "issue-quota", "--help"));
		assertEquals("usage of issue-quota\n", out());
		assertEquals(0, dispatch("admin", "help", "echo"));
	}

	@Test
	void unknownCommandIsUsageErrorListingTheKnownOnes() {
		assertEquals(CommandException.USAGE, dispatch("admin", "fail"));
		assertEquals("mintage admin: unknown command 'fail'. Commands: echo, issue-quota. See 'mintage admin --help'.\n",
				err());
	}

	@Test
	void failureGivesExitOneAndThePlainMessage() {
		assertEquals(CommandException.FAILED, dispatch("station", "fail"));
		assertEquals("mintage station fail: fw.hex, line 3: bad checksum\n", err());
	}

	@Test
	void usageErrorPointsToTheCommandHelp() {
		assertEquals(CommandException.USAGE, dispatch("station", "misuse"));
		assertEquals("mintage station misuse: missing FILE\nSee 'mintage station misuse --help'.\n", err());
	}

	@Test
	void aDefectIsReportedInOneLineWithoutStackTrace() {
		assertEquals(CommandException.FAILED, dispatch("station", "crash"));
		assertTrue(err().startsWith("mintage station crash failed unexpectedly (IllegalStateException: boom)"), err());
		assertTrue(!err().contains("\tat "), err());
	}

	@Test
	void noWordsPrintsUsageOnStandardErrorWithUsageExitCode() {
		assertEquals(CommandException.USAGE, dispatch("station"));
		assertTrue(err().startsWith("Usage: mintage station"), err());
		assertEquals(0, dispatch("station", "--version"));
		assertEquals("Mintage Station 1.2.3\n", out());
	}

	@FunctionalInterface
	private interface Body {
		int run(CommandContext context, List<String> arguments) throws CommandException;
	}

	private record ScriptedCommand(String name, Body body) implements Command {
		@Override
		public String summary() {
			return "test command " + name;
		}

		@Override
		public String usage() {
			return "usage of " + name;
		}

		@Override
		public int run(CommandContext context, List<String> arguments) throws CommandException {
			return body.run(context, arguments);
		}
	}
}
