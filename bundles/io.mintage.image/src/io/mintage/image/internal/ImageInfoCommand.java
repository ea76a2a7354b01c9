package io.mintage.image.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.JsonWriter;
import io.mintage.core.image.FirmwareImage;
import io.mintage.core.image.ImageFormatException;
import io.mintage.core.image.Segment;
import io.mintage.image.FirmwareImageLoader;
import io.mintage.image.LoadedImage;
import io.mintage.image.ReadOptions;

/**
 * {@code image-info FILE}: what a firmware file holds and the checksums to compare it with, so a
 * person can check a file before flashing it and compare it with what a chip reads back.
 */
@Component(service = Command.class, property = { Command.NAME + "=image-info", Command.PRODUCT + "=station",
		Command.PRODUCT + "=admin" })
public final class ImageInfoCommand implements Command {

	private static final String BASE = "--base";
	private static final String FORMAT = "--format";
	private static final String JSON = "--json";

	private final FirmwareImageLoader loader;

	@Activate
	public ImageInfoCommand(@Reference FirmwareImageLoader loader) {
		this.loader = loader;
	}

	@Override
	public String summary() {
		return "show the segments, size and checksums of a firmware file";
	}

	@Override
	public String usage() {
		return """
				image-info FILE [--base ADDR] [--format ihex|srec|elf|bin] [--json]

				Reads an Intel HEX, Motorola S-record, ELF or raw binary file and shows its segments,
				size, address range, entry point, CRC-32 and SHA-256. The checksums cover the whole
				address range with gaps filled by the erased value 0xFF, as a chip reads it back.

				  --base ADDR     address of the first byte of a raw binary file (default 0)
				  --format ID     read the file as this format instead of telling it from the
				                  extension and content
				  --json          print one JSON object instead of text

				Example: image-info build/blinky.bin --base 0x08000000
				""";
	}

	@Override
	public int run(CommandContext context, List<String> arguments) throws CommandException {
		Arguments parsed = Arguments.parse(arguments, Set.of(JSON), Set.of(BASE, FORMAT));
		String file = parsed.single("FILE");
		String format = parsed.option(FORMAT).orElse(null);
		if (format != null && !loader.formatIds().contains(format)) {
			throw CommandException.usage(FORMAT + " " + format + " is not a known format; use one of "
					+ String.join(", ", loader.formatIds()));
		}
		ReadOptions options = ReadOptions.defaults();
		if (parsed.option(BASE).isPresent()) {
			options = options.withBaseAddress(Arguments.parseAddress(BASE, parsed.option(BASE).get()));
		}
		LoadedImage loaded;
		try {
			loaded = loader.load(context.resolve(file), file, format, options);
		} catch (ImageFormatException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
		if (loaded.baseAddressAssumed()) {
			context.err().println("warning: no --base given, so " + file
					+ " is taken to start at 0x00000000; give --base for the address it is meant for");
		}
		if (parsed.has(JSON)) {
			context.out().println(json(file, loaded));
		} else {
			printText(context.out(), file, loaded);
		}
		return OK;
	}

	private static void printText(PrintStream out, String file, LoadedImage loaded) {
		FirmwareImage image = loaded.image();
		out.println("file:          " + file);
		String assumed = loaded.baseAddressAssumed() ? " (base address assumed 0)" : "";
		out.println("format:        " + loaded.formatName() + assumed);
		out.println("segments:      " + image.segments().size());
		for (Segment segment : image.segments()) {
			out.printf("  %s  %d bytes%n", range(segment.address(), segment.end()), segment.length());
		}
		out.println("data size:     " + image.dataSize() + " bytes");
		out.println("span:          " + image.span() + " bytes");
		out.println("address range: " + range(image.lowestAddress(), image.endAddress()));
		image.entryPoint().ifPresent(entry -> out.println("entry point:   " + hex(entry)));
		out.printf("CRC-32:        0x%08X%n", image.crc32());
		out.println("SHA-256:       " + image.sha256());
	}

	private static String json(String file, LoadedImage loaded) {
		FirmwareImage image = loaded.image();
		JsonWriter json = new JsonWriter().beginObject()
				.string("file", file)
				.string("format", loaded.formatId())
				.string("formatName", loaded.formatName())
				.bool("baseAddressAssumed", loaded.baseAddressAssumed())
				.beginArray("segments");
		for (Segment segment : image.segments()) {
			json.beginObject()
					.string("first", hex(segment.address()))
					.string("last", hex(segment.end() - 1))
					.number("size", segment.length())
					.endObject();
		}
		json.endArray()
				.number("dataSize", image.dataSize())
				.number("span", image.span())
				.string("first", hex(image.lowestAddress()))
				.string("last", hex(image.endAddress() - 1));
		if (image.entryPoint().isPresent()) {
			json.string("entryPoint", hex(image.entryPoint().getAsLong()));
		} else {
			json.nullValue("entryPoint");
		}
		return json.string("crc32", String.format("0x%08X", image.crc32()))
				.string("sha256", image.sha256())
				.endObject()
				.toString();
	}

	/** Inclusive range, as people read memory maps. */
	private static String range(long start, long end) {
		return hex(start) + ".." + hex(end - 1);
	}

	private static String hex(long address) {
		return String.format("0x%08X", address);
	}
}
