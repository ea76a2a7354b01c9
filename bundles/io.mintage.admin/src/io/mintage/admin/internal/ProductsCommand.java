package io.mintage.admin.internal;

import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.Firmware;
import io.mintage.admin.Product;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.JsonWriter;

/** {@code admin products}: every product and its firmware versions with their hashes. */
@Component(service = Command.class, property = { Command.NAME + "=products", Command.PRODUCT + "=admin" })
public final class ProductsCommand implements Command {

	private final AdminStore store;

	@Activate
	public ProductsCommand(@Reference AdminStore store) {
		this.store = store;
	}

	@Override
	public String summary() {
		return "list the products and their firmware versions";
	}

	@Override
	public String usage() {
		return """
				products [--json]

				Lists every product of the admin database (id, name, MCU family) with its firmware
				versions: label, file, size and the SHA-256 of the image.""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(AdminCommands.JSON), Set.of());
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		try {
			Admin admin = AdminCommands.open(store, context);
			List<Product> products = admin.products().list();
			boolean json = arguments.has(AdminCommands.JSON);
			JsonWriter out = new JsonWriter().beginObject().beginArray("products");
			if (!json && products.isEmpty()) {
				context.out().println("No products yet: add one with 'mintage admin add-product'.");
			}
			for (Product product : products) {
				List<Firmware> firmware = admin.products().firmware(product.id());
				if (json) {
					AdminCommands.product(out.beginObject(), product).beginArray("firmware");
					for (Firmware version : firmware) {
						AdminCommands.firmware(out.beginObject(), version).endObject();
					}
					out.endArray().endObject();
					continue;
				}
				context.out().println(product.id() + "  " + product.name() + "  (" + product.mcuFamily() + ")");
				for (Firmware version : firmware) {
					context.out().println("    " + version.version() + "  " + version.fileName() + "  " + version.size()
							+ " bytes  SHA-256 " + version.sha256());
				}
			}
			if (json) {
				AdminCommands.print(context, out.endArray().endObject());
			}
			return OK;
		} catch (AdminException e) {
			throw AdminCommands.failed(e);
		}
	}
}
