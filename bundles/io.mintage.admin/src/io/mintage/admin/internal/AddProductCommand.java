package io.mintage.admin.internal;

import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.Product;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.JsonWriter;
import io.mintage.core.mcu.McuFamilies;
import io.mintage.core.mcu.McuFamily;
import io.mintage.trust.ProductId;

/** {@code admin add-product}: a product the company makes, with the MCU family of its devices. */
@Component(service = Command.class, property = { Command.NAME + "=add-product", Command.PRODUCT + "=admin" })
public final class AddProductCommand implements Command {

	private static final String ID = "--id";
	private static final String NAME = "--name";
	private static final String FAMILY = "--family";

	private final AdminStore store;
	private final McuFamilies families;

	@Activate
	public AddProductCommand(@Reference AdminStore store, @Reference McuFamilies families) {
		this.store = store;
		this.families = families;
	}

	@Override
	public String summary() {
		return "add a product: its id, name and MCU family";
	}

	@Override
	public String usage() {
		return """
				add-product --id ID --name NAME --family FAMILY [--json]

				  --id ID          the product id the firmware checks (0 .. 4294967295, or 0x...)
				  --name NAME      the product's name, shown to operators and in reports
				  --family FAMILY  the MCU family of its devices, e.g. stm32f1, lpc11c24

				Example: mintage admin add-product --id 0x13572468 --name "Sensor v2" --family stm32f1""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(AdminCommands.JSON), Set.of(ID, NAME, FAMILY));
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		ProductId id = new ProductId(Arguments.parseNumber(ID, arguments.required(ID), 0, 0xFFFF_FFFFL));
		String name = arguments.required(NAME);
		if (name.isBlank()) {
			throw CommandException.usage(NAME + " needs a name");
		}
		String family = arguments.required(FAMILY);
		checkFamily(families, family, FAMILY);
		try {
			Product product = AdminCommands.open(store, context).products().add(id, name, family);
			if (arguments.has(AdminCommands.JSON)) {
				AdminCommands.print(context,
						AdminCommands.product(new JsonWriter().beginObject().beginObject("product"), product).endObject()
								.endObject());
			} else {
				context.out().println("Product " + product.id() + " '" + product.name() + "' (" + product.mcuFamily()
						+ ") added");
			}
			return OK;
		} catch (AdminException e) {
			throw AdminCommands.failed(e);
		}
	}

	/** A usage error naming the installed families when {@code family} is none of them. */
	static void checkFamily(McuFamilies families, String family, String option) throws CommandException {
		if (!IssueJobCommand.FAMILY_ID.matcher(family).matches()) {
			throw CommandException.usage(option + " expects a family id such as stm32f1 or lpc11c24, got '" + family + "'");
		}
		if (families.find(family).isEmpty()) {
			throw CommandException.usage("no installed MCU family is '" + family + "'; the installed ones are: "
					+ String.join(", ", families.all().stream().map(McuFamily::id).toList()));
		}
	}
}
