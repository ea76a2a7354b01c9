package io.mintage.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;

/**
 * Quotas and jobs. Serial ranges of one product never overlap across all its quotas: two devices with the
 * same serial would both verify and the royalty count could not tell them apart. Nothing is issued for a
 * revoked station.
 */
public interface Quotas {

	/**
	 * Issues a quota key: allocates the range (or checks the one asked for), signs, records, in one step
	 * that other issuers (threads, processes) wait for.
	 */
	IssuedQuota issue(QuotaRequest request) throws AdminException;

	/** Issues a job package with a new quota or a quota key issued before, and records both. */
	IssuedJob issueJob(JobRequest request, ProgressMonitor monitor) throws AdminException, OperationCancelledException;

	/** Every quota, oldest first. */
	List<Quota> list() throws AdminException;

	Optional<Quota> find(UUID id) throws AdminException;

	/** The quota key file as issued, to hand over again; refused for a quota imported without it. */
	byte[] quotaKey(UUID quotaId) throws AdminException;

	/**
	 * The devices counted under each quota by the production reports imported so far (accepted and flagged
	 * ones; a rejected report counts nothing), by quota id; a quota without counted devices is absent.
	 * What is left of a quota is its count minus this.
	 */
	Map<UUID, Long> counted() throws AdminException;

	/** Every job package, oldest first. */
	List<Job> jobs() throws AdminException;

	/** The job package file as issued, to hand over again. */
	byte[] jobPackage(UUID jobId) throws AdminException;
}
