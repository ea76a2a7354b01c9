package io.mintage.station.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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
import io.mintage.station.engine.Production;
import io.mintage.station.engine.ProductionException;

/**
 * {@code station report}: a signed production report of the ledger events since the last report, which
 * continues that report's chain hash, for the admin to import.
 */
@Component(service = Command.class, property = { Command.NAME + "=report", Command.PRODUCT + "=station" })
public final class ReportCommand implements Command {

	private static final String OUT = "--out";
	private static final String JSON = "--json";

	private final Production production;
	private final Clock clock;

	@Activate
	public ReportCommand(@Reference Production production) {
		this.production = production;
		this.clock = Clock.systemUTC();
	}

	@Override
	public String summary() {
		return "write a signed production report of the events since the last report";
	}

	@Override
	public String usage() {
		return """
				report [--out FILE] [--json]

				Writes the ledger events since the last report as a production report signed by the
				station key (CMS, docs/formats.md), continuing the last report's chain hash so the
				admin sees any gap or rewritten history. Send the file to the admin.
				  --out FILE  where to write it (default report-<time>.mreport in this folder)
				  --json      print one JSON object: file, events

				Example: mintage station report --out week-47.mreport""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(JSON), Set.of(OUT));
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		Path out = context.resolve(arguments.option(OUT).orElse("report-" + DateTimeFormatter.ISO_INSTANT
				.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)).replace(":", "") + ".mreport"));
		try {
			long events = production.report(context.stateDirectory(), out);
			if (arguments.has(JSON)) {
				context.out().println(new JsonWriter().beginObject().string("file", out.toString()).number("events", events)
						.endObject().toString());
			} else {
				context.out().println("Wrote " + out + ": " + events + " event" + (events == 1 ? "" : "s")
						+ ", signed by this station; send it to the admin.");
			}
			return OK;
		} catch (ProductionException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
	}
}
