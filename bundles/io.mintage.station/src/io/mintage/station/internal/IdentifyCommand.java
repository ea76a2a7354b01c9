package io.mintage.station.internal;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.mintage.core.DeviceUid;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.JsonWriter;
import io.mintage.core.mcu.McuFamilies;
import io.mintage.core.mcu.McuFamily;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.probe.ProbeDriver;
import io.mintage.core.probe.TargetConnection;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;

/**
 * {@code station identify --site PROBE:PORT}: connects to one chip and says what it is — family,
 * variant, flash size, bootloader version and unique ID — touching nothing. The first thing an
 * operator runs on a new adapter, and what the production engine does before every device.
 */
@Component(service = Command.class, property = { Command.NAME + "=identify", Command.PRODUCT + "=station" })
public final class IdentifyCommand implements Command {

	private static final String SITE = "--site";
	private static final String JSON = "--json";

	private final List<ProbeDriver> probes = new CopyOnWriteArrayList<>();
	private final McuFamilies families;

	@Activate
	public IdentifyCommand(@Reference McuFamilies families) {
		this.families = families;
	}

	@Reference(service = ProbeDriver.class, cardinality = ReferenceCardinality.MULTIPLE,
			policy = ReferencePolicy.DYNAMIC)
	void addProbe(ProbeDriver probe) {
		probes.add(probe);
	}

	void removeProbe(ProbeDriver probe) {
		probes.remove(probe);
	}

	@Override
	public String summary() {
		return "connect to one chip and show its family, variant, flash size, bootloader and UID";
	}

	@Override
	public String usage() {
		return """
				identify --site PROBE:PORT [--json]

				Connects to the chip at PORT through PROBE and shows what it is, changing nothing.
				  PROBE   stm32uart (STM32 USART bootloader) or lpcisp (NXP LPC UART ISP)
				  PORT    the serial port, optionally with settings:
				          /dev/ttyUSB0?baud=57600&boot=rts,-dtr,100,dtr   (lpcisp: &crystal=12000)
				  --json  print one JSON object

				Example: mintage station identify --site stm32uart:/dev/ttyUSB0""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(JSON), Set.of(SITE));
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		String site = arguments.required(SITE);
		int colon = site.indexOf(':');
		if (colon <= 0 || colon == site.length() - 1) {
			throw CommandException.usage(SITE + " expects PROBE:PORT such as stm32uart:/dev/ttyUSB0, got '" + site + "'");
		}
		String type = site.substring(0, colon);
		String address = site.substring(colon + 1);
		ProbeDriver probe = probes.stream().filter(p -> p.type().equals(type)).findFirst()
				.orElseThrow(() -> CommandException.usage("no probe '" + type + "' is installed; known: "
						+ String.join(", ", probes.stream().map(ProbeDriver::type).sorted().toList())));
		try (TargetConnection connection = probe.connect(address, ProgressMonitor.NONE)) {
			TargetConnection.TargetIdentity identity = connection.identify();
			Optional<McuFamilies.Identified> chip = families.identify(identity.deviceId());
			if (chip.isEmpty()) {
				throw CommandException.failed(String.format("the chip at %s answers with device ID 0x%X (bootloader %s),"
						+ " which no installed MCU family knows", address, identity.deviceId(),
						version(identity.bootloaderVersion())));
			}
			McuVariant variant = chip.get().variant();
			Optional<DeviceUid> uid = variant.uid().isPresent() ? Optional.of(connection.readUid(variant))
					: Optional.empty();
			print(context, arguments.has(JSON), site, chip.get().family(), variant, identity, uid);
			return OK;
		} catch (IOException e) {
			throw CommandException.failed(site + ": " + e.getMessage(), e);
		} catch (OperationCancelledException e) {
			throw CommandException.failed(site + ": cancelled", e);
		}
	}

	private static void print(CommandContext context, boolean json, String site, McuFamily family, McuVariant variant,
			TargetConnection.TargetIdentity identity, Optional<DeviceUid> uid) {
		String uidHex = uid.map(u -> HexFormat.of().formatHex(u.bytes())).orElse(null);
		if (json) {
			JsonWriter writer = new JsonWriter().beginObject().string("site", site).string("family", family.id())
					.string("variant", variant.name()).string("deviceId", String.format("0x%X", identity.deviceId()))
					.number("flashSize", variant.flash().size())
					.string("bootloaderVersion", version(identity.bootloaderVersion()));
			if (uidHex != null) {
				writer.string("uid", uidHex);
			} else {
				writer.nullValue("uid");
			}
			context.out().println(writer.endObject().toString());
			return;
		}
		context.out().println("Family:      " + family.displayName() + " (" + family.id() + ")");
		context.out().println("Variant:     " + variant.name() + String.format(" (device ID 0x%X)", identity.deviceId()));
		context.out().println("Flash:       " + variant.flash().size() / 1024 + " KiB");
		context.out().println("Bootloader:  " + version(identity.bootloaderVersion()));
		context.out().println("UID:         " + (uidHex != null ? uidHex : "none (this variant documents no unique ID)"));
	}

	/** 0x31 → "3.1", as ST and NXP print versions. */
	static String version(int packed) {
		return (packed >> 4) + "." + (packed & 0xF);
	}
}
