package io.mintage.trust;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import io.mintage.core.DeviceUid;
import io.mintage.trust.internal.P256;

/**
 * Checks a device record as the device does, in the order of docs/formats.md, plus the station's own
 * check of {@code not_after} against its clock. The first check that fails is reported as a
 * {@link RecordRefusedException} naming the {@link RecordCheck}; a record that passes them all is
 * returned decoded.
 */
public final class RecordVerifier {

	private final P256PublicKey authorityKey;
	private final ProductId product;
	private final Clock clock;

	/**
	 * @param authorityKey the authority key compiled into the firmware
	 * @param product      the product id compiled into the firmware
	 * @param clock        the station's clock, for {@code not_after}
	 * @throws IllegalArgumentException when the authority key is not a point on P-256, as no record could
	 *                                  ever pass then
	 */
	public RecordVerifier(P256PublicKey authorityKey, ProductId product, Clock clock) {
		this.authorityKey = Objects.requireNonNull(authorityKey, "authorityKey");
		this.product = Objects.requireNonNull(product, "product");
		this.clock = Objects.requireNonNull(clock, "clock");
		if (!authorityKey.isOnCurve()) {
			throw new IllegalArgumentException("the authority key is not a point on P-256, no record could pass");
		}
	}

	/**
	 * @param record   the 304 bytes as they are (or will be) on the chip
	 * @param chipUid  the UID read from the chip
	 * @param firmware the SHA-256 of the firmware on the chip, compared when the record carries one
	 */
	public DeviceRecord verify(byte[] record, DeviceUid chipUid, FirmwareHash firmware) throws RecordRefusedException {
		Objects.requireNonNull(record, "record");
		Objects.requireNonNull(chipUid, "chipUid");
		Objects.requireNonNull(firmware, "firmware");
		DeviceRecord decoded;
		try {
			decoded = DeviceRecord.decode(record);
		} catch (RecordFormatException e) {
			throw new RecordRefusedException(RecordCheck.FORMAT, e.getMessage(), e);
		}
		BatchCertificate certificate = decoded.certificate();
		// the signatures are checked over the bytes as given, as the device does; decoding is strict, so
		// these are also what encode() would write
		byte[] certificateSigned = Arrays.copyOfRange(record, DeviceRecord.CERTIFICATE_OFFSET,
				DeviceRecord.CERTIFICATE_OFFSET + BatchCertificate.SIGNED_LENGTH);
		if (!P256.verify(authorityKey, certificateSigned, certificate.authoritySignature())) {
			throw new RecordRefusedException(RecordCheck.AUTHORITY_SIGNATURE, "the batch certificate of quota "
					+ certificate.quotaId() + " is not signed by the authority key (" + authorityKey + ")");
		}
		if (!decoded.productId().equals(certificate.productId())) {
			throw new RecordRefusedException(RecordCheck.PRODUCT, "the record is for product " + decoded.productId()
					+ ", its batch certificate for product " + certificate.productId());
		}
		if (!decoded.productId().equals(product)) {
			throw new RecordRefusedException(RecordCheck.PRODUCT, "the record is for product " + decoded.productId()
					+ ", this firmware is product " + product);
		}
		SerialRange serials = certificate.serials();
		if (!serials.contains(decoded.serial())) {
			String side = decoded.serial().compareTo(serials.first()) < 0 ? "below" : "above";
			throw new RecordRefusedException(RecordCheck.SERIAL_RANGE, "serial " + decoded.serial() + " is " + side
					+ " the batch certificate's range " + serials);
		}
		byte[] recordSigned = Arrays.copyOf(record, DeviceRecord.SIGNED_LENGTH);
		if (!P256.verify(certificate.batchPublicKey(), recordSigned, decoded.batchSignature())) {
			throw new RecordRefusedException(RecordCheck.BATCH_SIGNATURE,
					"the record is not signed by the batch key its certificate names (" + certificate.batchPublicKey()
							+ ")");
		}
		if (!decoded.uid().equals(chipUid)) {
			throw new RecordRefusedException(RecordCheck.DEVICE_UID,
					"the record is for the chip with UID " + decoded.uid() + ", this chip's UID is " + chipUid);
		}
		if (decoded.firmwareHash().isPresent() && !decoded.firmwareHash().get().equals(firmware)) {
			throw new RecordRefusedException(RecordCheck.FIRMWARE_HASH, "the record is for the firmware with SHA-256 "
					+ decoded.firmwareHash().get() + ", the firmware's SHA-256 is " + firmware);
		}
		Instant now = clock.instant();
		if (now.isAfter(certificate.notAfter())) {
			throw new RecordRefusedException(RecordCheck.NOT_AFTER, "the batch certificate of quota "
					+ certificate.quotaId() + " ended at " + certificate.notAfter() + ", it is now " + now);
		}
		return decoded;
	}

	/** Checks a record held as an object, by its bytes. */
	public DeviceRecord verify(DeviceRecord record, DeviceUid chipUid, FirmwareHash firmware)
			throws RecordRefusedException {
		return verify(record.encode(), chipUid, firmware);
	}
}
