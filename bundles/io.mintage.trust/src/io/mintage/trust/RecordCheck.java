package io.mintage.trust;

/**
 * The checks a device record goes through, in the order of docs/formats.md ("What the device checks");
 * a refused record names the first check it failed. Steps 1–7 are the device's own, with the same
 * numbers as the firmware's error codes; step 8 only the station makes, as a chip has no clock.
 * <p>
 * The {@link #id()} strings are persisted (ledgers, reports, JSON output) and are never renamed.
 */
public enum RecordCheck {

	/** Magic, version, reserved bytes, lengths and flags of the record and its batch certificate. */
	FORMAT(1, "format"),
	/** The authority's signature over the batch certificate, with the authority key. */
	AUTHORITY_SIGNATURE(2, "authority-signature"),
	/** The record's and the certificate's product ids are equal and are the expected product. */
	PRODUCT(3, "product"),
	/** The record's serial lies in the certificate's range. */
	SERIAL_RANGE(4, "serial-range"),
	/** The batch key's signature over the record, with the key the certificate names. */
	BATCH_SIGNATURE(5, "batch-signature"),
	/** The record's UID is the chip's and its padding is zero. */
	DEVICE_UID(6, "device-uid"),
	/** When the record carries a firmware hash, it is the SHA-256 of the firmware on the chip. */
	FIRMWARE_HASH(7, "firmware-hash"),
	/** The station's clock is not past the certificate's not_after. */
	NOT_AFTER(8, "not-after");

	private final int step;
	private final String id;

	RecordCheck(int step, String id) {
		this.step = step;
		this.id = id;
	}

	/** Position in the check order, 1 first; the device's error code for steps 1–7. */
	public int step() {
		return step;
	}

	/** The persisted name, e.g. {@code serial-range}. */
	public String id() {
		return id;
	}

	@Override
	public String toString() {
		return id;
	}
}
