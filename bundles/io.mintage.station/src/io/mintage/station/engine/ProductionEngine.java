package io.mintage.station.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.mintage.core.DeviceUid;
import io.mintage.core.mcu.McuFamilies;
import io.mintage.core.probe.ProbeDriver;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerException;

/**
 * The production engine of one job: N sites, each programming device after device through its probe,
 * all on one ledger. The pipeline per device is connect → identify (the job's family) → read
 * protection → UID → authorize (serial reserved and record signed, durable in the ledger before the
 * device is touched further) → erase → program → record → verify → protect → complete. A UID that
 * has its record already gets the same record again and uses no quota.
 *
 * <p>Each site runs on the thread that calls {@link #run}: a command gives every site a thread, a UI an
 * Eclipse job. Stopping a site lets its current device finish; cancelling the monitor given to
 * {@code run} aborts it (the ledger keeps the device's record for the next attempt).
 */
public final class ProductionEngine {

	/** Finds the probe driver of a type ({@code stm32uart}, {@code lpcisp}). */
	public interface Probes {
		Optional<ProbeDriver> find(String type);
	}

	/** Tunables; the defaults suit a factory. */
	public record Options(Duration pollInterval, int retriesAfterLostContact, int checkpointEvery) {

		public static Options defaults() {
			return new Options(Duration.ofMillis(250), 2, 256);
		}

		public Options {
			Objects.requireNonNull(pollInterval, "pollInterval");
			if (retriesAfterLostContact < 0 || checkpointEvery < 1) {
				throw new IllegalArgumentException("retries are not negative and checkpoints come every 1 or more events");
			}
		}
	}

	/**
	 * One job of a run and the station's keys for it. A run may make several products at once, one job
	 * per MCU family: each chip goes to the job of its family.
	 */
	public record Lane(ProductionJob job, RecordAuthority records) {

		public Lane {
			Objects.requireNonNull(job, "job");
			Objects.requireNonNull(records, "records");
		}
	}

	private final List<Lane> lanes;
	private final Map<String, Lane> byFamily = new ConcurrentHashMap<>();
	/** Why each stopped job stopped, by job. */
	private final Map<java.util.UUID, String> stoppedJobs = new ConcurrentHashMap<>();
	private final Ledger ledger;
	private final Probes probes;
	private final McuFamilies families;
	private final Clock clock;
	private final Options options;
	private final List<SiteWorker> sites = new CopyOnWriteArrayList<>();
	private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
	/** The UIDs some site is working on now, with the site: two sites never work on one chip. */
	private final Map<DeviceUid, Integer> busy = new ConcurrentHashMap<>();
	private final AtomicReference<String> stopped = new AtomicReference<>();
	private final Object ledgerLock = new Object();
	/** The ledger sequence of the last checkpoint this engine wrote; guarded by ledgerLock. */
	private long checkpointedAt = -1;

	public ProductionEngine(ProductionJob job, Ledger ledger, RecordAuthority records, Probes probes,
			McuFamilies families, Clock clock, Options options) {
		this(List.of(new Lane(job, records)), ledger, probes, families, clock, options);
	}

	/**
	 * @throws IllegalArgumentException when there is no job, two jobs make devices of one family, or a
	 *                                  job's family is not installed
	 */
	public ProductionEngine(List<Lane> lanes, Ledger ledger, Probes probes, McuFamilies families, Clock clock,
			Options options) {
		this.lanes = List.copyOf(lanes);
		this.ledger = Objects.requireNonNull(ledger, "ledger");
		this.probes = Objects.requireNonNull(probes, "probes");
		this.families = Objects.requireNonNull(families, "families");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.options = Objects.requireNonNull(options, "options");
		if (this.lanes.isEmpty()) {
			throw new IllegalArgumentException("a run needs at least one job");
		}
		for (Lane lane : this.lanes) {
			String family = lane.job().family();
			if (families.find(family).isEmpty()) {
				throw new IllegalArgumentException(lane.job() + " makes " + family + " devices, but no such MCU family is "
						+ "installed in this station");
			}
			Lane other = byFamily.putIfAbsent(family, lane);
			if (other != null) {
				throw new IllegalArgumentException(other.job() + " and " + lane.job() + " both make " + family
						+ " devices: a run takes one job per MCU family; choose one");
			}
		}
	}

	/** The first job of the run; a run of one job has only it. */
	public ProductionJob job() {
		return lanes.get(0).job();
	}

	/** Every job of the run, one per MCU family. */
	public List<ProductionJob> jobs() {
		return lanes.stream().map(Lane::job).toList();
	}

	/**
	 * Adds a site; its number is returned (from 1).
	 *
	 * @throws IllegalArgumentException when no probe of the site's type is installed
	 */
	public int addSite(SiteAddress address) {
		var probe = probes.find(address.probe()).orElseThrow(() -> new IllegalArgumentException(
				"site " + address + ": no probe '" + address.probe() + "' is installed"));
		synchronized (sites) {
			int number = sites.size() + 1;
			sites.add(new SiteWorker(this, number, address, probe));
			return number;
		}
	}

	public List<SiteStatus> sites() {
		List<SiteStatus> all = new ArrayList<>();
		for (SiteWorker site : sites) {
			all.add(site.status());
		}
		return all;
	}

	public void addListener(EngineListener listener) {
		listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	public void removeListener(EngineListener listener) {
		listeners.remove(listener);
	}

	/**
	 * Runs one site on the calling thread until it is stopped, the budget is used up, the job stops or
	 * {@code cancel} is cancelled (which aborts the current device).
	 */
	public void run(int site, DeviceBudget budget, ProgressMonitor cancel) {
		worker(site).run(budget, cancel);
	}

	/** Asks a site to stop once its current device is done. */
	public void stop(int site) {
		worker(site).stop();
	}

	public void stopAll() {
		sites.forEach(SiteWorker::stop);
	}

	/**
	 * Why production stopped — the job of a one-job run, or every job of a run — (quota used up,
	 * expired, revoked, ledger unwritable), if it did.
	 */
	public Optional<String> jobStopped() {
		return Optional.ofNullable(stopped.get());
	}

	/** Why one job of the run stopped, if it did. */
	public Optional<String> jobStopped(java.util.UUID job) {
		return Optional.ofNullable(stoppedJobs.get(job));
	}

	/** The quota of the first job. */
	public QuotaStatus quota() throws LedgerException {
		return quota(job().id());
	}

	public QuotaStatus quota(java.util.UUID job) throws LedgerException {
		Lane lane = lanes.stream().filter(l -> l.job().id().equals(job)).findFirst()
				.orElseThrow(() -> new IllegalArgumentException("job " + job + " is not part of this run"));
		return new QuotaStatus(lane.job().serials().count(), ledger.used(job));
	}

	/** Writes a checkpoint now (a run's end); the engine writes one every {@code checkpointEvery} events as well. */
	public void checkpoint() throws LedgerException {
		synchronized (ledgerLock) {
			checkpointedAt = ledger.checkpoint(lanes.get(0).records()::signCheckpoint).sequence();
		}
	}

	/** Under ledgerLock: a checkpoint when {@code checkpointEvery} events came since the last one. */
	void checkpointIfDue() throws LedgerException {
		if (checkpointedAt < 0) {
			checkpointedAt = ledger.lastSequence();
		}
		if (ledger.lastSequence() - checkpointedAt >= options.checkpointEvery()) {
			checkpointedAt = ledger.checkpoint(lanes.get(0).records()::signCheckpoint).sequence();
		}
	}

	private SiteWorker worker(int site) {
		if (site < 1 || site > sites.size()) {
			throw new IllegalArgumentException("there is no site " + site + "; sites are 1 to " + sites.size());
		}
		return sites.get(site - 1);
	}

	// --- for the site workers

	Ledger ledger() {
		return ledger;
	}

	Object ledgerLock() {
		return ledgerLock;
	}

	/** The lane that makes devices of a family, if the run has one. */
	Optional<Lane> laneFor(String family) {
		return Optional.ofNullable(byFamily.get(family));
	}

	McuFamilies families() {
		return families;
	}

	Clock clock() {
		return clock;
	}

	Options options() {
		return options;
	}

	/** Claims a UID for a site; the site that has it already when another one does. */
	Optional<Integer> claim(DeviceUid uid, int site) {
		Integer holder = busy.putIfAbsent(uid, site);
		return holder == null || holder == site ? Optional.empty() : Optional.of(holder);
	}

	void release(DeviceUid uid, int site) {
		busy.remove(uid, site);
	}

	/**
	 * Stops one job, once, with the first reason; when no job of the run can go on, every site stops.
	 * A ledger that cannot be written stops them all ({@code job} empty).
	 */
	void stopJob(Optional<ProductionJob> job, String reason) {
		List<ProductionJob> stopping = job.map(List::of).orElse(jobs());
		boolean first = false;
		for (ProductionJob one : stopping) {
			first |= stoppedJobs.putIfAbsent(one.id(), reason) == null;
		}
		if (first) {
			listeners.forEach(l -> l.jobStopped(reason));
		}
		if (stoppedJobs.size() == lanes.size() && stopped.compareAndSet(null, reason)) {
			stopAll();
		}
	}

	void siteChanged(SiteStatus status) {
		listeners.forEach(l -> l.siteChanged(status));
	}

	void deviceFinished(DeviceOutcome outcome) {
		listeners.forEach(l -> l.deviceFinished(outcome));
	}

	void quotaChanged(ProductionJob job) {
		if (listeners.isEmpty()) {
			return;
		}
		try {
			QuotaStatus quota = quota(job.id());
			listeners.forEach(l -> l.quotaChanged(job.id(), quota));
		} catch (LedgerException e) {
			// the next device reads it again; a failing ledger stops the job where it is written
		}
	}
}
