package io.mintage.ui.station.model;

import java.util.Objects;
import java.util.Optional;

import io.mintage.station.engine.Production.JobSummary;
import io.mintage.station.engine.QuotaStatus;

/**
 * One job of the open run, as its block in the job panel shows it: a run of several jobs (one per MCU
 * family) has one of these per job, a run of one job has one.
 *
 * @param job     the accepted job
 * @param quota   its quota as the ledger counts it; empty until first read
 * @param stopped why the engine stopped this job (quota used up, expired, revoked), if it did: the
 *                other jobs of the run go on
 * @param banner  why this job cannot go on, in plain words with what to do, if so
 */
public record JobView(JobSummary job, Optional<QuotaStatus> quota, Optional<String> stopped, Optional<String> banner) {

	public JobView {
		Objects.requireNonNull(job, "job");
		Objects.requireNonNull(quota, "quota");
		Objects.requireNonNull(stopped, "stopped");
		Objects.requireNonNull(banner, "banner");
	}
}
