package io.mintage.cli.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;

/**
 * Turns the words after {@code mintage station|admin} into one command run: global help and version,
 * per-command help, and the exit-code contract (0 done, 1 failed, 2 usage) with a one-line message in
 * plain words on standard error. A stack trace is shown only when {@code MINTAGE_DEBUG} is set,
 * because an operator can do nothing with one.
 */
final class CommandDispatcher {

	private final String product;
	private final CommandRegistry registry;
	private final PrintStream out;
	private final PrintStream err;
	private final Path workingDirectory;
	private final Path stateDirectory;
	private final String version;

	CommandDispatcher(String product, CommandRegistry registry, PrintStream out, PrintStream err,
			Path workingDirectory, Path stateDirectory, String version) {
		this.product = product;
		this.registry = registry;
		this.out = out;
		this.err = err;
		this.workingDirectory = workingDirectory;
		this.stateDirectory = stateDirectory;
		this.version = version;
	}

	int dispatch(List<String> words) {
		if (words.isEmpty()) {
			printOverview(err);
			return CommandException.USAGE;
		}
		String first = words.get(0);
		if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
			if (words.size() > 1 && !first.equals("-h") && !first.equals("--help")) {
				return commandHelp(words.get(1));
			}
			printOverview(out);
			return Command.OK;
		}
		if (first.equals("--version")) {
			out.println("Mintage " + capitalized(product) + " " + version);
			return Command.OK;
		}
		Optional<Command> command = registry.find(first);
		if (command.isEmpty()) {
			err.println(prefix() + ": unknown command '" + first + "'. Commands: "
					+ String.join(", ", registry.summaries().keySet()) + ". See '" + prefix() + " --help'.");
			return CommandException.USAGE;
		}
		List<String> arguments = words.subList(1, words.size());
		if (arguments.contains("--help") || arguments.contains("-h")) {
			out.println(command.get().usage());
			return Command.OK;
		}
		return run(first, command.get(), arguments);
	}

	private int run(String name, Command command, List<String> arguments) {
		CommandContext context = CommandContext.of(out, err, workingDirectory, stateDirectory);
		try {
			return command.run(context, arguments);
		} catch (CommandException e) {
			err.println(prefix() + " " + name + ": " + e.getMessage());
			if (e.exitCode() == CommandException.USAGE) {
				err.println("See '" + prefix() + " " + name + " --help'.");
			}
			return e.exitCode();
		} catch (RuntimeException e) {
			err.println(prefix() + " " + name + " failed unexpectedly (" + e.getClass().getSimpleName() + ": "
					+ e.getMessage() + "). This is a defect in Mintage; set MINTAGE_DEBUG=1 to see where.");
			if (System.getenv("MINTAGE_DEBUG") != null) {
				e.printStackTrace(err);
			}
			return CommandException.FAILED;
		}
	}

	private int commandHelp(String name) {
		Optional<Command> command = registry.find(name);
		if (command.isEmpty()) {
			err.println(prefix() + ": unknown command '" + name + "'.");
			return CommandException.USAGE;
		}
		out.println(command.get().usage());
		return Command.OK;
	}

	private void printOverview(PrintStream stream) {
		SortedMap<String, String> commands = registry.summaries();
		stream.println("Usage: " + prefix() + " <command> [options]");
		stream.println("       " + prefix() + " <command> --help");
		stream.println("Without a command the " + product + " window opens.");
		stream.println();
		stream.println("Commands:");
		int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
		for (Map.Entry<String, String> entry : commands.entrySet()) {
			stream.printf("  %-" + width + "s  %s%n", entry.getKey(), entry.getValue());
		}
		stream.println();
		stream.println("Exit codes: 0 done, 1 failed, 2 wrong usage.");
	}

	private String prefix() {
		return "mintage " + product;
	}

	private static String capitalized(String word) {
		return Character.toUpperCase(word.charAt(0)) + word.substring(1);
	}
}
