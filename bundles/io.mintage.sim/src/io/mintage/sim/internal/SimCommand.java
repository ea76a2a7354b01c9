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
import io.mintage.sim.EmulatedChip;
import io.mintage.sim.EmulatorFactory;
import io.mintage.sim.EmulatorHost;
import io.mintage.sim.FaultPlan;
import io.mintage.sim.HostOptions;

/**
 * {@code sim FAMILY[:VARIANT] --link PATH}: one emulated chip behind a pty until Ctrl-C or SIGTERM, so
 * a probe, stm32flash or lpc21isp can be tried without hardware.
 */
@Component(service = Command.class, property = { Command.NAME + "=sim", Command.PRODUCT + "=station" })
public final class SimCommand implements Command {

	private static final String LINK = "--link";
	private static final String UID = "--uid";
	private static final String BAUD = "--baud";
	private static final String FAULTS = "--faults";
	private static final String FLASH_TIME = "--flash-time";
	private static final String TRACE = "--trace";

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
		return "emulate a chip's ROM bootloader on a pty, for trying probes without hardware";
	}

	@Override
	public String usage() {
		return """
				sim FAMILY[:VARIANT] --link PATH [--uid HEX] [--baud N] [--faults SPEC] [--flash-time F] [--trace]

				Starts an emulated chip waiting in its ROM bootloader and links a pty to PATH; open PATH
				as a serial port (stm32flash -m 8n1 -b 115200 PATH). Runs until Ctrl-C or SIGTERM.
				Families and variants: %s.

				  --link PATH      where the pty link goes (must not exist)
				  --uid HEX        the chip's unique ID (STM32: 24 hex digits; LPC11C24: 32, as a probe reads it)
				  --baud N         the modelled wire rate: each byte takes the time it would take at N
				                   (default 115200; a pty itself has no rate)
				  --faults SPEC    faults at received bytes, e.g. drop@120,corrupt@300,nack@500,
				                   stall@700:1500,powerloss@4000:200
				  --flash-time F   factor on the datasheet erase and program times (default 1)
				  --trace          print each command the chip serves to standard error

				Example: sim stm32f1:f103xe --link /tmp/chip1 --uid 2b0047000e51363236313533
				""".formatted(known());
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

	@Override
	public int run(CommandContext context, List<String> arguments) throws CommandException {
		Arguments parsed = Arguments.parse(arguments, Set.of(TRACE), Set.of(LINK, UID, BAUD, FAULTS, FLASH_TIME));
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
		FaultPlan faults;
		double flashTime;
		EmulatedChip chip;
		try {
			faults = FaultPlan.parse(parsed.option(FAULTS).orElse(""));
			flashTime = Double.parseDouble(parsed.option(FLASH_TIME).orElse("1"));
			if (!(flashTime >= 0 && flashTime <= 100)) {
				throw new IllegalArgumentException(FLASH_TIME + " must be between 0 and 100, not " + flashTime);
			}
			chip = factory.create(family, variant, uid, flashTime);
		} catch (NumberFormatException e) {
			throw CommandException.usage(FLASH_TIME + " expects a number such as 0.1, got '"
					+ parsed.option(FLASH_TIME).orElse("") + "'");
		} catch (IllegalArgumentException e) {
			throw CommandException.usage(e.getMessage());
		}
		HostOptions options = HostOptions.of(factory.wire(baud)).withFaults(faults);
		if (parsed.has(TRACE)) {
			options = options.withTrace(event -> context.err().println("sim: " + event));
		}
		EmulatorHost host;
		try {
			host = EmulatorHost.onPty(chip, link, ports, options);
		} catch (IOException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
		// Ctrl-C and SIGTERM end the JVM through its shutdown hooks: stop socat and remove the link
		Thread hook = new Thread(host::close, "sim shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		context.out().println("emulating " + chip.description() + " at " + link + " (modelled wire "
				+ options.wire() + (faults.isEmpty() ? "" : ", faults " + faults) + "); stop with Ctrl-C");
		context.out().flush();
		try {
			while (!host.awaitStop(Duration.ofSeconds(1))) {
				// serving
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} finally {
			host.close();
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
}
