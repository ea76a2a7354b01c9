package io.mintage.admin.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.Firmware;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.CommandFiles;
import io.mintage.core.command.JsonWriter;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.trust.ProductId;

/** {@code admin add-firmware}: a firmware version of a product, its file kept in the admin database. */
@Component(service = Command.class, property = { Command.NAME + "=add-firmware", Command.PRODUCT + "=admin" })
public final class AddFirmwareCommand implements Command {

	private static final String PRODUCT = "--product";
	private static final String VERSION = "--version";
	private static final String BASE = "--base";
	private static final String FORMAT = "--format";

	private final AdminStore store;

	@Activate
	public AddFirmwareCommand(@Reference AdminStore store) {
		this.store = store;
	}

	@Override
	public String summary() {
		return "add a firmware version of a product (the file is kept; its image hash is shown)";
	}

	@Override
	public String usage() {
		return """
				add-firmware FILE --product ID --version V [--base ADDR] [--format F] [--json]

				  FILE           Intel HEX, S-record, ELF or raw binary
				  --product ID   a product added before ('mintage admin add-product')
				  --version V    the version label, once per product, e.g. 1.4.2
				  --base ADDR    where a raw binary starts, e.g. 0x08000000
				  --format F     read FILE as this format whatever its name (hex, srec, elf, bin)

				Example: mintage admin add-firmware sensor-1.4.2.hex --product 0x13572468 --version 1.4.2""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(AdminCommands.JSON), Set.of(PRODUCT, VERSION, BASE, FORMAT));
		Path file = context.resolve(arguments.single("firmware file"));
		ProductId product = new ProductId(Arguments.parseNumber(PRODUCT, arguments.required(PRODUCT), 0, 0xFFFF_FFFFL));
		String version = arguments.required(VERSION);
		OptionalLong base = arguments.option(BASE).isPresent()
				? OptionalLong.of(Arguments.parseAddress(BASE, arguments.option(BASE).get()))
				: OptionalLong.empty();
		byte[] content = CommandFiles.read(file, "the firmware file");
		try {
			Firmware firmware = AdminCommands.open(store, context).products().addFirmware(product, version,
					file.getFileName().toString(), content, arguments.option(FORMAT), base, ProgressMonitor.NONE);
			if (arguments.has(AdminCommands.JSON)) {
				AdminCommands.print(context, AdminCommands
						.firmware(new JsonWriter().beginObject().beginObject("firmware"), firmware).endObject().endObject());
			} else {
				context.out().println("Firmware " + firmware.version() + " of product " + product + " added: "
						+ firmware.fileName() + ", " + firmware.size() + " bytes, image SHA-256 " + firmware.sha256());
			}
			return OK;
		} catch (AdminException e) {
			throw AdminCommands.failed(e);
		} catch (OperationCancelledException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
	}
}
