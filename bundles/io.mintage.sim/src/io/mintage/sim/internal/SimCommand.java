package io.mintage.sim.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.serial.SerialPorts;
import io.mintage.sim.ChipFeeder;
import io.mintage.sim.EmulatedChip;
import io.mintage.sim.EmulatorFactory;
import io.mintage.sim.EmulatorHost;
import io.mintage.sim.FaultPlan;
import io.mintage.sim.FeedPlan;
import io.mintage.sim.HostOptions;

/**
 * {@code sim FAMILY[:VARIANT] --link PATH}: one emulated chip behind a pty until Ctrl-C or SIGTERM, so
 * a probe, stm32flash or lpc21isp can be tried without hardware; with {@code --feed [N]} blank chips one
 * after another on the same pty, as a production line's fixture with an operator ({@link ChipFeeder}).
 */
@Component(service = Command.class, property = { Command.NAME + "=sim", Command.PRODUCT + "=station" })
public final class SimCommand implements Command {

	private static final String LINK = "--link";
	private static final String UID = "--uid";
	private static final String BAUD = "--baud";
	private static final String FAULTS = "--faults";
	private static final String FAULTS_OF = "--faults-of";
	private static final String FLASH_TIME = "--flash-time";
	private static final String TRACE = "--trace";
	private static final String FEED = "--feed";
	private static final String SWAP_MS = "--swap-ms";

	private final SerialPorts ports;
	private final List<EmulatorFactory> factories;

	@Activate
	public SimCommand(@Reference SerialPorts ports,
			@Reference(cardinality = ReferenceCardinality.MULTIPLE) List<EmulatorFactory> factories) {
		this.ports = ports;
		this.factories = List.copyOf(factories);
	}

	@Override
	public String summary() {
		return "emulate a chip's ROM bootloader on a pty (or feed chips one after another), for trying probes without hardware";
	}

	@Override
	public String usage() {
		return """
				sim FAMILY[:VARIANT] --link PATH [--uid HEX] [--baud N] [--faults SPEC] [--flash-time F] [--trace]
				    [--feed [N] [--swap-ms MS] [--faults-of N=SPEC ...]]

				Starts an emulated chip waiting in its ROM bootloader and links a pty to PATH; open PATH
				as a serial port (stm32flash -m 8n1 -b 115200 PATH). Runs until Ctrl-C or SIGTERM.
				Families and variants: %s.

				  --link PATH      where the pty link goes (must not exist)
				  --uid HEX        the chip's unique ID (STM32: 24 hex digits; LPC11C24: 32, as a probe reads it)
				  --baud N         the modelled wire rate: each byte takes the time it would take at N
				                   (default 115200; a pty itself has no rate)
				  --faults SPEC    faults at received bytes, e.g. drop@120,corrupt@300,nack@500,
				                   stall@700:1500,powerloss@4000:200, pull@2500:6000 (with --feed: the operator
				                   takes the chip out there and puts the next in after 6000 ms, default the
				                   swap time); with --feed: each chip, from its first byte
				  --flash-time F   factor on the datasheet erase and program times (default 1)
				  --trace          print each command the chip serves to standard error
				  --feed [N]       feed blank chips one after another on the same pty, N of them (default: no
				                   end): once a chip leaves its bootloader (STM32 Go or LPC G accepted, or the
				                   reset after STM32 Readout Protect) it is taken out, the line is silent, and
				                   the next chip answers with the next UID (--uid is the first, counted up as
				                   one big-endian number); after N chips the line stays silent
				  --swap-ms MS     how long the line is silent between two chips (default %d)
				  --faults-of N=SPEC  with --feed: chip N (1 for the first) meets SPEC instead of --faults;
				                   repeat for other chips (--faults-of 10=powerloss@2500:200 --faults-of 15=pull@2500)

				Example: sim stm32f1:f103xe --link /tmp/chip1 --uid 2b0047000e51363236313533
				         sim stm32f1 --link /tmp/site1 --feed 5 --swap-ms 500
				""".formatted(known(), FeedPlan.DEFAULT_SWAP_DELAY.toMillis());
	}

	private String known() {
		List<String> all = new ArrayList<>();
		for (EmulatorFactory factory : factories) {
			for (String family : factory.families()) {
				all.add(family + " (" + String.join(", ", factory.variants(family)) + ")");
			}
		}
		return all.isEmpty() ? "none installed" : String.join("; ", new TreeSet<>(all));
	}

	/**
	 * {@code --feed} takes an optional count: a plain number right after it is the count, anything else
	 * (another option, FAMILY, nothing) means no end; written as {@code --feed=} for the parser.
	 */
	private static List<String> feedWithValue(List<String> arguments) {
		List<String> words = new ArrayList<>();
		for (int i = 0; i < arguments.size(); i++) {
			String word = arguments.get(i);
			if (word.equals("--")) {
				words.addAll(arguments.subList(i, arguments.size()));
				break;
			}
			if (word.equals(FEED)) {
				boolean counted = i + 1 < arguments.size() && arguments.get(i + 1).matches("[0-9_]+");
				words.add(FEED + "=" + (counted ? arguments.get(++i) : ""));
			} else {
				words.add(word);
			}
		}
		return words;
	}

	@Override
	public int run(CommandContext context, List<String> arguments) throws CommandException {
		Arguments parsed = Arguments.parse(feedWithValue(arguments), Set.of(TRACE),
				Set.of(LINK, UID, BAUD, FAULTS, FLASH_TIME, FEED, SWAP_MS), Set.of(FAULTS_OF));
		String what = parsed.single("FAMILY[:VARIANT]").toLowerCase(Locale.ROOT);
		String family = what.contains(":") ? what.substring(0, what.indexOf(':')) : what;
		Optional<String> variant = what.contains(":") ? Optional.of(what.substring(what.indexOf(':') + 1)) : Optional.empty();
		EmulatorFactory factory = factories.stream().filter(f -> f.families().contains(family)).findFirst()
				.orElseThrow(() -> CommandException.usage("no emulator for '" + family + "'; known: " + known()));
		Path link = context.resolve(parsed.required(LINK));
		int baud = (int) Arguments.parseNumber(BAUD, parsed.option(BAUD).orElse("115200"), 1200, 4_000_000);
		Optional<byte[]> uid = Optional.empty();
		if (parsed.option(UID).isPresent()) {
			try {
				uid = Optional.of(HexFormat.of().parseHex(parsed.option(UID).get().trim()));
			} catch (IllegalArgumentException e) {
				throw CommandException.usage(UID + " expects hex digits such as 2b0047000e51363236313533, got '"
						+ parsed.option(UID).get() + "'");
			}
		}
		Optional<FeedPlan> feed = feedPlan(parsed, family, variant, uid);
		FaultPlan faults;
		double flashTime;
		try {
			faults = FaultPlan.parse(parsed.option(FAULTS).orElse(""));
			flashTime = Double.parseDouble(parsed.option(FLASH_TIME).orElse("1"));
			if (!(flashTime >= 0 && flashTime <= 100)) {
				throw new IllegalArgumentException(FLASH_TIME + " must be between 0 and 100, not " + flashTime);
			}
		} catch (NumberFormatException e) {
			throw CommandException.usage(FLASH_TIME + " expects a number such as 0.1, got '"
					+ parsed.option(FLASH_TIME).orElse("") + "'");
		} catch (IllegalArgumentException e) {
			throw CommandException.usage(e.getMessage());
		}
		if (!parsed.all(FAULTS_OF).isEmpty()) {
			if (feed.isEmpty()) {
				throw CommandException.usage(FAULTS_OF + " gives the faults of one fed chip: it goes with " + FEED);
			}
			feed = Optional.of(feed.get().withFaultsPerChip(perChip(parsed.all(FAULTS_OF), faults,
					feed.get().count())));
		}
		HostOptions options = HostOptions.of(factory.wire(baud)).withFaults(faults);
		if (parsed.has(TRACE)) {
			options = options.withTrace(event -> context.err().println("sim: " + event));
		}
		EmulatorHost host;
		Runnable stop;
		try {
			if (feed.isPresent()) {
				FeedPlan plan = feed.get().withFlashTimeScale(flashTime);
				ChipFeeder feeder = ChipFeeder.onPty(factory, plan, link, ports, options,
						new FeedReport(context, link, plan, options));
				host = feeder.host();
				stop = feeder::close;
			} else {
				EmulatedChip chip = factory.create(family, variant, uid, flashTime);
				host = EmulatorHost.onPty(chip, link, ports, options);
				stop = host::close;
				context.out().println("emulating " + chip.description() + " at " + link + " (modelled wire "
						+ options.wire() + (faults.isEmpty() ? "" : ", faults " + faults) + "); stop with Ctrl-C");
				context.out().flush();
			}
		} catch (IllegalArgumentException e) {
			throw CommandException.usage(e.getMessage());
		} catch (IOException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
		// Ctrl-C and SIGTERM end the JVM through its shutdown hooks: stop socat and remove the link
		Thread hook = new Thread(stop, "sim shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			while (!host.awaitStop(Duration.ofSeconds(1))) {
				// serving
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} finally {
			stop.run();
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			} catch (IllegalStateException e) {
				// the JVM is shutting down already: the hook runs anyway
			}
		}
		if (host.failure().isPresent()) {
			throw CommandException.failed("the emulated chip stopped: " + host.failure().get().getMessage(),
					host.failure().get());
		}
		return OK;
	}

	/** The faults of each fed chip: those --faults-of names, else the --faults of every chip. */
	private static java.util.function.IntFunction<FaultPlan> perChip(List<String> values, FaultPlan everyChip,
			java.util.OptionalInt fed) throws CommandException {
		java.util.Map<Integer, FaultPlan> plans = new java.util.HashMap<>();
		for (String value : values) {
			int equals = value.indexOf('=');
			if (equals < 1) {
				throw CommandException.usage(FAULTS_OF + " expects CHIP=SPEC such as 10=powerloss@2500:200, got '" + value
						+ "'");
			}
			// a chip beyond those fed would never meet its faults: said, not ignored
			int chip = (int) Arguments.parseNumber(FAULTS_OF, value.substring(0, equals), 1,
					fed.orElse(Integer.MAX_VALUE));
			try {
				if (plans.put(chip, FaultPlan.parse(value.substring(equals + 1))) != null) {
					throw CommandException.usage(FAULTS_OF + " names chip " + chip + " twice");
				}
			} catch (IllegalArgumentException e) {
				throw CommandException.usage(e.getMessage());
			}
		}
		return chip -> plans.getOrDefault(chip, everyChip);
	}

	/** What --feed and --swap-ms ask for, or empty without --feed. */
	private static Optional<FeedPlan> feedPlan(Arguments parsed, String family, Optional<String> variant,
			Optional<byte[]> uid) throws CommandException {
		if (parsed.option(FEED).isEmpty()) {
			if (parsed.option(SWAP_MS).isPresent()) {
				throw CommandException.usage(SWAP_MS + " is the pause between fed chips: it goes with " + FEED);
			}
			return Optional.empty();
		}
		FeedPlan plan = FeedPlan.of(family);
		if (variant.isPresent()) {
			plan = plan.withVariant(variant.get());
		}
		if (uid.isPresent()) {
			plan = plan.withFirstUid(uid.get());
		}
		String count = parsed.option(FEED).get();
		if (!count.isEmpty()) {
			plan = plan.withCount((int) Arguments.parseNumber(FEED, count, 1, Integer.MAX_VALUE));
		}
		if (parsed.option(SWAP_MS).isPresent()) {
			plan = plan.withSwapDelay(
					Duration.ofMillis(Arguments.parseNumber(SWAP_MS, parsed.option(SWAP_MS).get(), 0, 3_600_000)));
		}
		return Optional.of(plan);
	}

	/** One line per chip fed and per chip done, on standard output, flushed for whoever reads it. */
	private static final class FeedReport implements ChipFeeder.Events {

		private final CommandContext context;
		private final Path link;
		private final FeedPlan plan;
		private final HostOptions options;

		FeedReport(CommandContext context, Path link, FeedPlan plan, HostOptions options) {
			this.context = context;
			this.link = link;
			this.plan = plan;
			this.options = options;
		}

		@Override
		public void fed(int number, EmulatedChip chip) {
			if (number == 1) {
				context.out().println("feeding chips at " + link + ", one after another: " + chip.description()
						+ " (modelled wire " + options.wire() + ", " + plan.swapDelay().toMillis() + " ms between chips, "
						+ (plan.count().isPresent() ? plan.count().getAsInt() + " chips" : "no end")
						+ (options.faults().isEmpty() ? "" : ", faults " + options.faults() + " on each")
						+ "); stop with Ctrl-C");
			}
			context.out().println("chip " + number + " fed: UID " + HexFormat.of().formatHex(chip.uid()));
			context.out().flush();
		}

		@Override
		public void done(int number, EmulatedChip chip, String why) {
			context.out().println("chip " + number + " done: left the bootloader (" + why + ")");
			if (plan.count().isPresent() && number == plan.count().getAsInt()) {
				context.out().println("no more chips after " + number + ": the line stays silent until Ctrl-C");
			}
			context.out().flush();
		}
	}
}
