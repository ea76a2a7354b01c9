package io.mintage.trust;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.mintage.core.DeviceUid;
import io.mintage.trust.internal.Der;
import io.mintage.trust.internal.ReportCodec;

/**
 * One event of a station's production ledger as a production report carries it: its sequence number
 * in the ledger, its type (a persisted ledger event type), when, for which job, and what it concerns.
 * {@code time} is kept to the millisecond (finer digits are dropped), the precision of the report's
 * GeneralizedTime. {@code record} is copied in and out and compared by content.
 */
public record ReportEvent(long sequence, String type, Instant time, UUID jobId, Optional<DeviceUid> uid,
		OptionalLong serial, Optional<byte[]> record, Optional<String> detail) {

	public static final int CHAIN_HASH_LENGTH = 32;

	public ReportEvent {
		if (sequence < 0) {
			throw new IllegalArgumentException("an event's sequence number is not negative, not " + sequence);
		}
		Objects.requireNonNull(type, "type");
		if (type.isEmpty()) {
			throw new IllegalArgumentException("an event has a type");
		}
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(jobId, "jobId");
		Objects.requireNonNull(uid, "uid");
		Objects.requireNonNull(serial, "serial");
		Objects.requireNonNull(record, "record");
		Objects.requireNonNull(detail, "detail");
		if (!Der.isUtf8(type) || !detail.map(Der::isUtf8).orElse(true)) {
			throw new IllegalArgumentException("an event's type and detail are text UTF-8 can hold (no unpaired"
					+ " surrogates)");
		}
		time = time.truncatedTo(ChronoUnit.MILLIS);
		if (time.isBefore(Instant.EPOCH) || time.isAfter(QuotaTerms.LATEST)) {
			throw new IllegalArgumentException("an event's time lies between 1970 and the year 9999, not " + time);
		}
		if (serial.isPresent() && (serial.getAsLong() < 0 || serial.getAsLong() >= SerialRange.SERIAL_LIMIT)) {
			throw new IllegalArgumentException("a serial number is an unsigned 32-bit value, not " + serial.getAsLong());
		}
		record = record.map(byte[]::clone);
	}

	@Override
	public Optional<byte[]> record() {
		return record.map(byte[]::clone);
	}

	/**
	 * The chain hash of this event: SHA-256 over {@code previousChainHash} (32 bytes) followed by the
	 * DER of this event without its chain hash (docs/formats.md, "Event").
	 */
	public byte[] chainHash(byte[] previousChainHash) {
		Objects.requireNonNull(previousChainHash, "previousChainHash");
		if (previousChainHash.length != CHAIN_HASH_LENGTH) {
			throw new IllegalArgumentException("a chain hash has 32 bytes, not " + previousChainHash.length);
		}
		return ReportCodec.chainHash(previousChainHash, this);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ReportEvent that && that.sequence == sequence && that.type.equals(type)
				&& that.time.equals(time) && that.jobId.equals(jobId) && that.uid.equals(uid)
				&& that.serial.equals(serial) && that.detail.equals(detail) && that.record.isPresent() == record.isPresent()
				&& (record.isEmpty() || Arrays.equals(that.record.get(), record.get()));
	}

	@Override
	public int hashCode() {
		return Objects.hash(sequence, type, time, jobId, uid, serial, detail, record.map(Arrays::hashCode));
	}

	@Override
	public String toString() {
		return "event " + sequence + " " + type + " at " + time + " of job " + jobId
				+ uid.map(value -> ", UID " + value).orElse("")
				+ (serial.isPresent() ? ", serial " + serial.getAsLong() : "")
				+ record.map(bytes -> ", record " + HexFormat.of().formatHex(bytes)).orElse("")
				+ detail.map(text -> ", " + text).orElse("");
	}
}
