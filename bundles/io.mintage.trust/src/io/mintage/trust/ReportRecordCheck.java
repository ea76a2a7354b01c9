package io.mintage.trust;

/**
 * The checks of a device record a production report carries in a {@code device-authorized} event, in
 * the order they are made; a refused record names the first it failed. The device's own checks
 * ({@link RecordCheck}) keep their names; {@code record-present} and {@code event-serial} are the
 * report's, and {@code not-after} is judged at the event's time, when the station signed the record.
 * The firmware hash is not checked here: the report does not say which firmware the chip got.
 * <p>
 * The {@link #id()} strings are persisted (docs/formats.md, "Check names") and are never renamed.
 */
public enum ReportRecordCheck {

	/** The event carries a UID, a serial and a record. */
	RECORD_PRESENT("record-present"),
	/** See {@link RecordCheck#FORMAT}. */
	FORMAT(RecordCheck.FORMAT.id()),
	/** See {@link RecordCheck#AUTHORITY_SIGNATURE}: the authority is the one the report is checked against. */
	AUTHORITY_SIGNATURE(RecordCheck.AUTHORITY_SIGNATURE.id()),
	/** The record's product id is its batch certificate's. */
	PRODUCT(RecordCheck.PRODUCT.id()),
	/** See {@link RecordCheck#SERIAL_RANGE}. */
	SERIAL_RANGE(RecordCheck.SERIAL_RANGE.id()),
	/** See {@link RecordCheck#BATCH_SIGNATURE}. */
	BATCH_SIGNATURE(RecordCheck.BATCH_SIGNATURE.id()),
	/** The record's UID is the UID of the event (the chip the station read). */
	DEVICE_UID(RecordCheck.DEVICE_UID.id()),
	/** The record's serial is the serial of the event. */
	EVENT_SERIAL("event-serial"),
	/** The event's time is not past the batch certificate's {@code not_after}. */
	NOT_AFTER(RecordCheck.NOT_AFTER.id());

	private final String id;

	ReportRecordCheck(String id) {
		this.id = id;
	}

	/** The persisted name, e.g. {@code event-serial}. */
	public String id() {
		return id;
	}

	@Override
	public String toString() {
		return id;
	}
}
