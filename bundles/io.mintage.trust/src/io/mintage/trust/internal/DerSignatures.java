package io.mintage.trust.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

import io.mintage.trust.EcdsaSignature;
import io.mintage.trust.TrustException;

/**
 * Converts ECDSA signatures between DER ({@code SEQUENCE { INTEGER r, INTEGER s }}, what JCA and
 * PKCS#11 wrappers give) and the raw {@code r || s} of the device, with BouncyCastle's ASN.1 classes.
 */
public final class DerSignatures {

	private static final int HALF = EcdsaSignature.LENGTH / 2;

	private DerSignatures() {
	}

	public static byte[] toRaw(byte[] der) throws TrustException {
		ASN1Primitive parsed;
		try {
			parsed = ASN1Primitive.fromByteArray(der);
		} catch (IOException | RuntimeException notAsn1) {
			// BouncyCastle reports some malformed input as IllegalArgumentException, IllegalStateException
			// (ASN1ParsingException) or others rather than IOException; all mean the same to the caller
			throw new TrustException("the signature is not DER-encoded ASN.1 (" + der.length + " bytes)", notAsn1);
		}
		if (parsed == null) {
			// what BouncyCastle answers for no bytes at all
			throw new TrustException("the signature is not DER-encoded ASN.1 (" + der.length + " bytes)");
		}
		if (!(parsed instanceof ASN1Sequence sequence) || sequence.size() != 2
				|| !(sequence.getObjectAt(0) instanceof ASN1Integer r)
				|| !(sequence.getObjectAt(1) instanceof ASN1Integer s)) {
			throw new TrustException("the signature is not an ECDSA signature: expected a DER SEQUENCE of two INTEGERs");
		}
		if (!Arrays.equals(encode(sequence), der)) {
			throw new TrustException("the signature is not strict DER: a BER form or bytes after the sequence");
		}
		byte[] raw = new byte[EcdsaSignature.LENGTH];
		place("r", r.getValue(), raw, 0);
		place("s", s.getValue(), raw, HALF);
		return raw;
	}

	private static void place(String name, BigInteger value, byte[] raw, int offset) throws TrustException {
		if (value.signum() <= 0) {
			throw new TrustException("the signature's " + name + " is " + (value.signum() == 0 ? "zero" : "negative")
					+ ", an ECDSA signature's " + name + " is positive");
		}
		if (value.bitLength() > HALF * 8) {
			throw new TrustException("the signature's " + name + " has " + value.bitLength()
					+ " bits, a P-256 signature's at most 256");
		}
		P256.unsignedFixed(value, raw, offset);
	}

	public static byte[] toDer(byte[] raw) {
		BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, HALF));
		BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, HALF, EcdsaSignature.LENGTH));
		return encode(new DERSequence(new ASN1Encodable[] { new ASN1Integer(r), new ASN1Integer(s) }));
	}

	private static byte[] encode(ASN1Sequence sequence) {
		try {
			return sequence.getEncoded(ASN1Encoding.DER);
		} catch (IOException cannotHappen) {
			// encoding into memory has no I/O to fail
			throw new IllegalStateException("DER encoding of an ECDSA signature failed", cannotHappen);
		}
	}
}
