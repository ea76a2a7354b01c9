package io.mintage.trust.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import io.mintage.trust.TrustException;

/**
 * Reads DER element by element from a stream, for files too large to hold: headers (tag and length) are
 * taken only in their DER form — one identifier byte, a definite length in the fewest bytes — and an
 * element's bytes are read whole only up to a limit the caller gives. What an element holds is left to
 * {@link Der#parse}, which checks it is canonical; together that is the check {@link Der#parse} makes
 * on a whole file.
 */
public final class DerInput {

	/** A tag and a length as the file has them, and where the element's value ends. */
	public record Header(int tag, long length, byte[] encoded, long end) {

		public boolean constructed() {
			return (tag & 0x20) != 0;
		}
	}

	private final InputStream in;
	private final String what;
	private final String whole;
	private long position;

	/**
	 * @param in    read as far as the elements asked for, never further
	 * @param what  names what is read, in refusals ("the production report 'r.der'")
	 * @param whole what {@code in} is, for a refusal when it ends too early ("the file")
	 */
	public DerInput(InputStream in, long position, String what, String whole) {
		this.in = in;
		this.position = position;
		this.what = what;
		this.whole = whole;
	}

	public long position() {
		return position;
	}

	/** The next header, which must be tag {@code expected}; {@code element} names the element in refusals. */
	public Header header(int expected, String element) throws TrustException, IOException {
		Header header = header(element);
		if (header.tag() != expected) {
			throw new TrustException(what + ": " + element + " is not what Mintage writes there (tag 0x"
					+ Integer.toHexString(header.tag()) + ", expected 0x" + Integer.toHexString(expected) + ")");
		}
		return header;
	}

	public Header header(String element) throws TrustException, IOException {
		byte[] encoded = new byte[10];
		int tag = read(element);
		encoded[0] = (byte) tag;
		if ((tag & 0x1F) == 0x1F) {
			throw new TrustException(what + ": " + element + " has a tag number Mintage never writes");
		}
		int first = read(element);
		encoded[1] = (byte) first;
		int size = 2;
		long length;
		if (first < 0x80) {
			length = first;
		} else if (first == 0x80) {
			throw new TrustException(what + " is not in DER: " + element + " has an indefinite length (BER)");
		} else {
			int count = first & 0x7F;
			if (count > 7) {
				throw new TrustException(what + ": " + element + " claims a length of " + count + " bytes' worth");
			}
			length = 0;
			for (int i = 0; i < count; i++) {
				int next = read(element);
				encoded[size++] = (byte) next;
				if (i == 0 && next == 0) {
					throw new TrustException(what + " is not in canonical DER: the length of " + element
							+ " has a leading zero byte");
				}
				length = (length << 8) | next;
			}
			if (length < 0x80) {
				throw new TrustException(what + " is not in canonical DER: the length of " + element
						+ " is written in the long form, though it is below 128");
			}
		}
		byte[] exact = new byte[size];
		System.arraycopy(encoded, 0, exact, 0, size);
		return new Header(tag, length, exact, position + length);
	}

	/** The value of an element whose header was just read, at most {@code limit} bytes. */
	public byte[] value(Header header, int limit, String element) throws TrustException, IOException {
		if (header.length() > limit) {
			throw new TrustException(what + ": " + element + " has " + header.length() + " bytes; Mintage reads at most "
					+ limit + " there");
		}
		byte[] value = new byte[(int) header.length()];
		int done = 0;
		while (done < value.length) {
			int count = in.read(value, done, value.length - done);
			if (count < 0) {
				throw cutShort(element);
			}
			done += count;
		}
		position += value.length;
		return value;
	}

	/** A whole element, header and value, as its DER bytes, at most {@code limit} bytes of value. */
	public byte[] element(int limit, String element) throws TrustException, IOException {
		Header header = header(element);
		return concat(header.encoded(), value(header, limit, element));
	}

	/** Like {@link #element(int, String)}, for an element that must end by {@code end}. */
	public byte[] element(int limit, long end, String element) throws TrustException, IOException {
		Header header = header(element);
		within(header, end, element);
		return concat(header.encoded(), value(header, limit, element));
	}

	/** Refuses an element running past the end of the one that holds it. */
	public void within(Header header, long end, String element) throws TrustException {
		if (header.end() > end) {
			throw new TrustException(what + " is malformed: " + element + " runs past the end of what holds it");
		}
	}

	private int read(String element) throws TrustException, IOException {
		int b = in.read();
		if (b < 0) {
			throw cutShort(element);
		}
		position++;
		return b;
	}

	private TrustException cutShort(String element) {
		return new TrustException(what + " is cut short: " + whole + " ends inside " + element, new EOFException());
	}

	/** A DER header for {@code tag} and {@code length}, the length in the fewest bytes. */
	public static byte[] header(int tag, long length) {
		if (length < 0x80) {
			return new byte[] { (byte) tag, (byte) length };
		}
		int count = (64 - Long.numberOfLeadingZeros(length) + 7) / 8;
		byte[] header = new byte[2 + count];
		header[0] = (byte) tag;
		header[1] = (byte) (0x80 | count);
		for (int i = 0; i < count; i++) {
			header[2 + i] = (byte) (length >>> (8 * (count - 1 - i)));
		}
		return header;
	}

	/** The element {@code tag} holding {@code parts} one after another. */
	public static byte[] element(int tag, byte[]... parts) {
		long length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] header = header(tag, length);
		byte[] all = new byte[header.length + (int) length];
		System.arraycopy(header, 0, all, 0, header.length);
		int at = header.length;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, at, part.length);
			at += part.length;
		}
		return all;
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] all = new byte[a.length + b.length];
		System.arraycopy(a, 0, all, 0, a.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}
}
