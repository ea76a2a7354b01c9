package io.mintage.ui.station.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.mintage.station.engine.Production.JobSummary;
import io.mintage.station.engine.QuotaStatus;

/**
 * Everything the operator's window shows, at one moment: immutable, made on the UI thread from the
 * model's state each time something changed. Parts compare the pieces they show with the last view's
 * (the log list is the same object until a line is added) and redraw only what changed.
 *
 * @param jobs       the station's accepted jobs, for the job choice
 * @param job        the job of the open (or opening) run
 * @param problem    why no run is open, or what went wrong last, in plain words with what to do
 * @param banner     why production cannot go on (the job stopped, its quota is used up, it expired)
 * @param jobStopped why the engine stopped the job for every site (quota used up, expired, revoked,
 *                   ledger unwritable), if it did: no site can start again in this run
 * @param quota      the open job's quota as the ledger counts it (the first job's, in a run of several)
 * @param run        every job of the open (or last) run with its own quota and banner, in the engine's order
 * @param together   the run is (or opens as) every usable job at once, one per MCU family
 * @param canRunTogether the station has several usable jobs of different families, which can run together
 * @param sites      one per site, in tile order
 * @param shift      devices since {@code shiftStart}; {@code today} since local midnight; {@code total} ever
 * @param log        the latest events, newest first, at most {@link StationModel#LOG_LIMIT}
 * @param sitesFixed the sites come from {@code -Dmintage.sites}: adding or removing one lasts this run only
 */
public record StationView(State state, List<JobSummary> jobs, Optional<JobSummary> job, Optional<String> problem,
		Optional<String> banner, Optional<String> jobStopped, Optional<QuotaStatus> quota, List<JobView> run, boolean together,
		boolean canRunTogether, List<SiteView> sites, Tally shift, Tally today,
		Tally total, Instant shiftStart, List<LogEntry> log, boolean autoStart, boolean sitesFixed) {

	/** Where the window is with its run. */
	public enum State {
		/** Reading the accepted jobs and the site list. */
		LOADING,
		/** No run: no job is accepted, none is chosen, or the station is not set up (see problem). */
		NO_RUN,
		/** Opening the chosen job's run (keys, ledger). */
		OPENING,
		/** A run is open: sites can be started. */
		OPEN
	}

	public StationView {
		Objects.requireNonNull(state, "state");
		jobs = List.copyOf(jobs);
		Objects.requireNonNull(job, "job");
		Objects.requireNonNull(problem, "problem");
		Objects.requireNonNull(banner, "banner");
		Objects.requireNonNull(jobStopped, "jobStopped");
		Objects.requireNonNull(quota, "quota");
		run = List.copyOf(run);
		sites = List.copyOf(sites);
		Objects.requireNonNull(shift, "shift");
		Objects.requireNonNull(today, "today");
		Objects.requireNonNull(total, "total");
		Objects.requireNonNull(shiftStart, "shiftStart");
		Objects.requireNonNull(log, "log");
	}

	public boolean open() {
		return state == State.OPEN;
	}

	/** The open run makes several jobs at once (one per MCU family). */
	public boolean severalJobs() {
		return run.size() > 1;
	}

	/** Sites can start: a run is open and its job has not stopped. */
	public boolean canProduce() {
		return state == State.OPEN && jobStopped.isEmpty();
	}

	/** Start all makes sense: a run is open (or opening, when it starts once open) and some site is not started. */
	public boolean canStartAll() {
		return (canProduce() || state == State.OPENING) && sites.stream().anyMatch(s -> s.canStart(true));
	}

	public boolean canStopAll() {
		return sites.stream().anyMatch(SiteView::canStop);
	}
}
