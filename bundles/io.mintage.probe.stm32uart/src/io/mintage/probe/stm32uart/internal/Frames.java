package io.mintage.probe.stm32uart.internal;

import java.util.List;

/**
 * The byte frames of AN3155, built without touching a line so they can be checked on their own:
 * a command is its code and the complement, every block ends with the XOR of its bytes, addresses
 * go MSB first (mcu-protocols.md A.2, A.3).
 */
final class Frames {

	static final int ACK = 0x79;
	static final int NACK = 0x1F;
	/** Newer bootloaders send it while they work; F0/F1/F4 never do, but it costs nothing to skip. */
	static final int BUSY = 0x76;
	static final int SYNC = 0x7F;

	static final int GET = 0x00;
	static final int GET_VERSION = 0x01;
	static final int GET_ID = 0x02;
	static final int READ_MEMORY = 0x11;
	static final int GO = 0x21;
	static final int WRITE_MEMORY = 0x31;
	static final int ERASE = 0x43;
	static final int EXTENDED_ERASE = 0x44;
	static final int WRITE_PROTECT = 0x63;
	static final int WRITE_UNPROTECT = 0x73;
	static final int READOUT_PROTECT = 0x82;
	static final int READOUT_UNPROTECT = 0x92;
	static final int GET_CHECKSUM = 0xA1;

	/** Read and Write Memory move at most this many bytes per command. */
	static final int MAX_BLOCK = 256;
	/** Erase (0x43) counts pages in one byte and 0xFF means "global": at most 255 pages per command. */
	static final int MAX_ERASE_PAGES = 255;
	/** stm32flash's bound for Extended Erase; some bootloaders refuse longer lists. */
	static final int MAX_EXTENDED_ERASE_PAGES = 512;

	private Frames() {
	}

	static byte[] command(int code) {
		return new byte[] { (byte) code, (byte) (code ^ 0xFF) };
	}

	static int xor(byte[] bytes, int from, int to) {
		int x = 0;
		for (int i = from; i < to; i++) {
			x ^= bytes[i] & 0xFF;
		}
		return x;
	}

	/** Four bytes MSB first and their XOR. */
	static byte[] address(long address) {
		if (address < 0 || address > 0xFFFF_FFFFL) {
			throw new IllegalArgumentException(String.format("0x%X is not a 32-bit address", address));
		}
		return withXor(new byte[] { (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8),
				(byte) address });
	}

	/** Read Memory's length: N = bytes - 1 and its complement. */
	static byte[] readLength(int length) {
		checkBlock(length);
		int n = length - 1;
		return new byte[] { (byte) n, (byte) (n ^ 0xFF) };
	}

	/** Write Memory's block: N = bytes - 1, the bytes, XOR of N and the bytes. */
	static byte[] writeBlock(byte[] data, int offset, int length) {
		checkBlock(length);
		if (length % 4 != 0) {
			throw new IllegalArgumentException("a write block of " + length + " bytes is not a multiple of 4");
		}
		byte[] frame = new byte[length + 2];
		frame[0] = (byte) (length - 1);
		System.arraycopy(data, offset, frame, 1, length);
		frame[length + 1] = (byte) xor(frame, 0, length + 1);
		return frame;
	}

	/** Erase (0x43) page list: N = pages - 1, one byte per page, XOR. */
	static byte[] pageList(List<Integer> pages) {
		if (pages.isEmpty() || pages.size() > MAX_ERASE_PAGES) {
			throw new IllegalArgumentException("Erase takes 1 to " + MAX_ERASE_PAGES + " pages, not " + pages.size());
		}
		byte[] frame = new byte[pages.size() + 2];
		frame[0] = (byte) (pages.size() - 1);
		for (int i = 0; i < pages.size(); i++) {
			int page = pages.get(i);
			if (page < 0 || page > 0xFF) {
				throw new IllegalArgumentException("page " + page + " cannot be named by Erase (0x43): one byte only");
			}
			frame[i + 1] = (byte) page;
		}
		frame[frame.length - 1] = (byte) xor(frame, 0, frame.length - 1);
		return frame;
	}

	/** Extended Erase (0x44) page list: N = pages - 1 and the pages, 16 bits MSB first, XOR of all. */
	static byte[] extendedPageList(List<Integer> pages) {
		if (pages.isEmpty() || pages.size() > MAX_EXTENDED_ERASE_PAGES) {
			throw new IllegalArgumentException(
					"Extended Erase takes 1 to " + MAX_EXTENDED_ERASE_PAGES + " pages, not " + pages.size());
		}
		byte[] frame = new byte[2 + 2 * pages.size() + 1];
		int n = pages.size() - 1;
		frame[0] = (byte) (n >>> 8);
		frame[1] = (byte) n;
		for (int i = 0; i < pages.size(); i++) {
			int page = pages.get(i);
			if (page < 0 || page >= 0xFFF0) {
				throw new IllegalArgumentException("page " + page + " cannot be named by Extended Erase (0x44)");
			}
			frame[2 + 2 * i] = (byte) (page >>> 8);
			frame[3 + 2 * i] = (byte) page;
		}
		frame[frame.length - 1] = (byte) xor(frame, 0, frame.length - 1);
		return frame;
	}

	/** Erase (0x43) global erase: 0xFF and its complement. */
	static byte[] globalErase() {
		return new byte[] { (byte) 0xFF, 0x00 };
	}

	/** Extended Erase (0x44) special code 0xFFFF, mass erase, with its XOR. */
	static byte[] extendedMassErase() {
		return new byte[] { (byte) 0xFF, (byte) 0xFF, 0x00 };
	}

	/** Get Checksum's length: bytes as 4 bytes MSB first and their XOR; a multiple of 4. */
	static byte[] checksumLength(long length) {
		if (length <= 0 || length % 4 != 0 || length > 0xFFFF_FFFFL) {
			throw new IllegalArgumentException("a checksum length must be a positive multiple of 4, not " + length);
		}
		return address(length);
	}

	private static void checkBlock(int length) {
		if (length < 1 || length > MAX_BLOCK) {
			throw new IllegalArgumentException("a block has 1 to " + MAX_BLOCK + " bytes, not " + length);
		}
	}

	private static byte[] withXor(byte[] bytes) {
		byte[] frame = new byte[bytes.length + 1];
		System.arraycopy(bytes, 0, frame, 0, bytes.length);
		frame[bytes.length] = (byte) xor(bytes, 0, bytes.length);
		return frame;
	}

	static String hex(int code) {
		return String.format("0x%02X", code);
	}
}
