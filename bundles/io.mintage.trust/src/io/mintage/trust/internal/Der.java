package io.mintage.trust.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;

import io.mintage.trust.TrustException;

/**
 * Strict DER for Mintage's CMS contents (docs/formats.md): every reader takes only what the writer
 * writes, so an object has one encoding and a changed bit is never silently ignored. The parsing is
 * BouncyCastle's; this adds the checks of the profile (exact lengths, ranges, canonical times) and
 * turns every refusal into a {@link TrustException} naming the object and the field.
 */
public final class Der {

	/** Year, month, day, hours, minutes, seconds; then at most three fraction digits without trailing zeros. */
	private static final Pattern GENERALIZED_TIME = Pattern.compile("[0-9]{14}(\\.[0-9]{0,2}[1-9])?Z");
	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
			.withResolverStyle(ResolverStyle.STRICT);
	private static final BigInteger UNSIGNED_32_LIMIT = BigInteger.ONE.shiftLeft(32);

	private Der() {
	}

	/**
	 * Parses one DER object that must fill {@code bytes} and be exactly its own DER re-encoding: no
	 * trailing bytes, no BER (indefinite lengths, constructed strings), no non-minimal lengths or
	 * integers, sorted sets, canonical booleans and bit strings.
	 */
	public static ASN1Primitive parse(byte[] bytes, String what) throws TrustException {
		if (bytes == null || bytes.length == 0) {
			throw new TrustException(what + " is empty");
		}
		ASN1Primitive parsed;
		byte[] again;
		try {
			parsed = ASN1Primitive.fromByteArray(bytes);
			again = parsed.getEncoded(ASN1Encoding.DER);
		} catch (IOException | RuntimeException e) {
			throw new TrustException(what + " is not a DER-encoded ASN.1 object: " + plain(e));
		}
		if (!Arrays.equals(again, bytes)) {
			throw new TrustException(what + " is not in canonical DER (it is not exactly the encoding of what it holds)");
		}
		return parsed;
	}

	public static byte[] encode(ASN1Encodable object) {
		try {
			return object.toASN1Primitive().getEncoded(ASN1Encoding.DER);
		} catch (IOException e) {
			// writing to memory; only a bug could get here
			throw new IllegalStateException("DER encoding failed: " + e.getMessage(), e);
		}
	}

	/** A SEQUENCE of exactly {@code size} elements. */
	public static ASN1Sequence sequence(ASN1Encodable object, int size, String what) throws TrustException {
		return sequence(object, size, size, what);
	}

	public static ASN1Sequence sequence(ASN1Encodable object, int min, int max, String what) throws TrustException {
		if (!(object instanceof ASN1Sequence sequence)) {
			throw new TrustException(what + " is not a SEQUENCE");
		}
		if (sequence.size() < min || sequence.size() > max) {
			throw new TrustException(what + " has " + sequence.size() + " elements, not "
					+ (min == max ? String.valueOf(min) : min + " to " + max));
		}
		return sequence;
	}

	public static byte[] octets(ASN1Encodable object, int length, String what) throws TrustException {
		if (!(object instanceof ASN1OctetString octets)) {
			throw new TrustException(what + " is not an OCTET STRING");
		}
		byte[] value = octets.getOctets();
		if (length >= 0 && value.length != length) {
			throw new TrustException(what + " has " + value.length + " bytes, not " + length);
		}
		return value;
	}

	public static byte[] octets(ASN1Encodable object, String what) throws TrustException {
		return octets(object, -1, what);
	}

	/** An INTEGER between {@code min} and {@code max}, both inclusive. */
	public static long integer(ASN1Encodable object, long min, long max, String what) throws TrustException {
		if (!(object instanceof ASN1Integer integer)) {
			throw new TrustException(what + " is not an INTEGER");
		}
		BigInteger value = integer.getValue();
		if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
			throw new TrustException(what + " is " + value + ", outside " + min + " to " + max);
		}
		return value.longValueExact();
	}

	public static long unsigned32(ASN1Encodable object, String what) throws TrustException {
		return integer(object, 0, UNSIGNED_32_LIMIT.longValueExact() - 1, what);
	}

	public static void version(ASN1Encodable object, int expected, String what) throws TrustException {
		if (!(object instanceof ASN1Integer integer) || !integer.hasValue(expected)) {
			throw new TrustException(what + " is version " + object + ", not " + expected
					+ " (written by another version of Mintage?)");
		}
	}

	public static String utf8(ASN1Encodable object, String what) throws TrustException {
		if (!(object instanceof ASN1UTF8String string)) {
			throw new TrustException(what + " is not a UTF8String");
		}
		String value;
		try {
			value = string.getString();
		} catch (IllegalArgumentException e) {
			// BouncyCastle refuses malformed UTF-8 only when the string is asked for
			throw new TrustException(what + " is not valid UTF-8");
		}
		// and whatever it decodes must encode back to the same bytes
		if (!Arrays.equals(encode(new DERUTF8String(value)), encode(string))) {
			throw new TrustException(what + " is not valid UTF-8");
		}
		return value;
	}

	public static boolean bool(ASN1Encodable object, String what) throws TrustException {
		if (!(object instanceof ASN1Boolean bool)) {
			throw new TrustException(what + " is not a BOOLEAN");
		}
		return bool.isTrue();
	}

	/** Whether UTF-8 can hold {@code value}: not when it has an unpaired surrogate (it would come back as '?'). */
	public static boolean isUtf8(String value) {
		return StandardCharsets.UTF_8.newEncoder().canEncode(value);
	}

	public static DERUTF8String utf8(String value) {
		return new DERUTF8String(value);
	}

	public static DEROctetString octets(byte[] value) {
		return new DEROctetString(value);
	}

	public static byte[] uuid(UUID id) {
		return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
				.array();
	}

	public static UUID uuid(ASN1Encodable object, String what) throws TrustException {
		ByteBuffer bytes = ByteBuffer.wrap(octets(object, 16, what));
		return new UUID(bytes.getLong(), bytes.getLong());
	}

	/**
	 * GeneralizedTime in UTC as DER (X.690 11.7) writes it: {@code YYYYMMDDHHMMSSZ}, with a fraction of
	 * at most three digits and no trailing zeros when the instant has milliseconds.
	 */
	public static ASN1GeneralizedTime time(Instant instant) {
		if (instant.getNano() % 1_000_000 != 0) {
			throw new IllegalArgumentException("times are kept to the millisecond, not " + instant);
		}
		LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
		if (utc.getYear() < 0 || utc.getYear() > 9999) {
			throw new IllegalArgumentException("a GeneralizedTime holds the years 0000 to 9999, not " + instant);
		}
		StringBuilder text = new StringBuilder(SECONDS.format(utc));
		int millis = instant.getNano() / 1_000_000;
		if (millis != 0) {
			String fraction = String.format("%03d", millis);
			text.append('.').append(fraction.replaceAll("0+$", ""));
		}
		return new DERGeneralizedTime(text.append('Z').toString());
	}

	public static Instant time(ASN1Encodable object, String what) throws TrustException {
		if (!(object instanceof ASN1GeneralizedTime time)) {
			throw new TrustException(what + " is not a GeneralizedTime");
		}
		String text = time.getTimeString();
		if (!GENERALIZED_TIME.matcher(text).matches()) {
			throw new TrustException(what + " is not a UTC time in DER form (YYYYMMDDHHMMSS[.fff]Z): '" + text + "'");
		}
		try {
			Instant instant = LocalDateTime.parse(text.substring(0, 14), SECONDS).toInstant(ZoneOffset.UTC);
			if (text.length() > 15) {
				String fraction = (text.substring(15, text.length() - 1) + "00").substring(0, 3);
				instant = instant.plusMillis(Integer.parseInt(fraction));
			}
			return instant;
		} catch (DateTimeParseException e) {
			throw new TrustException(what + " is not a valid date and time: '" + text + "'");
		}
	}

	/** An IMPLICIT context-tagged field {@code [tag]}: whether {@code object} carries that tag. */
	public static boolean hasTag(ASN1Encodable object, int tag) {
		return object instanceof ASN1TaggedObject tagged && tagged.hasContextTag(tag);
	}

	/** The exception's message for people, without a stack or class name when there is a message. */
	public static String plain(Throwable e) {
		String message = e.getMessage();
		return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
	}
}
