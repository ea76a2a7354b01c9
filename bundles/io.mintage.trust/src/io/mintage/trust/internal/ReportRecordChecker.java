package io.mintage.trust.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.trust.BatchCertificate;
import io.mintage.trust.CheckedEvent;
import io.mintage.trust.DeviceRecord;
import io.mintage.trust.P256PublicKey;
import io.mintage.trust.RecordFailure;
import io.mintage.trust.RecordFormatException;
import io.mintage.trust.ReportEvent;
import io.mintage.trust.ReportRecordCheck;
import io.mintage.trust.SerialRange;

/**
 * Checks the device record of one {@code device-authorized} event of a report, in the device's order
 * ({@code RecordVerifier}) with the event standing for the chip: its UID and serial, and its time for the
 * station's clock. Safe for several threads at once. The authority's signature over a batch certificate
 * is checked once per certificate (one per quota), and its batch key decoded once, both remembered by
 * the certificate's exact bytes, so a forged certificate claiming the same quota is checked on its own.
 */
public final class ReportRecordChecker {

	/** The event type whose record is checked (docs/formats.md, "Event types"). */
	public static final String DEVICE_AUTHORIZED = "device-authorized";
	/** Certificates remembered at most: a report holds a few quotas; a hostile one may hold many. */
	private static final int CERTIFICATES_REMEMBERED = 4096;

	private final P256PublicKey authorityKey;
	private final Map<ByteBuffer, Known> certificates = new ConcurrentHashMap<>();

	public ReportRecordChecker(P256PublicKey authorityKey) {
		this.authorityKey = authorityKey;
	}

	public static boolean carriesRecord(ReportEvent event) {
		return DEVICE_AUTHORIZED.equals(event.type());
	}

	/** The event with its record's outcome; the chain hash is the one already checked. */
	public CheckedEvent check(ReportEvent event, byte[] chainHash) {
		try {
			DeviceRecord record = verify(event);
			return new CheckedEvent(event, chainHash, Optional.of(record), Optional.empty());
		} catch (Refused refused) {
			return new CheckedEvent(event, chainHash, Optional.empty(), Optional.of(new RecordFailure(event.sequence(),
					event.uid(), event.serial(), refused.check, refused.getMessage())));
		}
	}

	private DeviceRecord verify(ReportEvent event) throws Refused {
		Optional<byte[]> bytes = event.record();
		if (bytes.isEmpty() || event.uid().isEmpty() || event.serial().isEmpty()) {
			throw new Refused(ReportRecordCheck.RECORD_PRESENT, "the " + DEVICE_AUTHORIZED + " event lacks its "
					+ (bytes.isEmpty() ? "device record" : event.uid().isEmpty() ? "chip UID" : "serial"));
		}
		byte[] record = bytes.get();
		DeviceRecord decoded;
		try {
			decoded = DeviceRecord.decode(record);
		} catch (RecordFormatException e) {
			throw new Refused(ReportRecordCheck.FORMAT, e.getMessage());
		}
		BatchCertificate certificate = decoded.certificate();
		Known known = known(record, certificate);
		if (!known.authoritySigned()) {
			throw new Refused(ReportRecordCheck.AUTHORITY_SIGNATURE, "the batch certificate of quota "
					+ certificate.quotaId() + " is not signed by the authority key (" + authorityKey + ")");
		}
		if (!decoded.productId().equals(certificate.productId())) {
			throw new Refused(ReportRecordCheck.PRODUCT, "the record is for product " + decoded.productId()
					+ ", its batch certificate for product " + certificate.productId());
		}
		SerialRange serials = certificate.serials();
		if (!serials.contains(decoded.serial())) {
			String side = decoded.serial().compareTo(serials.first()) < 0 ? "below" : "above";
			throw new Refused(ReportRecordCheck.SERIAL_RANGE, "serial " + decoded.serial() + " is " + side
					+ " the batch certificate's range " + serials);
		}
		P256.PreparedKey batchKey = known.batchKey();
		if (batchKey == null || !P256.verify(batchKey, Arrays.copyOf(record, DeviceRecord.SIGNED_LENGTH),
				decoded.batchSignature())) {
			throw new Refused(ReportRecordCheck.BATCH_SIGNATURE, "the record is not signed by the batch key its"
					+ " certificate names (" + certificate.batchPublicKey() + ")");
		}
		DeviceUid uid = event.uid().get();
		if (!decoded.uid().equals(uid)) {
			throw new Refused(ReportRecordCheck.DEVICE_UID,
					"the record is for the chip with UID " + decoded.uid() + ", the event's chip has UID " + uid);
		}
		OptionalLong serial = event.serial();
		if (!decoded.serial().equals(new SerialNumber(serial.getAsLong()))) {
			throw new Refused(ReportRecordCheck.EVENT_SERIAL, "the record carries serial " + decoded.serial()
					+ ", the event serial " + serial.getAsLong());
		}
		if (event.time().isAfter(certificate.notAfter())) {
			throw new Refused(ReportRecordCheck.NOT_AFTER, "the record was signed at " + event.time()
					+ ", after the batch certificate of quota " + certificate.quotaId() + " ended at "
					+ certificate.notAfter());
		}
		return decoded;
	}

	/**
	 * What is known of a batch certificate: whether the authority signed it, and its batch key decoded
	 * once (null when it is no point of the curve: no record signature can verify then).
	 */
	private record Known(boolean authoritySigned, P256.PreparedKey batchKey) {
	}

	private Known known(byte[] record, BatchCertificate certificate) {
		ByteBuffer key = ByteBuffer.wrap(Arrays.copyOfRange(record, DeviceRecord.CERTIFICATE_OFFSET,
				DeviceRecord.CERTIFICATE_OFFSET + BatchCertificate.LENGTH));
		Known known = certificates.get(key);
		if (known != null) {
			return known;
		}
		byte[] signed = Arrays.copyOf(key.array(), BatchCertificate.SIGNED_LENGTH);
		known = new Known(P256.verify(authorityKey, signed, certificate.authoritySignature()),
				P256.prepare(certificate.batchPublicKey()));
		if (certificates.size() < CERTIFICATES_REMEMBERED) {
			certificates.put(key, known);
		}
		return known;
	}

	/** The first check a record failed; only thrown and caught here. */
	private static final class Refused extends Exception {

		private static final long serialVersionUID = 1L;
		final transient ReportRecordCheck check;

		Refused(ReportRecordCheck check, String reason) {
			super(reason, null, false, false);
			this.check = check;
		}
	}
}
