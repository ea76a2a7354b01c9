package io.mintage.core.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed command line: {@code --flag}, {@code --option value} or {@code --option=value}, and
 * positional arguments. A command declares which options it knows; anything else is a usage error
 * naming the unknown word, so a typo never passes silently.
 */
public final class Arguments {

	private final Set<String> flags = new HashSet<>();
	private final Map<String, String> options = new HashMap<>();
	private final List<String> positionals = new ArrayList<>();

	private Arguments() {
	}

	/**
	 * @param arguments     the words after the command name
	 * @param knownFlags    options without a value, e.g. {@code --json}
	 * @param knownOptions  options with a value, e.g. {@code --base}
	 */
	public static Arguments parse(List<String> arguments, Set<String> knownFlags, Set<String> knownOptions)
			throws CommandException {
		Arguments parsed = new Arguments();
		boolean onlyPositionals = false;
		for (int i = 0; i < arguments.size(); i++) {
			String word = arguments.get(i);
			if (onlyPositionals || !word.startsWith("--") || word.length() == 2) {
				if (word.equals("--") && !onlyPositionals) {
					onlyPositionals = true;
				} else {
					parsed.positionals.add(word);
				}
				continue;
			}
			int equals = word.indexOf('=');
			String name = equals < 0 ? word : word.substring(0, equals);
			if (knownFlags.contains(name)) {
				if (equals >= 0) {
					throw CommandException.usage(name + " takes no value (got '" + word + "')");
				}
				parsed.flags.add(name);
			} else if (knownOptions.contains(name)) {
				String value;
				if (equals >= 0) {
					value = word.substring(equals + 1);
				} else if (i + 1 < arguments.size()) {
					value = arguments.get(++i);
				} else {
					throw CommandException.usage(name + " needs a value");
				}
				if (parsed.options.put(name, value) != null) {
					throw CommandException.usage(name + " is given twice");
				}
			} else {
				throw CommandException.usage("unknown option '" + name + "'");
			}
		}
		return parsed;
	}

	public boolean has(String flag) {
		return flags.contains(flag);
	}

	public Optional<String> option(String name) {
		return Optional.ofNullable(options.get(name));
	}

	public List<String> positionals() {
		return List.copyOf(positionals);
	}

	/** The single positional argument, or a usage error naming what was expected. */
	public String single(String what) throws CommandException {
		if (positionals.size() != 1) {
			throw CommandException.usage(positionals.isEmpty() ? "missing " + what
					: "expected one " + what + ", got " + positionals.size() + ": " + String.join(" ", positionals));
		}
		return positionals.get(0);
	}

	/**
	 * Parses an address or size: decimal, or hex with 0x. Plain words on failure, naming the option.
	 */
	public static long parseAddress(String option, String text) throws CommandException {
		String t = text.trim().replace("_", "");
		try {
			long value = t.startsWith("0x") || t.startsWith("0X") ? Long.parseUnsignedLong(t.substring(2), 16)
					: Long.parseLong(t);
			if (value < 0 || value > 0xFFFF_FFFFL) {
				throw CommandException.usage(option + " " + text + " is outside the 32-bit address space");
			}
			return value;
		} catch (NumberFormatException e) {
			throw CommandException.usage(option + " expects a number such as 0x08000000, got '" + text + "'");
		}
	}
}
