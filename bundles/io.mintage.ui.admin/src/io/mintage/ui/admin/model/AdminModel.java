package io.mintage.ui.admin.model;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.AuthorityInfo;
import io.mintage.admin.Backup;
import io.mintage.admin.Firmware;
import io.mintage.admin.ImportedReport;
import io.mintage.admin.IssuedJob;
import io.mintage.admin.JobRequest;
import io.mintage.admin.Product;
import io.mintage.admin.Quota;
import io.mintage.admin.ReportWaiver;
import io.mintage.admin.RoyaltyQuery;
import io.mintage.admin.Station;
import io.mintage.admin.royalty.RoyaltyStatement;
import io.mintage.admin.royalty.StatementCsv;
import io.mintage.admin.royalty.StatementPdf;
import io.mintage.core.command.CommandFiles;
import io.mintage.core.mcu.McuFamilies;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.core.sign.KeyLocation;
import io.mintage.trust.EnrolmentRequest;
import io.mintage.trust.FirmwareAnchor;
import io.mintage.trust.PemFiles;
import io.mintage.trust.ProductId;
import io.mintage.trust.RevocationList;

/**
 * The admin window without its widgets: what the views show ({@link AdminView}) and every action they
 * offer, each done by the admin services the {@code mintage admin} commands use — never by logic of its
 * own. Every action, and every read of the database, runs in an Eclipse job of the family
 * {@link #JOB_FAMILY}, one after another, so the caller's thread (the UI thread) never waits; long ones
 * report their progress ({@link #work()}) and may be cancelled. After each action the model reads the
 * database again and hands the new view to the listeners through the {@code ui} executor, with the
 * outcome in words ({@link AdminView#notice()}); the returned future completes after that.
 */
public final class AdminModel implements AutoCloseable {

	/** The family of every Eclipse job the model runs ({@link Job#belongsTo}). */
	public static final String JOB_FAMILY = "io.mintage.ui.admin.jobs";

	/** Where the model finds the services: the OSGi registry in the product, the services themselves in tests. */
	public interface Services {

		AdminStore store() throws AdminException;

		McuFamilies families() throws AdminException;
	}

	/** A certificate written for a station just enrolled. */
	public record Enrolled(Station station, Path certificateFile) {
	}

	/** The outcome text of a read that changes nothing: no notice, the view is not read again. */
	private static final Function<Object, String> QUIET = result -> null;

	@SuppressWarnings("unchecked")
	private static <T> Function<T, String> quiet() {
		return (Function<T, String>) QUIET;
	}

	/** Work on the opened admin folder. */
	@FunctionalInterface
	private interface Action<T> {
		T run(Admin admin, ProgressMonitor monitor) throws Exception;
	}

	private final Services services;
	private final Path home;
	private final Executor ui;
	private final Clock clock;
	private final List<Consumer<AdminView>> listeners = new CopyOnWriteArrayList<>();
	private final AtomicBoolean publishQueued = new AtomicBoolean();
	private final ISchedulingRule oneAtATime = new OneAtATime();
	private volatile AdminView view;
	private volatile Work work;
	private volatile boolean closed;

	/**
	 * @param home the admin folder ({@code $MINTAGE_HOME/admin}), as for the commands
	 * @param ui   runs the listeners' calls on the UI thread ({@code Display::asyncExec})
	 */
	public AdminModel(Services services, Path home, Executor ui, Clock clock) {
		this.services = Objects.requireNonNull(services, "services");
		this.home = Objects.requireNonNull(home, "home");
		this.ui = Objects.requireNonNull(ui, "ui");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.view = AdminView.loading(home, clock.instant());
	}

	/** What the window shows now. */
	public AdminView view() {
		return view;
	}

	/** The long work running now, if any. */
	public Optional<Work> work() {
		return Optional.ofNullable(work);
	}

	public Clock clock() {
		return clock;
	}

	/** {@code listener} gets every new view, on the UI thread. */
	public void addListener(Consumer<AdminView> listener) {
		listeners.add(listener);
	}

	public void removeListener(Consumer<AdminView> listener) {
		listeners.remove(listener);
	}

	/** Reads the database again (it may have been changed by a command or another window). */
	public CompletableFuture<AdminView> refresh() {
		// nothing to do but read: run reads the whole view after every action that is not quiet
		return run("Reading the admin database", "The admin database could not be read", null,
				(admin, monitor) -> (Void) null, nothing -> null).thenApply(nothing -> view);
	}

	// --- authority

	/** The key ceremony: the authority's key where {@code location} says and its CA certificate. */
	public CompletableFuture<AuthorityInfo> createAuthority(String name, Instant notAfter, KeyLocation location) {
		return run("Creating the authority", "No authority was created", null,
				(admin, monitor) -> admin.authority().create(name, notAfter, location),
				made -> "Authority " + made.subject() + " created; SHA-256 fingerprint " + made.fingerprint()
						+ ". Stations compare it when they install their certificate.");
	}

	/** Takes over an authority made elsewhere: the certificate in {@code certificateFile}, its key at {@code location}. */
	public CompletableFuture<AuthorityInfo> importAuthority(Path certificateFile, KeyLocation location) {
		return run("Importing the authority", "No authority was imported", null,
				(admin, monitor) -> admin.authority().importExisting(PemFiles.readCertificate(certificateFile), location),
				made -> "Authority " + made.subject() + " imported from " + certificateFile + "; SHA-256 fingerprint "
						+ made.fingerprint() + ".");
	}

	/** The authority's public key as the C header the firmware compiles in ({@code admin export-anchor --c-header}). */
	public CompletableFuture<Path> exportFirmwareHeader(Path file) {
		return run("Exporting the firmware header", "The firmware header was not written", null, (admin, monitor) -> {
			String header = FirmwareAnchor.cHeader(admin.authority().require().certificate());
			CommandFiles.write(file, header.getBytes(StandardCharsets.UTF_8), "the C header");
			return file;
		}, written -> "Firmware header with the authority key written to " + written
				+ " (build the firmware with: make ANCHOR_HEADER=" + written + ").");
	}

	/** The authority's CA certificate for stations and openssl ({@code admin export-anchor --pem}). */
	public CompletableFuture<Path> exportCertificate(Path file) {
		return run("Exporting the CA certificate", "The CA certificate was not written", null, (admin, monitor) -> {
			PemFiles.writeCertificate(file, admin.authority().require().certificate());
			return file;
		}, written -> "CA certificate written to " + written + ".");
	}

	// --- stations

	/**
	 * Enrols the station of the request in {@code requestFile} ({@code admin enrol}); its certificate is
	 * written beside the request, named after the station as the command names it.
	 */
	public CompletableFuture<Enrolled> enrol(Path requestFile) {
		return run("Enrolling a station", "The station was not enrolled", null, (admin, monitor) -> {
			admin.authority().require();
			EnrolmentRequest request = PemFiles.readRequest(requestFile);
			Station station = admin.stations().enrol(request, Optional.empty());
			Path out = requestFile.toAbsolutePath()
					.resolveSibling(CommandFiles.fileNameFor(request.stationName(), "station") + ".pem");
			PemFiles.writeCertificate(out, station.certificate().orElseThrow());
			return new Enrolled(station, out);
		}, enrolled -> "Station '" + enrolled.station().name() + "' enrolled (serial " + enrolled.station().serial()
				+ "); its certificate is " + enrolled.certificateFile()
				+ ". Give it and the authority certificate to the station.");
	}

	/** Revokes the station ({@code admin revoke}); reason: a name of {@link RevocationList#REASON_NAMES}. */
	public CompletableFuture<Station> revoke(String serial, String reason) {
		return run("Revoking a station", "The station was not revoked", null,
				(admin, monitor) -> admin.stations().revoke(serial, reason),
				revoked -> "Station '" + revoked.name() + "' (serial " + revoked.serial() + ") revoked: " + reason
						+ ". Export the revocation list and give it to every station.");
	}

	/** Signs a new revocation list of every revoked station and writes it (PEM) to {@code file}. */
	public CompletableFuture<RevocationList> exportRevocationList(Path file, Duration validity) {
		return run("Exporting the revocation list", "The revocation list was not written", null, (admin, monitor) -> {
			RevocationList list = admin.stations().revocationList(validity);
			CommandFiles.write(file, list.pem().getBytes(StandardCharsets.US_ASCII), "the revocation list");
			return list;
		}, list -> "Revocation list number " + list.number() + " with " + list.entries().size()
				+ " revoked station(s) written to " + file + "; next one due " + Texts.date(list.nextUpdate()) + ".");
	}

	// --- products and firmware

	public CompletableFuture<Product> addProduct(ProductId id, String name, String mcuFamily) {
		return run("Adding a product", "The product was not added", null,
				(admin, monitor) -> admin.products().add(id, name, mcuFamily),
				added -> "Product " + added.id() + " '" + added.name() + "' (" + added.mcuFamily() + ") added.");
	}

	/** Adds the firmware file as {@code version} of the product ({@code admin add-firmware}). */
	public CompletableFuture<Firmware> addFirmware(ProductId product, String version, Path file, OptionalLong base) {
		return run("Adding firmware", "The firmware was not added", null, (admin, monitor) -> {
			byte[] content = CommandFiles.read(file, "the firmware file");
			return admin.products().addFirmware(product, version, file.getFileName().toString(), content,
					Optional.empty(), base, monitor);
		}, added -> "Firmware " + added.version() + " of product " + added.product() + " added (SHA-256 "
				+ added.sha256() + ").");
	}

	// --- quotas and jobs

	/**
	 * Issues the job package ({@code admin issue-job}) and writes it to {@code file}; {@code mirror} also
	 * receives its progress (the wizard's progress bar) and can cancel it.
	 */
	public CompletableFuture<IssuedJob> issueJob(JobRequest request, Path file, ProgressMonitor mirror) {
		return run("Issuing a job package", "No job package was issued", mirror, (admin, monitor) -> {
			IssuedJob job = admin.quotas().issueJob(request, monitor);
			try {
				CommandFiles.write(file, job.jobPackage(), "the job package");
				return new Issued(job, Optional.empty());
			} catch (Exception e) {
				// the job is issued and recorded: a failure here must not look like "nothing issued", or the
				// wizard stays open and Finish issues a second quota
				return new Issued(job, Optional.of(e.getMessage()));
			}
		}, issued -> "Job '" + issued.job().name() + "' issued: serials " + Texts.serials(issued.job().quota())
				+ issued.notWritten().map(reason -> ", but not written to " + file + ": " + reason
						+ ". Write it again with Export job file.")
						.orElse(", written to " + file + ". Hand it to the station."))
				.thenApply(Issued::job);
	}

	/** A job issued and recorded, and why its file was not written if it was not. */
	private record Issued(IssuedJob job, Optional<String> notWritten) {
	}

	/** Writes the job package as issued to {@code file}, to hand it over again. */
	public CompletableFuture<Path> exportJob(UUID job, Path file) {
		return run("Exporting a job file", "The job file was not written", null, (admin, monitor) -> {
			CommandFiles.write(file, admin.quotas().jobPackage(job), "the job package");
			return file;
		}, written -> "Job file written to " + written + ".");
	}

	/** Writes the quota key as issued to {@code file}. */
	public CompletableFuture<Path> exportQuotaKey(UUID quota, Path file) {
		return run("Exporting a quota key", "The quota key was not written", null, (admin, monitor) -> {
			CommandFiles.write(file, admin.quotas().quotaKey(quota), "the quota key");
			return file;
		}, written -> "Quota key written to " + written + ".");
	}

	// --- reports and royalties

	/**
	 * Imports a station's production report: verified, every check run and recorded with its result
	 * ({@link io.mintage.admin.Reports#importReport}). Long: progress and cancellation.
	 */
	public CompletableFuture<ImportedReport> importReport(Path file) {
		return importReport(file, ReportWaiver.NONE);
	}

	/**
	 * Imports a report with the administrator's waiver of some failed checks
	 * ({@link io.mintage.admin.Reports#importReport(Path, ReportWaiver, io.mintage.core.progress.ProgressMonitor)}):
	 * how a rejected report is resolved.
	 */
	public CompletableFuture<ImportedReport> importReport(Path file, ReportWaiver waiver) {
		return run("Importing a production report", "The report was not imported", null,
				(admin, monitor) -> admin.reports().importReport(file, waiver, monitor),
				report -> Texts.imported(report, file));
	}

	/** The royalty statements of a period, one per currency ({@link io.mintage.admin.Royalties#statements}). */
	public CompletableFuture<List<RoyaltyStatement>> statements(RoyaltyQuery query) {
		return run("Adding up royalties", "The royalties could not be added up", null,
				(admin, monitor) -> admin.royalties().statements(query), quiet());
	}

	/** Writes a statement as CSV (the persisted columns) or as a PDF with its chart, by the file's extension. */
	public CompletableFuture<Path> exportStatement(RoyaltyStatement statement, Path file) {
		boolean pdf = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf");
		return run("Exporting a royalty statement", "The royalty statement was not written", null, (admin, monitor) -> {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			if (pdf) {
				StatementPdf.write(statement, bytes);
			} else {
				try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
					StatementCsv.write(statement, out);
				}
			}
			CommandFiles.write(file, bytes.toByteArray(), "the royalty statement");
			return file;
		}, written -> "Royalty statement " + statement.from() + " to " + statement.to() + " ("
				+ statement.currency().getCurrencyCode() + ") written to " + written + (pdf ? " as PDF." : " as CSV."));
	}

	/** A consistent copy of the admin database ({@code admin backup}); the key is never in it. */
	public CompletableFuture<Backup> backup(Path file) {
		return run("Backing up the admin database", "No backup was made", null,
				(admin, monitor) -> admin.backup(file, monitor),
				made -> "Backup written to " + made.file() + " (" + made.size() + " bytes, schema version "
						+ made.schemaVersion() + "). The authority key is not in it: keep it safe apart.");
	}

	/** Stops what runs; the window closes. */
	@Override
	public void close() {
		closed = true;
		Job.getJobManager().cancel(JOB_FAMILY);
	}

	/**
	 * Runs {@code action} on the opened admin folder in a job named {@code name}, then reads the database
	 * again and publishes the view with the outcome: {@code done} of the result (null: no notice), or the
	 * failure in words after {@code refusal}. A {@link #quiet()} read publishes only its failure.
	 */
	private <T> CompletableFuture<T> run(String name, String refusal, ProgressMonitor mirror, Action<T> action,
			Function<T, String> done) {
		CompletableFuture<T> future = new CompletableFuture<>();
		Job job = new Job(name) {
			@Override
			protected IStatus run(IProgressMonitor monitor) {
				Progress progress = new Progress(name, monitor, mirror);
				T result = null;
				Exception failure = null;
				Optional<AdminView.Notice> notice;
				Admin admin = null;
				try {
					admin = services.store().open(home);
					result = action.run(admin, progress);
					String text = done.apply(result);
					notice = text == null ? view.notice() : Optional.of(new AdminView.Notice(false, text, clock.instant()));
				} catch (OperationCancelledException e) {
					failure = e;
					notice = Optional.of(new AdminView.Notice(true, name + " was stopped; nothing was changed.",
							clock.instant()));
				} catch (Exception e) {
					failure = e;
					notice = Optional.of(new AdminView.Notice(true, refusal + ": " + e.getMessage(), clock.instant()));
				} finally {
					work = null;
				}
				if (done != QUIET || failure != null) {
					// a database that did not open is not opened a second time to say so
					view = admin != null ? read(admin, notice) : failed(failure, notice);
					publish();
				}
				if (failure == null) {
					future.complete(result);
				} else {
					future.completeExceptionally(failure);
				}
				return Status.OK_STATUS;
			}

			@Override
			public boolean belongsTo(Object family) {
				return JOB_FAMILY.equals(family);
			}
		};
		job.setRule(oneAtATime);
		job.schedule();
		return future;
	}

	/** The whole view from the database; what could not be read is said in the view, not thrown. */
	private AdminView read(Admin opened, Optional<AdminView.Notice> notice) {
		Instant now = clock.instant();
		try {
			List<AdminView.ProductView> products = new ArrayList<>();
			Map<ProductId, String> names = new HashMap<>();
			Map<Long, Firmware> firmwareById = new HashMap<>();
			for (Product product : opened.products().list()) {
				List<Firmware> firmware = opened.products().firmware(product.id());
				products.add(new AdminView.ProductView(product, firmware));
				names.put(product.id(), product.name());
				firmware.forEach(one -> firmwareById.put(one.id(), one));
			}
			List<Quota> quotas = opened.quotas().list();
			Map<UUID, Long> counted = countedByQuota(opened);
			List<AdminView.QuotaView> quotaViews = quotas.stream()
					.map(quota -> new AdminView.QuotaView(quota, names.getOrDefault(quota.product(), quota.product().toString()),
							counted.getOrDefault(quota.id(), 0L)))
					.toList();
			Map<UUID, Quota> quotaById = new HashMap<>();
			quotas.forEach(quota -> quotaById.put(quota.id(), quota));
			List<AdminView.JobView> jobs = new ArrayList<>();
			for (io.mintage.admin.Job job : opened.quotas().jobs()) {
				jobs.add(new AdminView.JobView(job, Optional.ofNullable(quotaById.get(job.quotaId())),
						Optional.ofNullable(firmwareById.get(job.firmwareId()))));
			}
			List<ImportedReport> reports = List.of();
			Optional<String> problem = Optional.empty();
			try {
				reports = opened.reports().list();
			} catch (AdminException e) {
				// the rest of the window is still of use
				problem = Optional.of("The production reports cannot be read: " + e.getMessage());
			}
			return new AdminView(AdminView.State.READY, problem, opened.home(), opened.authority().defaultKeystore(),
					opened.authority().find(), opened.stations().list(), products, quotaViews, jobs, reports,
					services.families().all(), notice, now);
		} catch (AdminException | RuntimeException e) {
			return failed(e, notice);
		}
	}

	/** The last view, said to be unreadable because of {@code cause}. */
	private AdminView failed(Exception cause, Optional<AdminView.Notice> notice) {
		AdminView last = view;
		return new AdminView(AdminView.State.FAILED,
				Optional.of("The admin database in " + home + " cannot be read: " + cause.getMessage()), home,
				last.defaultKeystore(), last.authority(), last.stations(), last.products(), last.quotas(), last.jobs(),
				last.reports(), last.families(), notice, clock.instant());
	}

	/** Devices counted under each quota by the production reports imported so far; none when they cannot be read. */
	private static Map<UUID, Long> countedByQuota(Admin admin) {
		try {
			return admin.quotas().counted();
		} catch (AdminException e) {
			// the reports' problem is said in the view; the quotas are shown as issued
			return Map.of();
		}
	}

	/** Hands the newest view to the listeners on the UI thread; a burst of changes makes one call. */
	private void publish() {
		if (closed || !publishQueued.compareAndSet(false, true)) {
			return;
		}
		try {
			ui.execute(() -> {
				publishQueued.set(false);
				AdminView current = view;
				for (Consumer<AdminView> listener : listeners) {
					listener.accept(current);
				}
			});
		} catch (RuntimeException e) {
			// the display is gone: the window closes
			publishQueued.set(false);
		}
	}

	/**
	 * Progress to the job's monitor (the status line), to {@link #work()} and to the caller's mirror (a
	 * wizard's bar); cancelled when either the job or the mirror is.
	 */
	private final class Progress implements ProgressMonitor {

		private static final int TICKS = 1000;

		private final String name;
		private final IProgressMonitor monitor;
		private final ProgressMonitor mirror;
		private boolean begun;
		private String task = "";
		private long total;
		private long done;
		private int ticked;

		Progress(String name, IProgressMonitor monitor, ProgressMonitor mirror) {
			this.name = name;
			this.monitor = monitor;
			this.mirror = mirror;
			work = new Work(name, name, 0, 0);
		}

		@Override
		public void begin(String newTask, long totalWork) {
			if (!begun) {
				monitor.beginTask(name, TICKS);
				begun = true;
			}
			monitor.subTask(newTask);
			task = newTask;
			total = totalWork;
			done = 0;
			if (mirror != null) {
				mirror.begin(newTask, totalWork);
			}
			work = new Work(name, task, done, total);
		}

		@Override
		public void worked(long amount) {
			done += amount;
			int ticks = total <= 0 ? 0 : (int) Math.min(TICKS, done * TICKS / total);
			if (ticks > ticked) {
				monitor.worked(ticks - ticked);
				ticked = ticks;
			}
			if (mirror != null) {
				mirror.worked(amount);
			}
			work = new Work(name, task, done, total);
		}

		@Override
		public boolean isCancelled() {
			return closed || monitor.isCanceled() || mirror != null && mirror.isCancelled();
		}
	}

	/** Jobs with this rule run one after another. */
	private static final class OneAtATime implements ISchedulingRule {
		@Override
		public boolean contains(ISchedulingRule rule) {
			return rule == this;
		}

		@Override
		public boolean isConflicting(ISchedulingRule rule) {
			return rule == this;
		}
	}
}
