package io.mintage.core.command;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
	private final Map<String, List<String>> options = new HashMap<>();
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
		return parse(arguments, knownFlags, knownOptions, Set.of());
	}

	/**
	 * As {@link #parse(List, Set, Set)}, with options that may be given more than once ({@code --site A
	 * --site B}); read them with {@link #all(String)}.
	 */
	public static Arguments parse(List<String> arguments, Set<String> knownFlags, Set<String> knownOptions,
			Set<String> repeatableOptions) throws CommandException {
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
			} else if (knownOptions.contains(name) || repeatableOptions.contains(name)) {
				String value;
				if (equals >= 0) {
					value = word.substring(equals + 1);
				} else if (i + 1 < arguments.size()) {
					value = arguments.get(++i);
				} else {
					throw CommandException.usage(name + " needs a value");
				}
				List<String> values = parsed.options.computeIfAbsent(name, key -> new ArrayList<>());
				if (!values.isEmpty() && !repeatableOptions.contains(name)) {
					throw CommandException.usage(name + " is given twice");
				}
				values.add(value);
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
		List<String> values = options.get(name);
		return values == null ? Optional.empty() : Optional.of(values.get(0));
	}

	/** Every value of a repeatable option, in the order given; empty when it was not given. */
	public List<String> all(String name) {
		return List.copyOf(options.getOrDefault(name, List.of()));
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

	/**
	 * Parses the end of a validity: {@code 2027-12-31} means the last second of that day in UTC (the
	 * end itself is still valid), or an exact instant such as {@code 2027-12-31T12:00:00Z}.
	 */
	public static Instant parseEnd(String option, String text) throws CommandException {
		return parseInstant(option, text, true);
	}

	/** Parses the start of a validity: a day ({@code 2027-01-01}, its first second in UTC) or an instant. */
	public static Instant parseStart(String option, String text) throws CommandException {
		return parseInstant(option, text, false);
	}

	private static Instant parseInstant(String option, String text, boolean end) throws CommandException {
		String t = text.trim();
		try {
			if (t.length() == 10) {
				LocalDate day = LocalDate.parse(t);
				Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
				return end ? start.plus(Duration.ofDays(1)).minusSeconds(1) : start;
			}
			return Instant.parse(t);
		} catch (DateTimeParseException e) {
			throw CommandException.usage(option + " expects a day such as 2027-12-31 or an instant such as "
					+ "2027-12-31T12:00:00Z, got '" + text + "'");
		}
	}

	/** Parses a whole number within [min, max]; plain words naming the option otherwise. */
	public static long parseNumber(String option, String text, long min, long max) throws CommandException {
		String t = text.trim().replace("_", "");
		long value;
		try {
			value = t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
		} catch (NumberFormatException e) {
			throw CommandException.usage(option + " expects a whole number, got '" + text + "'");
		}
		if (value < min || value > max) {
			throw CommandException.usage(option + " " + text + " is outside " + min + ".." + max);
		}
		return value;
	}

	/** The option's value, or a usage error naming it. */
	public String required(String option) throws CommandException {
		return option(option).orElseThrow(() -> CommandException.usage("missing " + option));
	}
}
