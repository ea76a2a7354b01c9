package io.mintage.ui.station.model;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;

import io.mintage.core.progress.ProgressMonitor;
import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerException;
import io.mintage.station.engine.DeviceBudget;
import io.mintage.station.engine.DeviceOutcome;
import io.mintage.station.engine.EngineListener;
import io.mintage.station.engine.Production;
import io.mintage.station.engine.Production.JobSummary;
import io.mintage.station.engine.ProductionEngine;
import io.mintage.station.engine.ProductionException;
import io.mintage.station.engine.QuotaStatus;
import io.mintage.station.engine.SiteAddress;
import io.mintage.station.engine.SiteStatus;
import io.mintage.trust.ReportEvent;

/**
 * The operator's window without its widgets: one production run (session) per window, its sites and
 * what to show of them. A run makes one job, or several at once — one per MCU family, each chip going
 * to the job of its family — when the station has several usable jobs of different families. Everything that touches a device, a key or a file runs in an Eclipse job —
 * each started site in a long-running job of its own around {@link ProductionEngine#run}, opening a
 * run, reading the ledger and writing a report in short ones — so the caller's thread (the UI thread)
 * never waits. What the engine reports on its threads is stored here and handed to the listeners as
 * one {@link StationView} through the {@code ui} executor; a burst of changes makes one view.
 *
 * <p>"Start" means what the operator expects of a fixture: the site waits for a device to answer and
 * begins as soon as one does, device after device, until Stop (which lets the current device finish).
 */
public final class StationModel implements AutoCloseable {

	/** How many log lines the model keeps (newest first); older ones drop off, so memory stays flat. */
	public static final int LOG_LIMIT = 2000;
	/** The family of every Eclipse job the model runs ({@link Job#belongsTo}). */
	public static final String JOB_FAMILY = "io.mintage.ui.station.jobs";

	/** How long a site may take to finish its device when the operator switches to another job. */
	private static final long GRACEFUL_STOP_MILLIS = 60_000;
	/** How long a cancelled site may take to give up its device when the window closes. */
	private static final long CANCEL_STOP_MILLIS = 10_000;
	/** Devices end in bursts across sites: one ledger read after the last of them. */
	private static final long REFRESH_DELAY_MILLIS = 100;
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private final Production production;
	private final Path station;
	private final Optional<String> sitesOverride;
	private final Executor ui;
	private final Clock clock;
	private final ProductionEngine.Options options;
	private final List<Consumer<StationView>> listeners = new CopyOnWriteArrayList<>();
	private final AtomicBoolean flushQueued = new AtomicBoolean();
	/** Opening and closing runs, and reports, one after another. */
	private final ISchedulingRule sessionRule = new OneAtATime();
	private final RefreshJob refresh = new RefreshJob();

	private final Object lock = new Object();
	// --- guarded by lock
	private StationView.State state = StationView.State.LOADING;
	private List<JobSummary> jobs = List.of();
	private Optional<JobSummary> job = Optional.empty();
	/** The jobs of the open (or last) run, in the engine's order. */
	private List<JobSummary> runJobs = List.of();
	private final Map<UUID, QuotaStatus> quotas = new HashMap<>();
	private final Map<UUID, String> stoppedJobs = new LinkedHashMap<>();
	/** The run is (or opens as) every usable job at once. */
	private boolean together;
	private Production.Session session;
	private String problem;
	private String stopped;
	private QuotaStatus quota;
	private SiteList siteList;
	private final List<Slot> slots = new ArrayList<>();
	private Tally shift = Tally.NONE;
	private Tally today = Tally.NONE;
	private Tally total = Tally.NONE;
	private Instant shiftStart;
	/** Newest first. */
	private final Deque<LogEntry> log = new ArrayDeque<>();
	private List<LogEntry> logView = List.of();
	private boolean logChanged;
	/** The last ledger sequence in the log; -1 before the first read of a run. */
	private long seenSequence = -1;
	private boolean startAllWhenOpen;
	private boolean closed;
	// ---

	private volatile StationView view;

	/**
	 * @param station       the station's state folder ({@code $MINTAGE_HOME/station})
	 * @param sitesOverride the value of {@code -Dmintage.sites}, if given (see {@link SiteList})
	 * @param ui            runs the listeners' calls on the UI thread ({@code Display::asyncExec})
	 */
	public StationModel(Production production, Path station, Optional<String> sitesOverride, Executor ui, Clock clock,
			ProductionEngine.Options options) {
		this.production = Objects.requireNonNull(production, "production");
		this.station = Objects.requireNonNull(station, "station");
		this.sitesOverride = Objects.requireNonNull(sitesOverride, "sitesOverride");
		this.ui = Objects.requireNonNull(ui, "ui");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.options = Objects.requireNonNull(options, "options");
		this.shiftStart = clock.instant();
		this.view = snapshot();
	}

	// --- what the window shows

	/** The last view handed to the listeners (the first one before anything happened). */
	public StationView view() {
		return view;
	}

	/** {@code listener} gets every new view, on the UI thread. */
	public void addListener(Consumer<StationView> listener) {
		listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	public void removeListener(Consumer<StationView> listener) {
		listeners.remove(listener);
	}

	// --- what the operator does

	/**
	 * Reads the accepted jobs and the site list, then opens the run of the only job that can produce (or
	 * the only job), or of every usable job together when they are of different MCU families; when two
	 * usable jobs make the same family, the operator {@linkplain #choose chooses}.
	 */
	public void load() {
		inBackground("Reading the station's jobs and sites", this::loadNow);
	}

	/** Opens the run of another job (sites must be stopped: the window offers the choice only then). */
	public void choose(UUID jobId) {
		Objects.requireNonNull(jobId, "jobId");
		inBackground("Opening the job", () -> openNow(List.of(jobId)));
	}

	/**
	 * Opens one run of every usable job at once, one per MCU family (sites must be stopped); refused in
	 * plain words when two of them make the same family.
	 */
	public void chooseAll() {
		inBackground("Opening every usable job", () -> openNow(List.of()));
	}

	/** Starts a site: it waits for a device, then programs device after device until stopped. */
	public void start(int site) {
		SiteJob toSchedule = null;
		synchronized (lock) {
			Slot slot = slotNumbered(site);
			if (slot == null || slot.job == null || closed || stopped != null || slot.wanted) {
				return;
			}
			slot.wanted = true;
			if (!slot.running) {
				slot.running = true;
				toSchedule = slot.job;
			}
			note("Site " + site + " started (" + slot.address + ")");
		}
		if (toSchedule != null) {
			toSchedule.schedule();
		}
		changed();
	}

	/** Stops a site once the device on it is done. */
	public void stop(int site) {
		SiteJob job;
		synchronized (lock) {
			Slot slot = slotNumbered(site);
			if (slot == null || slot.job == null || !slot.wanted) {
				return;
			}
			slot.wanted = false;
			job = slot.job;
			note("Site " + site + " stopped by the operator" + (slot.status.phase() == SiteStatus.Phase.WORKING
					? " (it finishes the device it has)" : ""));
		}
		if (job.getState() == Job.WAITING || job.getState() == Job.SLEEPING) {
			job.cancel();
		}
		job.run.engine().stop(site);
		changed();
	}

	/** Starts every site; while the run is still opening, every site starts once it is open. */
	public void startAll() {
		List<Integer> numbers = new ArrayList<>();
		synchronized (lock) {
			if (state == StationView.State.LOADING || state == StationView.State.OPENING) {
				startAllWhenOpen = true;
				return;
			}
			for (Slot slot : slots) {
				if (slot.job != null) {
					numbers.add(slot.number);
				}
			}
		}
		numbers.forEach(this::start);
	}

	public void stopAll() {
		List<Integer> numbers = new ArrayList<>();
		synchronized (lock) {
			startAllWhenOpen = false;
			for (Slot slot : slots) {
				if (slot.job != null) {
					numbers.add(slot.number);
				}
			}
		}
		numbers.forEach(this::stop);
	}

	/** Whether opening a run starts every site; kept in the site list file. */
	public void setAutoStart(boolean on) {
		synchronized (lock) {
			if (siteList == null || siteList.autoStart() == on) {
				return;
			}
			siteList = siteList.withAutoStart(on);
			note(on ? "Auto-start on: opening a job starts every site" : "Auto-start off");
		}
		saveSites();
		changed();
	}

	/** Starts a new shift now: the shift counters start from zero. */
	public void newShift() {
		synchronized (lock) {
			shiftStart = clock.instant();
			shift = Tally.NONE;
			note("New shift from " + TIME.format(shiftStart.atZone(zone())));
		}
		refresh.schedule();
		changed();
	}

	/**
	 * Adds a site (at the end) and saves the site list; with a run open it can start at once.
	 *
	 * @throws IllegalArgumentException in plain words when the site is listed already
	 */
	public void addSite(SiteAddress address) {
		Objects.requireNonNull(address, "address");
		synchronized (lock) {
			if (siteList == null) {
				throw new IllegalArgumentException("the site list is not read yet (or could not be read): "
						+ (problem == null ? "wait a moment" : problem));
			}
			siteList = siteList.withSite(address);
			Slot slot = new Slot(address);
			slots.add(slot);
			if (session != null) {
				attach(slot, session);
			} else {
				slot.number = slots.size();
				slot.status = idle(slot.number, address, "Open a job to start");
			}
			note("Site " + address + " added");
		}
		saveSites();
		changed();
	}

	/**
	 * Removes a stopped site from the list (its tile goes; the engine keeps the number until the next run).
	 *
	 * @throws IllegalStateException when the site still runs
	 */
	public void removeSite(SiteAddress address) {
		synchronized (lock) {
			Slot slot = slots.stream().filter(s -> s.address.equals(address)).findFirst().orElse(null);
			if (slot == null || siteList == null) {
				return;
			}
			if (slot.wanted || slot.running) {
				throw new IllegalStateException("site " + slot.number + " (" + address + ") still runs: stop it first");
			}
			slots.remove(slot);
			siteList = siteList.withoutSite(address);
			note("Site " + address + " removed");
		}
		saveSites();
		changed();
	}

	/**
	 * Writes the signed production report of the events since the last report to {@code file}; the
	 * future completes with the number of events, or with the reason it could not be written.
	 */
	public CompletableFuture<Long> exportReport(Path file) {
		Objects.requireNonNull(file, "file");
		CompletableFuture<Long> done = new CompletableFuture<>();
		inBackground("Writing the production report", () -> {
			Production.Session open;
			synchronized (lock) {
				open = session;
			}
			try {
				long events = open != null ? open.report(file) : production.report(station, file);
				synchronized (lock) {
					note("Production report of " + events + " events written to " + file);
				}
				done.complete(events);
			} catch (ProductionException | RuntimeException e) {
				synchronized (lock) {
					note("The production report could not be written to " + file + ": " + e.getMessage());
				}
				done.completeExceptionally(e);
			}
			changed();
		});
		return done;
	}

	/**
	 * Ends the run for good (the window closes): every site gives up its device at once (the ledger
	 * keeps an authorized device's record for its next attempt), then the run writes its checkpoint and
	 * releases keys and ledger. Waits for that; the only call here that does.
	 */
	@Override
	public void close() {
		synchronized (lock) {
			if (closed) {
				return;
			}
			closed = true;
		}
		refresh.cancel();
		closeNow(false);
	}

	// --- background work

	private void loadNow() {
		SiteList sites;
		try {
			sites = SiteList.load(station, sitesOverride);
		} catch (IOException e) {
			sites = null;
			synchronized (lock) {
				problem = "The site list cannot be read: " + e.getMessage();
				note(problem);
			}
		}
		List<JobSummary> found;
		try {
			found = production.jobs(station);
		} catch (ProductionException | RuntimeException e) {
			synchronized (lock) {
				siteList = sites;
				slotsFromList();
				state = StationView.State.NO_RUN;
				problem = "This station cannot produce yet: " + e.getMessage();
			}
			changed();
			return;
		}
		Optional<List<UUID>> pick = pick(found);
		synchronized (lock) {
			jobs = found;
			siteList = sites;
			if (session == null) {
				slotsFromList();
			}
			if (pick.isEmpty()) {
				state = StationView.State.NO_RUN;
				if (problem == null) {
					problem = found.isEmpty()
							? "No job is accepted on this station yet: accept one ('mintage station accept JOB.mjob')."
							: "Choose the job to produce.";
				}
			}
		}
		changed();
		if (pick.isPresent()) {
			openNow(pick.get());
		}
	}

	/**
	 * What to open: the only job, or else the only one with quota left and time to run (a list of its id),
	 * or every usable job together when there are several of different families (an empty list).
	 */
	private Optional<List<UUID>> pick(List<JobSummary> found) {
		if (found.size() == 1) {
			return Optional.of(List.of(found.get(0).id()));
		}
		List<JobSummary> usable = usable(found);
		if (usable.size() == 1) {
			return Optional.of(List.of(usable.get(0).id()));
		}
		return usable.size() > 1 && ofDifferentFamilies(usable) ? Optional.of(List.of()) : Optional.empty();
	}

	/** Quota left and time to run (the engine checks revocation when it opens them). */
	private List<JobSummary> usable(List<JobSummary> found) {
		Instant now = clock.instant();
		return found.stream().filter(j -> j.used() < j.count() && j.validUntil().isAfter(now)).toList();
	}

	private static boolean ofDifferentFamilies(List<JobSummary> some) {
		return some.stream().map(JobSummary::family).distinct().count() == some.size();
	}

	/** Opens the run of the jobs named, or of every usable job when {@code jobIds} is empty. */
	private void openNow(List<UUID> jobIds) {
		closeNow(true);
		synchronized (lock) {
			if (closed) {
				return;
			}
			state = StationView.State.OPENING;
			together = jobIds.isEmpty();
			job = jobIds.isEmpty() ? Optional.empty() : jobs.stream().filter(j -> j.id().equals(jobIds.get(0))).findFirst();
			runJobs = job.map(List::of).orElse(List.of());
			quotas.clear();
			stoppedJobs.clear();
			problem = null;
			stopped = null;
			quota = null;
			shift = Tally.NONE;
			today = Tally.NONE;
			total = Tally.NONE;
		}
		changed();
		Production.Session opened;
		try {
			opened = jobIds.size() == 1 ? production.open(station, Optional.of(jobIds.get(0)), options)
					: production.open(station, jobIds, options);
		} catch (ProductionException | RuntimeException e) {
			synchronized (lock) {
				state = StationView.State.NO_RUN;
				problem = jobIds.isEmpty() ? "The usable jobs cannot be opened together: " + e.getMessage()
						: "Job '" + job.map(JobSummary::name).orElse(jobIds.get(0).toString()) + "' cannot be opened: "
								+ e.getMessage();
				note(problem);
				startAllWhenOpen = false;
			}
			changed();
			return;
		}
		boolean startEverySite;
		synchronized (lock) {
			if (closed) {
				closeQuietly(opened);
				return;
			}
			session = opened;
			runJobs = summaries(opened);
			job = runJobs.stream().findFirst();
			if (siteList == null) {
				slotsFromList();
			}
			for (Slot slot : slots) {
				attach(slot, opened);
			}
			state = StationView.State.OPEN;
			String sitesText = slots.size() + " site" + (slots.size() == 1 ? "" : "s");
			note(runJobs.size() == 1 ? "Job '" + opened.engine().job().name() + "' open with " + sitesText
					: "Jobs " + opened.engine().jobs().stream().map(j -> "'" + j.name() + "' (" + j.family() + ")")
							.collect(Collectors.joining(", ")) + " open together with " + sitesText
							+ ": each chip goes to the job of its family");
			startEverySite = startAllWhenOpen || (siteList != null && siteList.autoStart());
			startAllWhenOpen = false;
		}
		opened.engine().addListener(new EngineEvents(opened));
		refreshNow(opened);
		changed();
		if (startEverySite) {
			startAll();
		}
	}

	/** The run's jobs as the station lists them, in the engine's order; under lock. */
	private List<JobSummary> summaries(Production.Session run) {
		List<JobSummary> found = new ArrayList<>();
		for (var one : run.engine().jobs()) {
			jobs.stream().filter(j -> j.id().equals(one.id())).findFirst().ifPresent(found::add);
		}
		return List.copyOf(found);
	}

	/** Puts a slot's site into the engine of the run; under lock. */
	private void attach(Slot slot, Production.Session run) {
		try {
			slot.number = run.engine().addSite(slot.address);
			slot.status = run.engine().sites().get(slot.number - 1);
			slot.job = new SiteJob(run, slot);
			slot.problem = null;
		} catch (IllegalArgumentException e) {
			slot.number = 0;
			slot.problem = e.getMessage();
			slot.status = idle(0, slot.address, "This station cannot use this site");
		}
	}

	/** Tiles for the site list, before any run; under lock. */
	private void slotsFromList() {
		slots.clear();
		if (siteList == null) {
			return;
		}
		for (SiteAddress address : siteList.sites()) {
			Slot slot = new Slot(address);
			slot.number = slots.size() + 1;
			slot.status = idle(slot.number, address, "Open a job to start");
			slots.add(slot);
		}
	}

	/**
	 * Closes the open run, if any: {@code graceful} lets every site finish its device, else each gives
	 * it up at once.
	 */
	private void closeNow(boolean graceful) {
		Production.Session old;
		List<SiteJob> running = new ArrayList<>();
		synchronized (lock) {
			old = session;
			if (old == null) {
				return;
			}
			session = null;
			for (Slot slot : slots) {
				if (slot.job != null) {
					running.add(slot.job);
				}
				slot.wanted = false;
				slot.job = null;
			}
		}
		old.engine().stopAll();
		for (SiteJob site : running) {
			if (!graceful) {
				site.cancel();
			}
			join(site, graceful ? GRACEFUL_STOP_MILLIS : CANCEL_STOP_MILLIS);
			if (graceful && site.getState() != Job.NONE) {
				site.cancel();
				join(site, CANCEL_STOP_MILLIS);
			}
		}
		try {
			old.close();
		} catch (ProductionException e) {
			synchronized (lock) {
				note("Closing the run: " + e.getMessage());
			}
		}
		synchronized (lock) {
			for (Slot slot : slots) {
				slot.running = false;
			}
			if (!closed) {
				slotsFromList();
				state = StationView.State.NO_RUN;
			}
		}
		changed();
	}

	private static void join(Job job, long millis) {
		try {
			job.join(millis, null);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void closeQuietly(Production.Session run) {
		try {
			run.close();
		} catch (ProductionException | RuntimeException e) {
			// the window closed while the run opened: nothing was produced in it
		}
	}

	/** Reads quota, counters and the new ledger events of the run. */
	private void refreshNow(Production.Session run) {
		List<UUID> jobIds = run.engine().jobs().stream().map(j -> j.id()).toList();
		Instant midnight = LocalDate.now(clock.withZone(zone())).atStartOfDay(zone()).toInstant();
		Instant shiftFrom;
		long seen;
		synchronized (lock) {
			shiftFrom = shiftStart;
			seen = seenSequence;
		}
		try {
			Ledger ledger = run.ledger();
			Map<UUID, QuotaStatus> latestQuotas = new HashMap<>();
			Tally sinceShift = Tally.NONE;
			Tally sinceMidnight = Tally.NONE;
			Tally ever = Tally.NONE;
			for (UUID jobId : jobIds) {
				latestQuotas.put(jobId, run.engine().quota(jobId));
				Ledger.Counters shiftCounters = ledger.counters(Optional.of(jobId), shiftFrom);
				sinceShift = sinceShift.plus(Tally.since(shiftCounters));
				ever = ever.plus(Tally.total(shiftCounters));
				sinceMidnight = sinceMidnight.plus(Tally.since(ledger.counters(Optional.of(jobId), midnight)));
			}
			Deque<ReportEvent> fresh = new ArrayDeque<>();
			if (seen < 0) {
				fresh.addAll(ledger.latest(LOG_LIMIT));
			} else {
				ledger.forEach(seen + 1, event -> {
					fresh.addLast(event);
					if (fresh.size() > LOG_LIMIT) {
						fresh.removeFirst();
					}
				});
			}
			synchronized (lock) {
				if (session != run) {
					return;
				}
				quotas.putAll(latestQuotas);
				quota = latestQuotas.get(jobIds.get(0));
				shift = shiftFrom.equals(shiftStart) ? sinceShift : shift;
				today = sinceMidnight;
				total = ever;
				for (ReportEvent event : fresh) {
					if (event.sequence() > seenSequence) {
						addToLog(LogEntry.of(event));
						seenSequence = event.sequence();
					}
				}
				if (seenSequence < 0) {
					seenSequence = ledger.lastSequence();
				}
			}
		} catch (LedgerException | RuntimeException e) {
			synchronized (lock) {
				if (session == run) {
					note("The ledger cannot be read: " + e.getMessage());
				}
			}
		}
		changed();
	}

	// --- state, under lock

	private Slot slotNumbered(int number) {
		for (Slot slot : slots) {
			if (slot.number == number && slot.job != null) {
				return slot;
			}
		}
		return null;
	}

	private void note(String text) {
		addToLog(LogEntry.note(clock.instant(), text));
	}

	private void addToLog(LogEntry entry) {
		log.addFirst(entry);
		while (log.size() > LOG_LIMIT) {
			log.removeLast();
		}
		logChanged = true;
	}

	private static SiteStatus idle(int number, SiteAddress address, String advice) {
		return new SiteStatus(number, address, SiteStatus.Phase.IDLE, Optional.empty(), 0,
				SiteStatus.Phase.IDLE.label(), advice, Optional.empty(), OptionalLong.empty());
	}

	private ZoneId zone() {
		return clock.getZone();
	}

	/** Writes the site list as it is when the job runs, so saves that overtake each other still end with the latest. */
	private void saveSites() {
		inBackground("Saving the site list", () -> {
			SiteList list;
			synchronized (lock) {
				list = siteList;
			}
			try {
				if (list != null) {
					list.save();
				}
			} catch (IOException e) {
				synchronized (lock) {
					note("The site list could not be saved to " + list.file().map(Path::toString).orElse("") + ": "
							+ e.getMessage());
				}
				changed();
			}
		});
	}

	// --- handing views to the UI thread

	/** Something changed: one view is made on the UI thread for however many changes come before it runs. */
	private void changed() {
		if (flushQueued.compareAndSet(false, true)) {
			try {
				ui.execute(this::flush);
			} catch (RuntimeException e) {
				// the UI is gone (the window closed): nobody to show it to
				flushQueued.set(false);
			}
		}
	}

	private void flush() {
		flushQueued.set(false);
		StationView next = snapshot();
		view = next;
		for (Consumer<StationView> listener : listeners) {
			listener.accept(next);
		}
	}

	private StationView snapshot() {
		synchronized (lock) {
			List<SiteView> sites = new ArrayList<>();
			for (Slot slot : slots) {
				sites.add(new SiteView(slot.number, slot.address, slot.status, slot.wanted, slot.running,
						Optional.ofNullable(slot.problem)));
			}
			if (logChanged) {
				logView = List.copyOf(log);
				logChanged = false;
			}
			List<JobView> run = new ArrayList<>();
			for (JobSummary one : runJobs) {
				Optional<QuotaStatus> left = Optional.ofNullable(quotas.get(one.id()));
				Optional<String> jobStopped = Optional.ofNullable(stoppedJobs.get(one.id()));
				run.add(new JobView(one, left, jobStopped, jobBanner(one, left, jobStopped)));
			}
			List<JobSummary> usable = usable(jobs);
			return new StationView(state, jobs, job, Optional.ofNullable(problem), banner(), Optional.ofNullable(stopped),
					Optional.ofNullable(quota), run, together, usable.size() > 1 && ofDifferentFamilies(usable),
					sites, shift, today, total, shiftStart, logView, siteList != null && siteList.autoStart(),
					siteList != null && siteList.file().isEmpty());
		}
	}

	/** Why production cannot go on, in plain words; under lock. */
	private Optional<String> banner() {
		if (stopped != null) {
			return Optional.of("Production has stopped: " + stopped);
		}
		if (job.isEmpty() || state != StationView.State.OPEN || runJobs.size() > 1) {
			// a run of several jobs says it in each job's block: the others go on
			return Optional.empty();
		}
		String name = job.get().name();
		if (quota != null && quota.left() == 0) {
			return Optional.of("The quota of job '" + name + "' is used up: all " + quota.count() + " serials are signed. "
					+ "Only devices that have their record already can be programmed again; ask the admin for a new job.");
		}
		if (!job.get().validUntil().isAfter(clock.instant())) {
			return Optional.of("Job '" + name + "' expired on " + DateTimeFormatter.ISO_LOCAL_DATE.format(
					job.get().validUntil().atZone(zone())) + ": the station signs no more records for it. Ask the admin "
					+ "for a new job.");
		}
		return Optional.empty();
	}

	/** Why one job of a run of several cannot go on, in plain words; under lock. */
	private Optional<String> jobBanner(JobSummary one, Optional<QuotaStatus> left, Optional<String> jobStopped) {
		if (runJobs.size() < 2 || state != StationView.State.OPEN) {
			return Optional.empty();
		}
		if (jobStopped.isPresent()) {
			return Optional.of("Stopped: " + jobStopped.get() + ". Chips of the other families go on.");
		}
		if (left.isPresent() && left.get().left() == 0) {
			return Optional.of("Quota used up: all " + left.get().count() + " serials are signed. Ask the admin for a "
					+ "new job.");
		}
		if (!one.validUntil().isAfter(clock.instant())) {
			return Optional.of("Expired on " + DateTimeFormatter.ISO_LOCAL_DATE.format(one.validUntil().atZone(zone()))
					+ ": no more records for it. Ask the admin for a new job.");
		}
		return Optional.empty();
	}

	private void inBackground(String name, Runnable work) {
		Job job = new Job(name) {
			@Override
			protected IStatus run(IProgressMonitor monitor) {
				work.run();
				return Status.OK_STATUS;
			}

			@Override
			public boolean belongsTo(Object family) {
				return JOB_FAMILY.equals(family);
			}
		};
		job.setRule(sessionRule);
		job.schedule();
	}

	/** One site of the open run, or of the site list when no run is open. */
	private static final class Slot {
		final SiteAddress address;
		/** As the engine numbers it; 0 when the engine could not take it. */
		int number;
		SiteStatus status;
		SiteJob job;
		boolean wanted;
		/** Its job is scheduled or running (set when scheduled, cleared when it is done). */
		boolean running;
		String problem;

		Slot(SiteAddress address) {
			this.address = address;
		}
	}

	/** A started site: {@link ProductionEngine#run} on this job's thread until the site stops. */
	private final class SiteJob extends Job {

		final Production.Session run;
		private final Slot slot;
		private volatile IProgressMonitor monitor;

		SiteJob(Production.Session run, Slot slot) {
			super("Site " + slot.number + " (" + slot.address + ")");
			this.run = run;
			this.slot = slot;
			setPriority(LONG);
			addJobChangeListener(new JobChangeAdapter() {
				@Override
				public void done(IJobChangeEvent event) {
					siteJobDone(SiteJob.this, event.getResult());
				}
			});
		}

		@Override
		protected IStatus run(IProgressMonitor progress) {
			monitor = progress;
			progress.beginTask(getName(), IProgressMonitor.UNKNOWN);
			try {
				run.engine().run(slot.number, DeviceBudget.unlimited(), new ProgressMonitor() {
					@Override
					public void begin(String task, long totalWork) {
					}

					@Override
					public void worked(long work) {
					}

					@Override
					public boolean isCancelled() {
						return progress.isCanceled();
					}
				});
				return Status.OK_STATUS;
			} catch (RuntimeException e) {
				return Status.error("site " + slot.number + " (" + slot.address + ") stopped on an unexpected error: " + e,
						e);
			} finally {
				monitor = null;
				progress.done();
			}
		}

		/** The tile's headline as the job's progress text; on this job's thread. */
		void show(String headline) {
			IProgressMonitor current = monitor;
			if (current != null) {
				current.subTask(headline);
			}
		}

		@Override
		public boolean belongsTo(Object family) {
			return JOB_FAMILY.equals(family);
		}
	}

	private void siteJobDone(SiteJob site, IStatus result) {
		boolean again;
		synchronized (lock) {
			if (site.slot.job != site) {
				return;
			}
			site.slot.running = false;
			if (result != null && result.getSeverity() == IStatus.ERROR) {
				note(result.getMessage());
			}
			again = site.slot.wanted && !closed && session == site.run && stopped == null
					&& site.run.engine().jobStopped().isEmpty() && result != null && result.isOK();
			if (again) {
				// stopped and started again before its device was done: it runs on
				site.slot.running = true;
			} else {
				site.slot.wanted = false;
			}
		}
		if (again) {
			site.schedule();
		}
		changed();
	}

	/** The engine of one run, on its threads. */
	private final class EngineEvents implements EngineListener {

		private final Production.Session of;

		EngineEvents(Production.Session of) {
			this.of = of;
		}

		@Override
		public void siteChanged(SiteStatus status) {
			boolean stopAgain;
			SiteJob site;
			synchronized (lock) {
				if (session != of) {
					return;
				}
				Slot slot = slotNumbered(status.site());
				if (slot == null) {
					return;
				}
				slot.status = status;
				// a Stop that came as the site's run began is repeated: the run clears the earlier one
				stopAgain = !slot.wanted && status.phase() == SiteStatus.Phase.WAITING;
				site = slot.job;
			}
			if (stopAgain) {
				of.engine().stop(status.site());
			}
			if (site != null) {
				site.show(status.headline());
			}
			changed();
		}

		@Override
		public void deviceFinished(DeviceOutcome outcome) {
			refresh.schedule(REFRESH_DELAY_MILLIS);
		}

		@Override
		public void quotaChanged(UUID jobId, QuotaStatus latest) {
			synchronized (lock) {
				if (session == of) {
					quotas.put(jobId, latest);
					if (job.isPresent() && job.get().id().equals(jobId)) {
						quota = latest;
					}
				}
			}
			refresh.schedule(REFRESH_DELAY_MILLIS);
			changed();
		}

		@Override
		public void jobStopped(String reason) {
			synchronized (lock) {
				if (session != of) {
					return;
				}
				for (JobSummary one : runJobs) {
					of.engine().jobStopped(one.id()).ifPresent(why -> stoppedJobs.putIfAbsent(one.id(), why));
				}
				if (stoppedJobs.size() < runJobs.size()) {
					// the engine stops the sites only when no job of the run can go on
					note("Production of one job stopped: " + reason + " (the other jobs of the run go on)");
				} else {
					stopped = reason;
					note("Production stopped: " + reason);
					for (Slot slot : slots) {
						slot.wanted = false;
					}
				}
			}
			refresh.schedule(REFRESH_DELAY_MILLIS);
			changed();
		}
	}

	/** Reads the ledger for the open run; scheduled again while waiting, it runs once. */
	private final class RefreshJob extends Job {

		RefreshJob() {
			super("Reading the production ledger");
			setSystem(true);
		}

		@Override
		protected IStatus run(IProgressMonitor monitor) {
			Production.Session run;
			synchronized (lock) {
				run = session;
			}
			if (run != null) {
				refreshNow(run);
			}
			return Status.OK_STATUS;
		}

		@Override
		public boolean belongsTo(Object family) {
			return JOB_FAMILY.equals(family);
		}
	}

	/** A scheduling rule only one job holds at a time. */
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
