package io.mintage.core.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.zip.CRC32;

/**
 * A firmware image as a sparse set of segments in a 32-bit address space, whatever file format it
 * was read from.
 * <p>
 * Segments are sorted, never overlap and never touch (touching runs are merged), so two images with
 * the same bytes at the same addresses are equal no matter how their files split the records. The
 * digests cover the whole span from the lowest to the highest address with the gaps filled by the
 * erased value: that is what a chip reads back after an erase and a program, so it is the figure a
 * verify step and a person comparing files need.
 */
public final class FirmwareImage {

	private static final int DIGEST_CHUNK = 64 * 1024;

	private final String format;
	private final List<Segment> segments;
	private final int erasedValue;
	private final Long entryPoint;
	private volatile Digests digests;

	FirmwareImage(String format, List<Segment> segments, int erasedValue, Long entryPoint) {
		if (segments.isEmpty()) {
			throw new IllegalArgumentException("an image holds at least one segment");
		}
		this.format = Objects.requireNonNull(format);
		this.segments = List.copyOf(segments);
		this.erasedValue = erasedValue;
		this.entryPoint = entryPoint;
	}

	/** Human-readable name of the format the image was read from, e.g. "Intel HEX". */
	public String format() {
		return format;
	}

	public List<Segment> segments() {
		return segments;
	}

	/** Value of an erased flash byte, used to fill gaps (0xFF for the supported families). */
	public int erasedValue() {
		return erasedValue;
	}

	/** Start address stated by the file (HEX type 03/05, S-record S7–S9, ELF e_entry), if any. */
	public OptionalLong entryPoint() {
		return entryPoint == null ? OptionalLong.empty() : OptionalLong.of(entryPoint);
	}

	public long lowestAddress() {
		return segments.get(0).address();
	}

	/** First address after the last byte of the image. */
	public long endAddress() {
		return segments.get(segments.size() - 1).end();
	}

	/** Bytes from the lowest to the highest address, gaps included. */
	public long span() {
		return endAddress() - lowestAddress();
	}

	/** Bytes actually defined by the file, gaps excluded. */
	public long dataSize() {
		return segments.stream().mapToLong(Segment::length).sum();
	}

	/** The bytes in [from, from + length), gaps and addresses outside the image filled with the erased value. */
	public byte[] read(long from, int length) {
		byte[] out = new byte[length];
		Arrays.fill(out, (byte) erasedValue);
		for (Segment segment : segments) {
			if (segment.end() > from && segment.address() < from + length) {
				segment.copyInto(from, out);
			}
		}
		return out;
	}

	/** CRC-32 (IEEE 802.3, as java.util.zip and zlib) of the span, gaps filled. */
	public long crc32() {
		return digests().crc32;
	}

	/** SHA-256 of the span, gaps filled, as lower-case hex. */
	public String sha256() {
		return digests().sha256;
	}

	private Digests digests() {
		Digests computed = digests;
		if (computed == null) {
			computed = computeDigests();
			digests = computed;
		}
		return computed;
	}

	private Digests computeDigests() {
		CRC32 crc = new CRC32();
		MessageDigest sha;
		try {
			sha = MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java runtime has SHA-256", e);
		}
		byte[] fill = new byte[DIGEST_CHUNK];
		Arrays.fill(fill, (byte) erasedValue);
		long cursor = lowestAddress();
		for (Segment segment : segments) {
			for (long gap = segment.address() - cursor; gap > 0; gap -= DIGEST_CHUNK) {
				int n = (int) Math.min(gap, DIGEST_CHUNK);
				crc.update(fill, 0, n);
				sha.update(fill, 0, n);
			}
			byte[] data = segment.data();
			crc.update(data);
			sha.update(data);
			cursor = segment.end();
		}
		return new Digests(crc.getValue(), HexFormat.of().formatHex(sha.digest()));
	}

	/** Same bytes at the same addresses with the same erased value; format and entry point do not count. */
	public boolean sameContentAs(FirmwareImage other) {
		return erasedValue == other.erasedValue && segments.equals(other.segments);
	}

	@Override
	public String toString() {
		return String.format("%s image, %d segment(s), 0x%08X..0x%08X", format, segments.size(), lowestAddress(),
				endAddress() - 1);
	}

	private record Digests(long crc32, String sha256) {
	}
}
