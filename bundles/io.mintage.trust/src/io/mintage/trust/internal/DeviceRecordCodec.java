package io.mintage.trust.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.trust.BatchCertificate;
import io.mintage.trust.DeviceRecord;
import io.mintage.trust.EcdsaSignature;
import io.mintage.trust.FirmwareHash;
import io.mintage.trust.ProductId;
import io.mintage.trust.RecordFormatException;

/** The byte layout of a version 1 device record, exactly as the table in docs/formats.md. */
public final class DeviceRecordCodec {

	public static final String OBJECT = "device record";

	static final Field MAGIC = new Field("magic", 0, 4);
	static final Field VERSION = new Field("version", 4, 1);
	static final Field UID_LENGTH = new Field("uid_length", 5, 1);
	static final Field FLAGS = new Field("flags", 6, 1);
	static final Field RESERVED = new Field("reserved", 7, 1);
	static final Field PRODUCT_ID = new Field("product_id", 8, 4);
	static final Field SERIAL = new Field("serial", 12, 4);
	static final Field UID = new Field("uid", 16, DeviceUid.MAX_LENGTH);
	static final Field FIRMWARE_HASH = new Field("firmware_hash", 32, FirmwareHash.LENGTH);
	static final Field BATCH_CERTIFICATE = new Field("batch_certificate", DeviceRecord.CERTIFICATE_OFFSET,
			BatchCertificate.LENGTH);
	static final Field BATCH_SIGNATURE = new Field("batch_signature", 240, EcdsaSignature.LENGTH);

	private DeviceRecordCodec() {
	}

	/** Bytes 0–239, which the batch key signs. */
	public static byte[] encodeSigned(DeviceRecord.Content content) {
		ByteBuffer out = ByteBuffer.allocate(DeviceRecord.SIGNED_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
		out.put(DeviceRecord.MAGIC.getBytes(StandardCharsets.US_ASCII));
		out.put((byte) DeviceRecord.VERSION);
		out.put((byte) content.uid().length());
		out.put((byte) (content.firmwareHash().isPresent() ? DeviceRecord.FLAG_FIRMWARE_HASH : 0));
		out.put((byte) 0);
		out.putInt((int) content.productId().value());
		out.putInt((int) content.serial().value());
		out.put(Arrays.copyOf(content.uid().bytes(), UID.size()));
		out.put(content.firmwareHash().map(FirmwareHash::bytes).orElseGet(() -> new byte[FIRMWARE_HASH.size()]));
		out.put(content.certificate().encode());
		return out.array();
	}

	public static byte[] encode(DeviceRecord record) {
		ByteBuffer out = ByteBuffer.allocate(DeviceRecord.LENGTH);
		out.put(encodeSigned(record.content()));
		out.put(record.batchSignature().bytes());
		return out.array();
	}

	/**
	 * Refuses anything {@link #encode} would not have written, so that a record that decodes re-encodes
	 * to the very same bytes. Checks in the device's order where it has one (docs/formats.md, check 1).
	 */
	public static DeviceRecord decode(byte[] bytes) throws RecordFormatException {
		if (bytes.length != DeviceRecord.LENGTH) {
			throw new RecordFormatException(OBJECT, -1, null, "a version 1 device record has " + DeviceRecord.LENGTH
					+ " bytes, this one has " + bytes.length);
		}
		FieldReader in = new FieldReader(OBJECT, bytes, 0, "");
		in.expectMagic(MAGIC, DeviceRecord.MAGIC);
		in.expectVersion(VERSION, DeviceRecord.VERSION);
		BatchCertificate certificate = BatchCertificateCodec.decode(
				in.nested(BATCH_CERTIFICATE.offset(), BATCH_CERTIFICATE.name() + "."));
		in.expectZero(RESERVED, "reserved");
		int uidLength = in.uint8(UID_LENGTH);
		if (uidLength < 1 || uidLength > DeviceUid.MAX_LENGTH) {
			throw in.problem(UID_LENGTH, uidLength + " is not a UID length, expected 1 to " + DeviceUid.MAX_LENGTH);
		}
		int flags = in.uint8(FLAGS);
		if ((flags & ~DeviceRecord.FLAG_FIRMWARE_HASH) != 0) {
			throw in.problem(FLAGS, String.format("unknown flag bits 0x%02x set; only bit 0 (firmware_hash present) "
					+ "is defined", flags & ~DeviceRecord.FLAG_FIRMWARE_HASH));
		}
		byte[] uidField = in.bytes(UID);
		for (int i = uidLength; i < UID.size(); i++) {
			if (uidField[i] != 0) {
				throw in.problemAt(UID, i, String.format("expected 0 (padding after the %d-byte UID), found 0x%02x",
						uidLength, uidField[i] & 0xFF));
			}
		}
		Optional<FirmwareHash> firmwareHash;
		if ((flags & DeviceRecord.FLAG_FIRMWARE_HASH) != 0) {
			firmwareHash = Optional.of(FirmwareHash.of(in.bytes(FIRMWARE_HASH)));
		} else {
			in.expectZero(FIRMWARE_HASH, "flag bit 0 is clear, so no firmware hash");
			firmwareHash = Optional.empty();
		}
		DeviceRecord.Content content = new DeviceRecord.Content(
				new ProductId(in.uint32(PRODUCT_ID)),
				new SerialNumber(in.uint32(SERIAL)),
				DeviceUid.of(Arrays.copyOf(uidField, uidLength)),
				firmwareHash,
				certificate);
		return new DeviceRecord(content, EcdsaSignature.of(in.bytes(BATCH_SIGNATURE)));
	}
}
