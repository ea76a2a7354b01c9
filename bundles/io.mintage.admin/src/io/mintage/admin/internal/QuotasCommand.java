package io.mintage.admin.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.Quota;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.JsonWriter;
import io.mintage.trust.ProductId;

/** {@code admin quotas}: every quota issued, with its serial range, station, validity and royalty. */
@Component(service = Command.class, property = { Command.NAME + "=quotas", Command.PRODUCT + "=admin" })
public final class QuotasCommand implements Command {

	private static final String PRODUCT = "--product";

	private final AdminStore store;

	@Activate
	public QuotasCommand(@Reference AdminStore store) {
		this.store = store;
	}

	@Override
	public String summary() {
		return "list the quotas issued: serial ranges, stations, validity, royalty";
	}

	@Override
	public String usage() {
		return """
				quotas [--product ID] [--json]

				Lists the quotas of the admin database, oldest first (only those of product ID when
				given): quota id, product, serial range, station, validity, royalty per device, and the
				devices the imported production reports counted under it and what is left of it.""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(AdminCommands.JSON), Set.of(PRODUCT));
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		List<Quota> quotas;
		Map<UUID, Long> counted;
		try {
			Admin admin = AdminCommands.open(store, context);
			quotas = admin.quotas().list();
			counted = admin.quotas().counted();
		} catch (AdminException e) {
			throw AdminCommands.failed(e);
		}
		if (arguments.option(PRODUCT).isPresent()) {
			ProductId product = new ProductId(
					Arguments.parseNumber(PRODUCT, arguments.option(PRODUCT).get(), 0, 0xFFFF_FFFFL));
			quotas = quotas.stream().filter(quota -> quota.product().equals(product)).toList();
		}
		if (arguments.has(AdminCommands.JSON)) {
			JsonWriter json = new JsonWriter().beginObject().beginArray("quotas");
			for (Quota quota : quotas) {
				long devices = counted.getOrDefault(quota.id(), 0L);
				AdminCommands.quota(json.beginObject(), quota).number("counted", devices)
						.number("left", Math.max(0, quota.count() - devices)).endObject();
			}
			AdminCommands.print(context, json.endArray().endObject());
			return OK;
		}
		if (quotas.isEmpty()) {
			context.out().println("No quotas yet.");
		}
		for (Quota quota : quotas) {
			context.out().println(quota.id() + "  product " + quota.product() + "  serials " + quota.firstSerial()
					+ " to " + quota.lastSerial() + " (" + quota.count() + ", "
					+ Math.max(0, quota.count() - counted.getOrDefault(quota.id(), 0L)) + " left)  " + quota.stationSubject()
					+ quota.validUntil().map(end -> "  until " + end).orElse("")
					+ quota.royalty().map(royalty -> "  " + royalty + " per device").orElse("")
					+ (quota.imported() ? "  (imported)" : ""));
		}
		return OK;
	}
}
