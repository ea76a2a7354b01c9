package io.mintage.trust.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

import io.mintage.core.DeviceUid;
import io.mintage.trust.ReportEvent;
import io.mintage.trust.TrustException;

/**
 * The DER of a production report's content and its events (docs/formats.md, "Production report").
 * Public so that tests can build contents the station would never sign (a gap, a broken chain) and
 * sign them through {@link SignedCms}; the readers must refuse them.
 */
public final class ReportCodec {

	public static final int VERSION = 1;
	private static final int UID = 0;
	private static final int SERIAL = 1;
	private static final int RECORD = 2;
	private static final int DETAIL = 3;

	/** A decoded event with the chain hash the report states for it. */
	public record StatedEvent(ReportEvent event, byte[] chainHash) {
	}

	/** A decoded report content. */
	public record Content(UUID reportId, byte[] stationCertificateHash, byte[] previousChainHash,
			List<StatedEvent> events) {
	}

	private ReportCodec() {
	}

	public static byte[] chainHash(byte[] previousChainHash, ReportEvent event) {
		byte[] body = Der.encode(new DERSequence(fields(event)));
		byte[] input = new byte[previousChainHash.length + body.length];
		System.arraycopy(previousChainHash, 0, input, 0, previousChainHash.length);
		System.arraycopy(body, 0, input, previousChainHash.length, body.length);
		return P256.sha256(input);
	}

	/** The content DER with the chain hashes given, right or wrong. */
	public static byte[] encode(UUID reportId, byte[] stationCertificateHash, byte[] previousChainHash,
			List<ReportEvent> events, List<byte[]> chainHashes) {
		ASN1EncodableVector list = new ASN1EncodableVector();
		for (int i = 0; i < events.size(); i++) {
			ASN1EncodableVector event = fields(events.get(i));
			event.add(Der.octets(chainHashes.get(i)));
			list.add(new DERSequence(event));
		}
		ASN1EncodableVector content = new ASN1EncodableVector();
		content.add(new ASN1Integer(VERSION));
		content.add(Der.octets(Der.uuid(reportId)));
		content.add(Der.octets(stationCertificateHash));
		content.add(Der.octets(previousChainHash));
		content.add(new DERSequence(list));
		return Der.encode(new DERSequence(content));
	}

	private static ASN1EncodableVector fields(ReportEvent event) {
		ASN1EncodableVector fields = new ASN1EncodableVector();
		fields.add(new ASN1Integer(event.sequence()));
		fields.add(Der.utf8(event.type()));
		fields.add(Der.time(event.time()));
		fields.add(Der.octets(Der.uuid(event.jobId())));
		event.uid().ifPresent(uid -> fields.add(new DERTaggedObject(false, UID, Der.octets(uid.bytes()))));
		event.serial().ifPresent(serial -> fields.add(new DERTaggedObject(false, SERIAL, new ASN1Integer(serial))));
		event.record().ifPresent(record -> fields.add(new DERTaggedObject(false, RECORD, Der.octets(record))));
		event.detail().ifPresent(detail -> fields.add(new DERTaggedObject(false, DETAIL, Der.utf8(detail))));
		return fields;
	}

	public static Content decode(byte[] der, String what) throws TrustException {
		ASN1Sequence content = Der.sequence(Der.parse(der, what + "'s content"), 5, what + "'s content");
		Der.version(content.getObjectAt(0), VERSION, what);
		UUID reportId = Der.uuid(content.getObjectAt(1), what + "'s reportId");
		byte[] stationHash = Der.octets(content.getObjectAt(2), 32, what + "'s stationCertificateHash");
		byte[] previous = Der.octets(content.getObjectAt(3), 32, what + "'s previousChainHash");
		ASN1Sequence list = Der.sequence(content.getObjectAt(4), 0, Integer.MAX_VALUE, what + "'s events");
		List<StatedEvent> events = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			events.add(event(list.getObjectAt(i), what + "'s event " + (i + 1)));
		}
		return new Content(reportId, stationHash, previous, events);
	}

	/**
	 * One event from its own DER, for the streaming reader: the same checks as inside {@link #decode},
	 * canonical DER included.
	 */
	public static StatedEvent decodeEvent(byte[] der, String what) throws TrustException {
		return event(Der.parse(der, what), what);
	}

	private static StatedEvent event(ASN1Encodable object, String what) throws TrustException {
		ASN1Sequence fields = Der.sequence(object, 5, 9, what);
		long sequence = Der.integer(fields.getObjectAt(0), 0, Long.MAX_VALUE, what + ": sequence");
		String type = Der.utf8(fields.getObjectAt(1), what + ": type");
		java.time.Instant time = Der.time(fields.getObjectAt(2), what + ": time");
		UUID jobId = Der.uuid(fields.getObjectAt(3), what + ": jobId");
		int next = 4;
		Optional<DeviceUid> uid = Optional.empty();
		OptionalLong serial = OptionalLong.empty();
		Optional<byte[]> record = Optional.empty();
		Optional<String> detail = Optional.empty();
		// the optional fields come in tag order, each at most once; then the chain hash ends the event
		try {
			if (next < fields.size() && Der.hasTag(fields.getObjectAt(next), UID)) {
				byte[] bytes = Der.octets(ASN1OctetString.getInstance((ASN1TaggedObject) fields.getObjectAt(next++), false),
						what + ": uid");
				if (bytes.length < 1 || bytes.length > DeviceUid.MAX_LENGTH) {
					throw new TrustException(what + ": uid has " + bytes.length + " bytes, not 1 to 16");
				}
				uid = Optional.of(DeviceUid.of(bytes));
			}
			if (next < fields.size() && Der.hasTag(fields.getObjectAt(next), SERIAL)) {
				serial = OptionalLong.of(Der.unsigned32(
						ASN1Integer.getInstance((ASN1TaggedObject) fields.getObjectAt(next++), false), what + ": serial"));
			}
			if (next < fields.size() && Der.hasTag(fields.getObjectAt(next), RECORD)) {
				record = Optional.of(Der.octets(
						ASN1OctetString.getInstance((ASN1TaggedObject) fields.getObjectAt(next++), false), what + ": record"));
			}
			if (next < fields.size() && Der.hasTag(fields.getObjectAt(next), DETAIL)) {
				detail = Optional.of(Der.utf8(
						ASN1UTF8String.getInstance((ASN1TaggedObject) fields.getObjectAt(next++), false), what + ": detail"));
			}
		} catch (IllegalArgumentException | IllegalStateException e) {
			throw new TrustException(what + " has a malformed optional field: " + Der.plain(e));
		}
		if (next != fields.size() - 1) {
			throw new TrustException(what + " has fields out of order or unknown fields");
		}
		byte[] chainHash = Der.octets(fields.getObjectAt(next), 32, what + ": chainHash");
		try {
			return new StatedEvent(new ReportEvent(sequence, type, time, jobId, uid, serial, record, detail), chainHash);
		} catch (IllegalArgumentException e) {
			throw new TrustException(what + " is invalid: " + Der.plain(e));
		}
	}
}
