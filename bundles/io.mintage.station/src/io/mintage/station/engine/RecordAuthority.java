package io.mintage.station.engine;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;

/**
 * What the engine needs of the station's keys for one job: whether the job may still be used, a
 * signed device record, the check a chip will make of it, and the station key's signature of ledger
 * checkpoints. Implementations hold the keys open for the whole run and never show them.
 */
public interface RecordAuthority {

	/**
	 * @throws JobStoppedException when the job cannot be used any more (expired, station revoked or its
	 *                             certificate expired), with the reason in plain words
	 */
	void checkUsable() throws JobStoppedException;

	/** Signs the record of {@code uid} with {@code serial} and checks it as the chip will; the 304 record bytes. */
	byte[] sign(SerialNumber serial, DeviceUid uid) throws Exception;

	/**
	 * Checks record bytes read back from the chip as its firmware will at boot.
	 *
	 * @throws Exception naming the check that failed
	 */
	void check(byte[] record, DeviceUid uid) throws Exception;

	/** The station key's signature (DER ECDSA-SHA256) of a ledger checkpoint's chain hash. */
	byte[] signCheckpoint(byte[] message) throws Exception;
}
