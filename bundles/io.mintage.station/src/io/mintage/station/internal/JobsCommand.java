package io.mintage.station.internal;

import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.JsonWriter;
import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerException;
import io.mintage.trust.JobPackage;
import io.mintage.trust.QuotaTerms;
import io.mintage.trust.RecordOptions;
import io.mintage.trust.RevocationList;

/** {@code station jobs}: the accepted jobs with their quota used and left and whether they can be used now. */
@Component(service = Command.class, property = { Command.NAME + "=jobs", Command.PRODUCT + "=station" })
public final class JobsCommand implements Command {

	private static final String JSON = "--json";

	private final Clock clock;

	@Activate
	public JobsCommand() {
		this(Clock.systemUTC());
	}

	JobsCommand(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String summary() {
		return "list the accepted jobs with quota used and left";
	}

	@Override
	public String usage() {
		return """
				jobs [--json]

				Lists the accepted jobs: product, firmware, serial range, records signed (used), quota
				left, validity and whether the job can be used now (ready, expired, not-yet-valid,
				revoked, used-up); below each job its record options (firmware hash, protection set
				after verify, whether protected chips may be unprotected, record place, undocumented
				UIDs), as the admin decided them in the job package.

				  --json   print one JSON object with a "jobs" array""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(JSON), Set.of());
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		StationHome home = new StationHome(context.stateDirectory());
		X509Certificate authority = home.authority();
		X509Certificate station = home.certificate();
		Optional<RevocationList> revocations = home.revocations(authority);
		List<AcceptedJobs.Accepted> jobs = new AcceptedJobs(home.jobsFolder()).all(authority);
		JsonWriter json = new JsonWriter().beginObject().beginArray("jobs");
		if (!arguments.has(JSON)) {
			context.out().println(jobs.isEmpty() ? "No job accepted yet." : String.format("%-36s  %-10s  %8s  %8s  %-20s  %s",
					"JOB", "PRODUCT", "USED", "LEFT", "VALID UNTIL", "STATE / NAME"));
		}
		for (AcceptedJobs.Accepted accepted : jobs) {
			JobPackage job = accepted.job();
			QuotaTerms terms = job.quota().terms();
			long used = used(home, job);
			long left = terms.serials().count() - used;
			String state = state(terms, left, revocations.isPresent() && revocations.get().revokes(station));
			if (arguments.has(JSON)) {
				json.beginObject().string("job", job.jobId().toString()).string("name", job.name())
						.number("product", job.product().id().value()).string("productName", job.product().name())
						.string("family", job.product().mcuFamily()).string("firmware", job.firmware().version())
						.string("quota", terms.quotaId().toString()).number("serialFirst", terms.serials().first().value())
						.number("serialCount", terms.serials().count()).number("used", used).number("left", left)
						.string("validFrom", terms.notBefore().toString()).string("validUntil", terms.notAfter().toString())
						.string("state", state);
				recordOptions(json, job.recordOptions()).endObject();
			} else {
				context.out().println(String.format("%-36s  %-10s  %8d  %8d  %-20s  %s / %s", job.jobId(),
						job.product().id(), used, left, terms.notAfter(), state, job.name()));
				context.out().println("    record options: " + job.recordOptions().summary());
			}
		}
		if (arguments.has(JSON)) {
			context.out().println(json.endArray().endObject().toString());
		}
		return OK;
	}

	/** Serials of the job signed so far, as the ledger counts them; none before the first. */
	private static long used(StationHome home, JobPackage job) throws CommandException {
		if (!Files.exists(home.ledgerFile())) {
			return 0;
		}
		try (Ledger ledger = Ledger.openReadOnly(home.ledgerFile())) {
			return ledger.used(job.jobId());
		} catch (LedgerException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
	}

	private static JsonWriter recordOptions(JsonWriter json, RecordOptions options) {
		json.beginObject("recordOptions").bool("bindFirmwareHash", options.bindFirmwareHash());
		optional(json, "protection", options.protection()).bool("allowUnprotect", options.allowUnprotect());
		optional(json, "recordPlacement", options.recordPlacement())
				.bool("acceptUndocumentedUid", options.acceptUndocumentedUid());
		return json.endObject();
	}

	private static JsonWriter optional(JsonWriter json, String key, Optional<String> value) {
		return value.isPresent() ? json.string(key, value.get()) : json.nullValue(key);
	}

	private String state(QuotaTerms terms, long left, boolean revoked) {
		Instant now = clock.instant();
		if (revoked) {
			return "revoked";
		}
		if (now.isBefore(terms.notBefore())) {
			return "not-yet-valid";
		}
		if (now.isAfter(terms.notAfter())) {
			return "expired";
		}
		return left == 0 ? "used-up" : "ready";
	}
}
