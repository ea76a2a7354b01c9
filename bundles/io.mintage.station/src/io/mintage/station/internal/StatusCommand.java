package io.mintage.station.internal;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.JsonWriter;
import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerException;
import io.mintage.station.engine.Production;
import io.mintage.station.engine.ProductionException;
import io.mintage.trust.ReportEvent;

/**
 * {@code station status}: every accepted job's quota, today's and all-time counters, and the latest
 * ledger events — read from the ledger, also while a run is producing.
 */
@Component(service = Command.class, property = { Command.NAME + "=status", Command.PRODUCT + "=station" })
public final class StatusCommand implements Command {

	private static final String JSON = "--json";
	private static final String EVENTS = "--events";

	private final Production production;
	private final Clock clock;

	@Activate
	public StatusCommand(@Reference Production production) {
		this(production, Clock.systemDefaultZone());
	}

	StatusCommand(Production production, Clock clock) {
		this.production = production;
		this.clock = clock;
	}

	@Override
	public String summary() {
		return "show quota, counters and the latest events of this station";
	}

	@Override
	public String usage() {
		return """
				status [--events N] [--json]

				Shows for every accepted job its quota (serials used and left) and the devices
				passed, failed and reworked today and in all, then the latest ledger events.
				  --events N  how many of the latest events to show (default 10)
				  --json      print one JSON object

				Example: mintage station status""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(JSON), Set.of(EVENTS));
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		int events = (int) (arguments.option(EVENTS).isPresent()
				? Arguments.parseNumber(EVENTS, arguments.option(EVENTS).get(), 0, 10_000)
				: 10);
		StationHome home = new StationHome(context.stateDirectory());
		Instant midnight = LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
		try {
			List<Production.JobSummary> jobs = production.jobs(context.stateDirectory());
			Optional<Ledger> ledger = Files.exists(home.ledgerFile()) ? Optional.of(Ledger.openReadOnly(home.ledgerFile()))
					: Optional.empty();
			try {
				JsonWriter json = new JsonWriter().beginObject().beginArray("jobs");
				for (Production.JobSummary job : jobs) {
					Ledger.Counters counters = ledger.isPresent() ? ledger.get().counters(Optional.of(job.id()), midnight)
							: new Ledger.Counters(0, 0, 0, 0, 0, 0);
					if (arguments.has(JSON)) {
						json.beginObject().string("job", job.id().toString()).string("name", job.name())
								.string("family", job.family()).string("firmwareVersion", job.firmwareVersion())
								.number("count", job.count()).number("used", job.used()).number("left", job.count() - job.used())
								.string("validUntil", job.validUntil().toString()).number("passedToday", counters.completed())
								.number("failedToday", counters.failed()).number("reworkedToday", counters.reworked())
								.number("passedTotal", counters.completedTotal()).number("failedTotal", counters.failedTotal())
								.number("reworkedTotal", counters.reworkedTotal()).endObject();
					} else {
						context.out().println("Job '" + job.name() + "' (" + job.id() + "), " + job.product() + ", "
								+ job.family() + ", firmware " + job.firmwareVersion());
						context.out().println("  quota:  " + (job.count() - job.used()) + " of " + job.count()
								+ " left, valid until " + DateTimeFormatter.ISO_INSTANT.format(job.validUntil()));
						context.out().println("  today:  " + counters.completed() + " passed, " + counters.failed() + " failed, "
								+ counters.reworked() + " rework" + yieldOf(counters.completed(), counters.failed()));
						context.out().println("  total:  " + counters.completedTotal() + " passed, " + counters.failedTotal()
								+ " failed, " + counters.reworkedTotal() + " rework"
								+ yieldOf(counters.completedTotal(), counters.failedTotal()));
					}
				}
				if (jobs.isEmpty() && !arguments.has(JSON)) {
					context.out().println("No job is accepted yet: run 'mintage station accept JOB' first.");
				}
				json.endArray().beginArray("events");
				List<ReportEvent> latest = ledger.isPresent() && events > 0 ? ledger.get().latest(events) : List.of();
				if (!arguments.has(JSON) && !latest.isEmpty()) {
					context.out().println("Latest events:");
				}
				for (ReportEvent event : latest) {
					String uid = event.uid().map(u -> HexFormat.of().formatHex(u.bytes())).orElse("");
					if (arguments.has(JSON)) {
						json.beginObject().number("sequence", event.sequence()).string("type", event.type())
								.string("time", event.time().toString()).string("job", event.jobId().toString()).string("uid", uid);
						if (event.serial().isPresent()) {
							json.number("serial", event.serial().getAsLong());
						}
						json.string("detail", event.detail().orElse("")).endObject();
					} else {
						context.out().println("  " + event.sequence() + "  "
								+ DateTimeFormatter.ISO_INSTANT.format(event.time().truncatedTo(ChronoUnit.SECONDS)) + "  "
								+ event.type() + (uid.isEmpty() ? "" : "  UID " + uid)
								+ (event.serial().isPresent() ? "  serial " + event.serial().getAsLong() : "")
								+ event.detail().map(d -> "  " + d).orElse(""));
					}
				}
				if (arguments.has(JSON)) {
					context.out().println(json.endArray().endObject().toString());
				}
			} finally {
				if (ledger.isPresent()) {
					ledger.get().close();
				}
			}
			return OK;
		} catch (ProductionException | LedgerException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
	}

	private static String yieldOf(long passed, long failed) {
		return passed + failed == 0 ? "" : String.format(Locale.ROOT, ", yield %.1f %%", 100.0 * passed / (passed + failed));
	}
}
