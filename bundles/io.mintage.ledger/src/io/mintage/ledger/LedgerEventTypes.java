package io.mintage.ledger;

import java.util.List;

/**
 * The ledger's event types. Persisted in the ledger and carried by production reports (docs/formats.md,
 * "Station ledger"): never renamed; a new kind of event gets a new name.
 */
public final class LedgerEventTypes {

	/** A job package was accepted by the station; detail: the job's name. */
	public static final String JOB_ACCEPTED = "job-accepted";
	/** A serial was reserved and the device record signed for a chip UID (one per job and UID). */
	public static final String DEVICE_AUTHORIZED = "device-authorized";
	/** A chip authorized before came back: it gets the same record again, no quota is used. */
	public static final String DEVICE_REWORK = "device-rework";
	/** The device was programmed, its record written and verified (and protected if the job asks). */
	public static final String DEVICE_COMPLETED = "device-completed";
	/** Programming the device failed after it was authorized; detail: why, in plain words. */
	public static final String DEVICE_FAILED = "device-failed";
	/** The station key's signature over the chain hash of the event before it. */
	public static final String CHECKPOINT = "checkpoint";

	/** Every type above, in the order docs/formats.md lists them. */
	public static final List<String> ALL = List.of(JOB_ACCEPTED, DEVICE_AUTHORIZED, DEVICE_REWORK, DEVICE_COMPLETED,
			DEVICE_FAILED, CHECKPOINT);

	private LedgerEventTypes() {
	}
}
