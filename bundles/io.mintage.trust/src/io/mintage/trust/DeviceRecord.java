package io.mintage.trust;

import java.util.Objects;
import java.util.Optional;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.trust.internal.DeviceRecordCodec;

/**
 * A device record, version 1 (docs/formats.md): what a chip holds next to its firmware so that the
 * firmware runs only there — product, serial, the chip's unique ID, optionally the firmware's hash, the
 * batch certificate and the batch key's signature over all that. Immutable; {@link #decode(byte[])}
 * takes exactly what {@link #encode()} writes.
 */
public final class DeviceRecord {

	public static final int LENGTH = 304;
	/** Bytes 0–239 are signed by the batch key. */
	public static final int SIGNED_LENGTH = 240;
	/** Where the batch certificate lies in the record. */
	public static final int CERTIFICATE_OFFSET = 64;
	public static final String MAGIC = "MTDR";
	public static final int VERSION = 1;
	/** Bit 0 of {@code flags}: {@code firmware_hash} is present. */
	public static final int FLAG_FIRMWARE_HASH = 0x01;

	/**
	 * What the batch key signs: everything but its signature. The record's {@code productId} is its own
	 * field: it should equal the certificate's, which {@link RecordVerifier} checks, but a record read
	 * from a chip keeps whatever it says.
	 */
	public record Content(ProductId productId, SerialNumber serial, DeviceUid uid, Optional<FirmwareHash> firmwareHash,
			BatchCertificate certificate) {

		public Content {
			Objects.requireNonNull(productId, "productId");
			Objects.requireNonNull(serial, "serial");
			Objects.requireNonNull(uid, "uid");
			Objects.requireNonNull(firmwareHash, "firmwareHash");
			Objects.requireNonNull(certificate, "certificate");
		}

		/** Bytes 0–239 of the record, which the batch key signs. */
		public byte[] signedBytes() {
			return DeviceRecordCodec.encodeSigned(this);
		}
	}

	private final Content content;
	private final EcdsaSignature batchSignature;

	public DeviceRecord(Content content, EcdsaSignature batchSignature) {
		this.content = Objects.requireNonNull(content, "content");
		this.batchSignature = Objects.requireNonNull(batchSignature, "batchSignature");
	}

	/**
	 * Reads a record and refuses anything that is not exactly a version 1 record: both magics and
	 * versions, zero reserved bytes and flags, a UID length of 1 to 16 with zero padding after it, 32 zero
	 * bytes for an absent firmware hash, and a well-formed batch certificate. Signatures are not checked
	 * here; {@link RecordVerifier} does.
	 */
	public static DeviceRecord decode(byte[] bytes) throws RecordFormatException {
		return DeviceRecordCodec.decode(bytes);
	}

	/** The 304 bytes of docs/formats.md. */
	public byte[] encode() {
		return DeviceRecordCodec.encode(this);
	}

	/** Bytes 0–239, which {@link #batchSignature()} signs. */
	public byte[] signedBytes() {
		return content.signedBytes();
	}

	public Content content() {
		return content;
	}

	public ProductId productId() {
		return content.productId();
	}

	public SerialNumber serial() {
		return content.serial();
	}

	public DeviceUid uid() {
		return content.uid();
	}

	public Optional<FirmwareHash> firmwareHash() {
		return content.firmwareHash();
	}

	public BatchCertificate certificate() {
		return content.certificate();
	}

	public EcdsaSignature batchSignature() {
		return batchSignature;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof DeviceRecord that && that.content.equals(content)
				&& that.batchSignature.equals(batchSignature);
	}

	@Override
	public int hashCode() {
		return Objects.hash(content, batchSignature);
	}

	@Override
	public String toString() {
		return "device record of product " + productId() + ", serial " + serial() + ", chip " + uid()
				+ firmwareHash().map(hash -> ", firmware " + hash).orElse("");
	}
}
