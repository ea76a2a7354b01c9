package io.mintage.trust;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

import io.mintage.trust.internal.DerSignatures;

/**
 * An ECDSA P-256 signature in the device's form: {@code r || s}, each 32 bytes big-endian (IEEE P1363),
 * 64 bytes. Java's and most tokens' form is DER ({@code SEQUENCE { INTEGER r, INTEGER s }});
 * {@link #fromDer(byte[])} and {@link #toDer()} convert.
 */
public final class EcdsaSignature {

	public static final int LENGTH = 64;
	static final int HALF = LENGTH / 2;

	private final byte[] bytes;

	private EcdsaSignature(byte[] bytes) {
		if (bytes.length != LENGTH) {
			throw new IllegalArgumentException("a raw P-256 signature (r || s) has " + LENGTH + " bytes, not "
					+ bytes.length);
		}
		this.bytes = bytes.clone();
	}

	/** @param rs {@code r || s}, 32 bytes each, big-endian */
	public static EcdsaSignature of(byte[] rs) {
		return new EcdsaSignature(rs);
	}

	/**
	 * Converts a DER signature, as {@code SigningBackend.sign} and {@code Signature("SHA256withECDSA")}
	 * return it. Only strict DER is taken (minimal integers, nothing after the sequence), and r and s
	 * must be positive and fit 32 bytes.
	 */
	public static EcdsaSignature fromDer(byte[] der) throws TrustException {
		return new EcdsaSignature(DerSignatures.toRaw(der));
	}

	/** The DER form, for Java's {@code Signature} and X.509/CMS objects. */
	public byte[] toDer() {
		return DerSignatures.toDer(bytes);
	}

	public byte[] bytes() {
		return bytes.clone();
	}

	public BigInteger r() {
		return new BigInteger(1, Arrays.copyOfRange(bytes, 0, HALF));
	}

	public BigInteger s() {
		return new BigInteger(1, Arrays.copyOfRange(bytes, HALF, LENGTH));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof EcdsaSignature that && Arrays.equals(that.bytes, bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(bytes);
	}

	@Override
	public String toString() {
		return "ECDSA signature " + HexFormat.of().formatHex(bytes);
	}
}
