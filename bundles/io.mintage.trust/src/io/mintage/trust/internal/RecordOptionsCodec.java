package io.mintage.trust.internal;

import java.util.Arrays;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

import io.mintage.trust.RecordOptions;
import io.mintage.trust.TrustException;

/**
 * The DER of a job package's {@code RecordOptions} (docs/formats.md, "Contents (ASN.1)"): the firmware
 * hash flag, then the optional fields in tag order, IMPLICIT. A DEFAULT value is never written (X.690
 * 11.5), so the reader refuses an encoded FALSE as it refuses every other second encoding. Public so
 * that tests and the fuzzer reach the decoder without a signature in front of it.
 */
public final class RecordOptionsCodec {

	private static final int PROTECTION = 0;
	private static final int ALLOW_UNPROTECT = 1;
	private static final int RECORD_PLACEMENT = 2;
	private static final int ACCEPT_UNDOCUMENTED_UID = 3;

	private RecordOptionsCodec() {
	}

	public static ASN1Sequence encode(RecordOptions options) {
		ASN1EncodableVector fields = new ASN1EncodableVector();
		fields.add(ASN1Boolean.getInstance(options.bindFirmwareHash()));
		options.protection().ifPresent(name -> fields.add(new DERTaggedObject(false, PROTECTION, Der.utf8(name))));
		if (options.allowUnprotect()) {
			fields.add(new DERTaggedObject(false, ALLOW_UNPROTECT, ASN1Boolean.TRUE));
		}
		options.recordPlacement()
				.ifPresent(name -> fields.add(new DERTaggedObject(false, RECORD_PLACEMENT, Der.utf8(name))));
		if (options.acceptUndocumentedUid()) {
			fields.add(new DERTaggedObject(false, ACCEPT_UNDOCUMENTED_UID, ASN1Boolean.TRUE));
		}
		return new DERSequence(fields);
	}

	/** Reads {@code object}, an element of content already parsed as canonical DER. */
	public static RecordOptions decode(ASN1Encodable object, String what) throws TrustException {
		ASN1Sequence fields = Der.sequence(object, 1, 5, what);
		boolean bindFirmwareHash = Der.bool(fields.getObjectAt(0), what + " bindFirmwareHash");
		int next = 1;
		Optional<String> protection = Optional.empty();
		boolean allowUnprotect = false;
		Optional<String> recordPlacement = Optional.empty();
		boolean acceptUndocumentedUid = false;
		// the optional fields come in tag order, each at most once, and nothing follows them
		if (next < fields.size() && Der.hasTag(fields.getObjectAt(next), PROTECTION)) {
			protection = Optional.of(utf8(fields.getObjectAt(next++), PROTECTION, what + " protection"));
		}
		if (next < fields.size() && Der.hasTag(fields.getObjectAt(next), ALLOW_UNPROTECT)) {
			allowUnprotect = trueOnly(fields.getObjectAt(next++), ALLOW_UNPROTECT, what + " allowUnprotect");
		}
		if (next < fields.size() && Der.hasTag(fields.getObjectAt(next), RECORD_PLACEMENT)) {
			recordPlacement = Optional.of(utf8(fields.getObjectAt(next++), RECORD_PLACEMENT, what + " recordPlacement"));
		}
		if (next < fields.size() && Der.hasTag(fields.getObjectAt(next), ACCEPT_UNDOCUMENTED_UID)) {
			acceptUndocumentedUid = trueOnly(fields.getObjectAt(next++), ACCEPT_UNDOCUMENTED_UID,
					what + " acceptUndocumentedUid");
		}
		if (next != fields.size()) {
			throw new TrustException(what + " has fields out of order, twice or unknown (element " + (next + 1) + ")");
		}
		try {
			return new RecordOptions(bindFirmwareHash, protection, allowUnprotect, recordPlacement,
					acceptUndocumentedUid);
		} catch (IllegalArgumentException e) {
			throw new TrustException(what + " are invalid: " + Der.plain(e));
		}
	}

	private static String utf8(ASN1Encodable field, int tag, String what) throws TrustException {
		ASN1TaggedObject tagged = (ASN1TaggedObject) field;
		ASN1UTF8String string;
		try {
			string = ASN1UTF8String.getInstance(tagged, false);
		} catch (IllegalArgumentException | IllegalStateException e) {
			throw new TrustException(what + " is not a UTF8String: " + Der.plain(e));
		}
		String value = Der.utf8(string, what);
		canonical(tagged, new DERTaggedObject(false, tag, Der.utf8(value)), what);
		return value;
	}

	/** A DEFAULT FALSE field: present means TRUE, and TRUE in its one DER form (0xFF). */
	private static boolean trueOnly(ASN1Encodable field, int tag, String what) throws TrustException {
		ASN1TaggedObject tagged = (ASN1TaggedObject) field;
		ASN1Boolean bool;
		try {
			bool = ASN1Boolean.getInstance(tagged, false);
		} catch (IllegalArgumentException | IllegalStateException e) {
			throw new TrustException(what + " is not a BOOLEAN: " + Der.plain(e));
		}
		if (!bool.isTrue()) {
			throw new TrustException(what + " is encoded as FALSE, its DEFAULT, which DER leaves out");
		}
		canonical(tagged, new DERTaggedObject(false, tag, ASN1Boolean.TRUE), what);
		return true;
	}

	/**
	 * An IMPLICIT field keeps its content octets as they came, which {@link Der#parse} cannot judge
	 * (it does not know the type behind the tag): compare them with what the writer writes.
	 */
	private static void canonical(ASN1TaggedObject read, ASN1Primitive written, String what) throws TrustException {
		if (!Arrays.equals(Der.encode(read), Der.encode(written))) {
			throw new TrustException(what + " is not in canonical DER");
		}
	}
}
