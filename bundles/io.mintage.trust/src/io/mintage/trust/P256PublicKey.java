package io.mintage.trust;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;

import io.mintage.trust.internal.P256;

/**
 * A P-256 public key in the form the device holds it: the SEC1 uncompressed point
 * {@code 0x04 || X || Y}, 65 bytes. Only the form is checked here; whether the point lies on the curve
 * is decided where the key verifies a signature, as on the device, so that a record is refused by the
 * same check on both sides.
 */
public final class P256PublicKey {

	public static final int LENGTH = 65;
	/** SEC1's first byte of an uncompressed point. */
	public static final int UNCOMPRESSED = 0x04;

	private final byte[] bytes;

	private P256PublicKey(byte[] bytes) {
		if (bytes.length != LENGTH) {
			throw new IllegalArgumentException("a P-256 public key has " + LENGTH + " bytes (SEC1 uncompressed), not "
					+ bytes.length);
		}
		if ((bytes[0] & 0xFF) != UNCOMPRESSED) {
			throw new IllegalArgumentException(String.format(
					"a P-256 public key starts with 0x04 (SEC1 uncompressed), not 0x%02x", bytes[0] & 0xFF));
		}
		this.bytes = bytes.clone();
	}

	/** @param sec1Uncompressed {@code 0x04 || X (32) || Y (32)} */
	public static P256PublicKey of(byte[] sec1Uncompressed) {
		return new P256PublicKey(sec1Uncompressed);
	}

	/** The key a {@code SigningBackend} or a key store hands out, which must be an EC key on P-256. */
	public static P256PublicKey fromJca(PublicKey key) throws TrustException {
		return new P256PublicKey(P256.encodeJcaKey(key));
	}

	/** Whether the point lies on P-256 (and is not the point at infinity): a key a signature can verify with. */
	public boolean isOnCurve() {
		return P256.isValidPoint(bytes);
	}

	public byte[] bytes() {
		return bytes.clone();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof P256PublicKey that && Arrays.equals(that.bytes, bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(bytes);
	}

	/**
	 * A short fingerprint (the first 8 bytes of the key's SHA-256), enough for a person to tell keys
	 * apart in a log; key bytes stay out of messages.
	 */
	@Override
	public String toString() {
		return "P-256 key SHA-256:" + HexFormat.of().formatHex(P256.sha256(bytes), 0, 8);
	}
}
