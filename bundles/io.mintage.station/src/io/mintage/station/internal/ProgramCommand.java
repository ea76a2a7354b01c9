package io.mintage.station.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.JsonWriter;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.ledger.LedgerException;
import io.mintage.station.engine.DeviceBudget;
import io.mintage.station.engine.DeviceOutcome;
import io.mintage.station.engine.EngineListener;
import io.mintage.station.engine.Production;
import io.mintage.station.engine.ProductionEngine;
import io.mintage.station.engine.ProductionException;
import io.mintage.station.engine.ProductionJob;
import io.mintage.station.engine.QuotaStatus;
import io.mintage.station.engine.SiteAddress;
import io.mintage.station.engine.SiteStatus;

/**
 * {@code station program}: runs the production engine headless on one or more sites — the same engine
 * the operator's window drives — and shows each site's progress as lines of text, or JSON lines for
 * scripts and the factory's MES.
 */
@Component(service = Command.class, property = { Command.NAME + "=program", Command.PRODUCT + "=station" })
public final class ProgramCommand implements Command {

	private static final String JOB = "--job";
	private static final String SITE = "--site";
	private static final String COUNT = "--count";
	private static final String CONTINUOUS = "--continuous";
	private static final String JSON = "--json";
	private static final String POLL = "--poll-ms";
	/** How long a stop (Ctrl-C) waits for the devices being worked on to finish. */
	private static final Duration STOP_GRACE = Duration.ofSeconds(120);

	private final Production production;

	@Activate
	public ProgramCommand(@Reference Production production) {
		this.production = production;
	}

	@Override
	public String summary() {
		return "program devices on one or more sites with an accepted job (headless)";
	}

	@Override
	public String usage() {
		return """
				program --site PROBE:PORT [--site ...] (--count N | --continuous) [--job ID ...] [--json]

				Programs device after device on every site in parallel: identify, read the UID,
				authorize (serial and signed record, in the ledger before the chip is touched
				further), erase, program, write the record, verify, protect if the job asks. A chip
				that has its record already gets the same record again and uses no quota.
				  --site PROBE:PORT  a fixture: stm32uart or lpcisp and its serial port (see identify)
				  --count N          stop after N devices passed (on all sites together)
				  --continuous       go on until Ctrl-C (which lets the devices in work finish)
				  --job ID           the job to make (repeat it for several MCU families at once); without
				                     it, every accepted job that can be used now, one per family: each
				                     chip goes to the job of its family
				  --json             one JSON object per line: site changes, devices, quota, summary
				  --poll-ms MS       how often an empty site looks for a device (default 250)

				Example: mintage station program --site stm32uart:/dev/ttyUSB0 --site stm32uart:/dev/ttyUSB1 --count 100""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(JSON, CONTINUOUS), Set.of(COUNT, POLL), Set.of(SITE, JOB));
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		List<SiteAddress> sites = new ArrayList<>();
		for (String site : arguments.all(SITE)) {
			try {
				sites.add(SiteAddress.parse(site));
			} catch (IllegalArgumentException e) {
				throw CommandException.usage(SITE + ": " + e.getMessage());
			}
		}
		if (sites.isEmpty()) {
			throw CommandException.usage("say where the devices are with " + SITE + " PROBE:PORT");
		}
		if (arguments.option(COUNT).isPresent() == arguments.has(CONTINUOUS)) {
			throw CommandException.usage("give either " + COUNT + " N or " + CONTINUOUS);
		}
		DeviceBudget budget = arguments.option(COUNT).isPresent()
				? DeviceBudget.of(Arguments.parseNumber(COUNT, arguments.option(COUNT).get(), 1, Integer.MAX_VALUE))
				: DeviceBudget.unlimited();
		ProductionEngine.Options defaults = ProductionEngine.Options.defaults();
		ProductionEngine.Options options = new ProductionEngine.Options(arguments.option(POLL).isPresent()
				? Duration.ofMillis(Arguments.parseNumber(POLL, arguments.option(POLL).get(), 10, 60_000))
				: defaults.pollInterval(), defaults.retriesAfterLostContact(), defaults.checkpointEvery());
		List<UUID> jobIds = new ArrayList<>();
		for (String job : arguments.all(JOB)) {
			jobIds.add(AcceptedJobs.jobId(job));
		}
		boolean json = arguments.has(JSON);
		Report report = new Report(context.out(), json);
		CountDownLatch finished = new CountDownLatch(1);
		try (Production.Session session = production.open(context.stateDirectory(), jobIds, options)) {
			ProductionEngine engine = session.engine();
			for (SiteAddress site : sites) {
				try {
					engine.addSite(site);
				} catch (IllegalArgumentException e) {
					throw CommandException.usage(e.getMessage());
				}
			}
			report.started(engine);
			engine.addListener(report);
			Thread stopper = new Thread(() -> {
				engine.stopAll();
				try {
					finished.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}, "mintage stop on signal");
			Runtime.getRuntime().addShutdownHook(stopper);
			List<Thread> threads = new ArrayList<>();
			for (SiteStatus site : engine.sites()) {
				Thread thread = new Thread(() -> engine.run(site.site(), budget, ProgressMonitor.NONE), "site " + site.site());
				threads.add(thread);
				thread.start();
			}
			for (Thread thread : threads) {
				thread.join();
			}
			report.finished(engine, engine.jobStopped());
			try {
				Runtime.getRuntime().removeShutdownHook(stopper);
			} catch (IllegalStateException shuttingDown) {
				// Ctrl-C: the hook waits for the latch below
			}
			if (engine.jobStopped().isPresent()) {
				throw CommandException.failed("production stopped: " + engine.jobStopped().get());
			}
			return OK;
		} catch (ProductionException | LedgerException e) {
			throw CommandException.failed(e.getMessage(), e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw CommandException.failed("interrupted", e);
		} finally {
			finished.countDown();
		}
	}

	/** Prints what the engine does: lines of text or JSON lines; progress in steps of 25 %. */
	private static final class Report implements EngineListener {

		private final PrintStream out;
		private final boolean json;
		private final AtomicLong passed = new AtomicLong();
		private final AtomicLong failed = new AtomicLong();
		private final AtomicLong reworked = new AtomicLong();
		private final java.util.Map<Integer, String> lastShown = new java.util.concurrent.ConcurrentHashMap<>();

		Report(PrintStream out, boolean json) {
			this.out = out;
			this.json = json;
		}

		void started(ProductionEngine engine) throws LedgerException {
			for (ProductionJob job : engine.jobs()) {
				started(job, engine.quota(job.id()));
			}
			for (SiteStatus site : engine.sites()) {
				if (json) {
					print(new JsonWriter().beginObject().string("type", "site").number("site", site.site())
							.string("address", site.address().toString()).string("phase", "idle").endObject().toString());
				} else {
					print("site " + site.site() + ": " + site.address());
				}
			}
		}

		private void started(ProductionJob job, QuotaStatus quota) {
			if (json) {
				print(new JsonWriter().beginObject().string("type", "job").string("job", job.id().toString())
						.string("name", job.name()).string("family", job.family())
						.string("firmwareVersion", job.job().firmware().version()).number("count", quota.count())
						.number("used", quota.used()).number("left", quota.left())
						.string("validUntil", job.validUntil().toString()).endObject().toString());
				return;
			}
			print("Job '" + job.name() + "' (" + job.id() + "): " + job.family() + ", firmware "
					+ job.job().firmware().version() + ", " + quota.left() + " of " + quota.count() + " serials left, valid until "
					+ DateTimeFormatter.ISO_INSTANT.format(job.validUntil().truncatedTo(ChronoUnit.SECONDS)));
		}

		@Override
		public void siteChanged(SiteStatus status) {
			String key = status.phase() + "/" + status.step().map(Enum::name).orElse("") + "/"
					+ (status.phase() == SiteStatus.Phase.WORKING ? status.percent() / 25 : 0) + "/" + status.headline();
			if (status.phase() == SiteStatus.Phase.WORKING) {
				key = status.phase() + "/" + status.step().map(Enum::name).orElse("") + "/" + status.percent() / 25;
			}
			if (key.equals(lastShown.put(status.site(), key))) {
				return;
			}
			if (json) {
				JsonWriter line = new JsonWriter().beginObject().string("type", "site").number("site", status.site())
						.string("phase", status.phase().name().toLowerCase(Locale.ROOT))
						.string("step", status.step().map(s -> s.id()).orElse(""))
						.number("percent", status.percent()).string("headline", status.headline())
						.string("advice", status.advice());
				status.uid().ifPresent(uid -> line.string("uid", HexFormat.of().formatHex(uid.bytes())));
				if (status.serial().isPresent()) {
					line.number("serial", status.serial().getAsLong());
				}
				print(line.endObject().toString());
			} else if (status.phase() != SiteStatus.Phase.PASS && status.phase() != SiteStatus.Phase.FAIL) {
				print("site " + status.site() + ": " + status.headline());
			}
		}

		@Override
		public void deviceFinished(DeviceOutcome outcome) {
			(outcome.pass() ? passed : failed).incrementAndGet();
			if (outcome.rework()) {
				reworked.incrementAndGet();
			}
			String uid = outcome.uid().map(u -> HexFormat.of().formatHex(u.bytes())).orElse("");
			if (json) {
				JsonWriter line = new JsonWriter().beginObject().string("type", "device").number("site", outcome.site())
						.string("result", outcome.pass() ? "pass" : "fail").string("uid", uid).bool("rework", outcome.rework())
						.string("step", outcome.failedAt().map(s -> s.id()).orElse("")).string("message", outcome.message())
						.number("ms", outcome.took().toMillis()).number("overheadMicros", outcome.overhead().toNanos() / 1000);
				if (outcome.serial().isPresent()) {
					line.number("serial", outcome.serial().getAsLong());
				}
				print(line.endObject().toString());
				return;
			}
			print("site " + outcome.site() + ": " + (outcome.pass() ? "" : "Fail: ") + outcome.message()
					+ (uid.isEmpty() ? "" : " — UID " + uid) + String.format(Locale.ROOT, " (%.2f s)",
							outcome.took().toMillis() / 1000.0));
		}

		@Override
		public void quotaChanged(UUID job, QuotaStatus quota) {
			if (json) {
				print(new JsonWriter().beginObject().string("type", "quota").string("job", job.toString())
						.number("count", quota.count())
						.number("used", quota.used()).number("left", quota.left()).endObject().toString());
			}
		}

		@Override
		public void jobStopped(String reason) {
			if (json) {
				print(new JsonWriter().beginObject().string("type", "stopped").string("reason", reason).endObject().toString());
			} else {
				print("Production stops: " + reason);
			}
		}

		void finished(ProductionEngine engine, Optional<String> stopped) throws LedgerException {
			long left = 0;
			StringBuilder quotas = new StringBuilder();
			for (ProductionJob job : engine.jobs()) {
				QuotaStatus quota = engine.quota(job.id());
				left += quota.left();
				quotas.append(quotas.length() == 0 ? "" : ", ").append(quota.left()).append(" of ").append(quota.count())
						.append(" serials left").append(engine.jobs().size() > 1 ? " of '" + job.name() + "'" : "");
			}
			if (json) {
				print(new JsonWriter().beginObject().string("type", "summary").number("passed", passed.get())
						.number("failed", failed.get()).number("reworked", reworked.get()).number("quotaLeft", left)
						.bool("jobStopped", stopped.isPresent()).endObject().toString());
				return;
			}
			print("Done: " + passed.get() + " passed (" + reworked.get() + " rework), " + failed.get() + " failed; "
					+ quotas);
		}

		private synchronized void print(String line) {
			out.println(line);
			out.flush();
		}
	}
}
