package io.mintage.admin.internal;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.IssuedQuota;
import io.mintage.admin.Quota;
import io.mintage.admin.Station;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.CommandFiles;
import io.mintage.core.command.JsonWriter;
import io.mintage.trust.ProductId;

/**
 * {@code admin issue-quota}: a quota key for one station — the batch certificate for a serial range
 * and the batch private key encrypted to the station — signed by the authority and recorded.
 */
@Component(service = Command.class, property = { Command.NAME + "=issue-quota", Command.PRODUCT + "=admin" })
public final class IssueQuotaCommand implements Command {

	private static final String OUT = "--out";

	private final AdminStore store;

	@Activate
	public IssueQuotaCommand(@Reference AdminStore store) {
		this.store = store;
	}

	@Override
	public String summary() {
		return "issue a quota key: the right for one station to sign N device records of a product";
	}

	@Override
	public String usage() {
		return """
				issue-quota --station STATION --product ID --count N --valid-until DATE
				            [--serial-start S] [--valid-from DATE] [--royalty AMOUNT --currency CODE]
				            [--out FILE] [--json]

				""" + QuotaOptions.STATION_USAGE + """

				  --product ID        the product id the firmware checks (0 .. 4294967295, or 0x...)
				""" + QuotaOptions.USAGE + """

				  --out FILE          where to write the quota key (default quota-ID.mquota)

				Example: mintage admin issue-quota --station line3.pem --product 0x13572468 \\
				           --count 1000 --valid-until 2027-06-30 --royalty 0.125 --currency EUR""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Set<String> options = new HashSet<>(QuotaOptions.OPTIONS);
		options.addAll(Set.of(QuotaOptions.STATION, QuotaOptions.PRODUCT, OUT));
		Arguments arguments = Arguments.parse(words, Set.of(AdminCommands.JSON), options);
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		ProductId product = QuotaOptions.product(arguments);
		String stationName = arguments.required(QuotaOptions.STATION);
		QuotaOptions.request(arguments, "checked", product); // usage errors before anything is opened
		Admin admin = AdminCommands.open(store, context);
		Station station = AdminCommands.station(admin, context, stationName);
		IssuedQuota issued;
		try {
			issued = admin.quotas().issue(QuotaOptions.request(arguments, station.serial(), product));
		} catch (AdminException e) {
			throw AdminCommands.failed(e);
		}
		Quota quota = issued.quota();
		Path out = context.resolve(arguments.option(OUT).orElse("quota-" + quota.id() + ".mquota"));
		CommandFiles.write(out, issued.quotaKey(), "the quota key");
		if (arguments.has(AdminCommands.JSON)) {
			JsonWriter json = new JsonWriter().beginObject().beginObject("quota");
			AdminCommands.print(context, AdminCommands.quota(json, quota).endObject().string("file", out.toString())
					.endObject());
			return OK;
		}
		context.out().println("Quota " + quota.id() + " for " + quota.stationSubject() + ": product " + product
				+ ", serials " + quota.firstSerial() + " to " + quota.lastSerial() + " (" + quota.count() + "), valid "
				+ quota.validFrom().orElseThrow() + " to " + quota.validUntil().orElseThrow()
				+ quota.royalty().map(royalty -> ", royalty " + royalty + " per device").orElse(""));
		context.out().println("Written to " + out);
		return OK;
	}
}
