package io.mintage.sim.lpc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mintage.sim.ChipPort;
import io.mintage.sim.EmulatedChip;
import io.mintage.sim.FlashArray;
import io.mintage.sim.FlashTiming;
import io.mintage.sim.ResetKind;

/**
 * The UART ISP of an NXP LPC11xx boot ROM (LPC11C24 by default), written from NXP's manuals and the
 * facts in mcu-protocols.md D, not from Mintage's driver, so that the two cannot share a mistake;
 * lpc21isp checks it independently.
 *
 * <p>What it does: autobaud sync on '?', the Synchronized and crystal handshake, echo of every received
 * character while echo is on (A 0/1), U K J N A B W R P C E I M G with the documented return codes, UU
 * data with a checksum after every 20 lines (RESEND on a mismatch), ESC cancelling a command, Unlock
 * gating Copy/Erase/Go, Prepare before each Copy/Erase, flash that only clears bits and takes its
 * datasheet time, the CRP word at 0x2FC read at reset with the command restrictions of CRP1/CRP2/CRP3,
 * and the valid-user-code rule (words 0..7 of the vector table sum to 0): after reset the ROM runs valid
 * code unless the ISP pin is held low (the fixture's default), and CRP3/NO_ISP ignore the pin.
 *
 * <p>Not modelled: the boot ROM mapped over the first 512 bytes of flash while in ISP (reads show flash),
 * C_CAN ISP, and what user code would do once it runs (the chip just stays silent until reset).
 */
public final class LpcIspChip implements EmulatedChip {

	/** The running state, for tests and the sim command. */
	public enum State {
		/** Waiting for '?' (autobaud). */
		WAIT_SYNC,
		/** Synchronised: taking commands. */
		COMMANDS,
		/** The user program runs (after G, or at reset with valid code and the ISP pin released). */
		USER_CODE
	}

	private static final Set<Integer> BAUDS = Set.of(9600, 19200, 38400, 57600, 115200);
	private static final int ESC = 0x1B;
	private static final int MAX_LINE = 70;
	/** ISP variables live below this address; under CRP1 Write to RAM starts here. */
	private static final long RAM_PROTECTED_BELOW = 0x1000_0300L;

	/** LPC11C24 datasheet flash times: 100 ms to erase a 4 KiB sector, 1 ms per 256-byte page. */
	public static FlashTiming datasheetTiming() {
		return new FlashTiming(256, Duration.ofMillis(1), Map.of(4096, Duration.ofMillis(100)), Duration.ofMillis(100), 1.0);
	}

	private final LpcPartModel part;
	private final int[] uid;
	private final FlashTiming timing;
	private final FlashArray flash;
	private final byte[] ram;
	private volatile boolean ispPinLow = true;
	private volatile State state = State.WAIT_SYNC;
	private int crpWord;
	private boolean echo;
	private boolean unlocked;
	private int preparedFirst;
	private int preparedLast;
	private int initialBaud;
	/** A byte read while looking for the LF of a CR LF that turned out to be the next line's. */
	private int pushedBack = -1;
	/** Number of the first received byte of the last line read. */
	private long lineStart;

	/**
	 * @param uid    the four words N reports
	 * @param timing how long flash work takes ({@link #datasheetTiming()}, scaled for fast tests)
	 */
	public LpcIspChip(LpcPartModel part, int[] uid, FlashTiming timing) {
		if (uid.length != 4) {
			throw new IllegalArgumentException("an LPC11xx UID has 4 words, not " + uid.length);
		}
		this.part = part;
		this.uid = uid.clone();
		this.timing = timing;
		this.flash = FlashArray.uniform(0, part.sectorSize(), part.sectorCount());
		this.ram = new byte[part.ramSize()];
	}

	@Override
	public String description() {
		return String.format("%s (part ID 0x%08X), UART ISP", part.name(), part.partId());
	}

	public LpcPartModel part() {
		return part;
	}

	public State state() {
		return state;
	}

	/** Whether the fixture holds PIO0_1 low at reset (ISP entry). Default true. */
	public void setIspPinLow(boolean low) {
		ispPinLow = low;
	}

	/** Puts bytes into flash as a programmer did before (a chip that arrives programmed or protected). */
	public synchronized void load(long address, byte[] bytes) {
		flash.program(address, bytes);
	}

	/** What flash holds now, from address 0. */
	@Override
	public synchronized byte[] flashContents() {
		return flash.read(0, flash.size());
	}

	/** The 16 bytes N reports: its four words, each little-endian (what {@link #uidWords(byte[])} splits). */
	@Override
	public byte[] uid() {
		ByteBuffer bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
		for (int word : uid) {
			bytes.putInt(word);
		}
		return bytes.array();
	}

	/** Whether the CRP word in flash asks for protection (latched, and so enforced, at the next reset). */
	@Override
	public synchronized boolean readoutProtected() {
		return level(word(flash.read(0x2FC, 4), 0)) > 0;
	}

	/** The CRP level latched at the last reset: 0 none, 1..3. */
	public synchronized int crpLevel() {
		return level(crpWord);
	}

	@Override
	public synchronized void reset(ResetKind kind) {
		// RAM contents are undefined after power-up; zero is as good a model as any
		if (kind == ResetKind.POWER_ON || kind == ResetKind.POWER_CYCLE) {
			Arrays.fill(ram, (byte) 0);
		}
		crpWord = word(flash.read(0x2FC, 4), 0);
		echo = true;
		unlocked = false;
		pushedBack = -1;
		preparedFirst = preparedLast = -1;
		boolean validCode = vectorChecksumValid();
		boolean pinIgnored = crpWord == 0x43218765 || crpWord == 0x4E697370;
		state = validCode && (pinIgnored || !ispPinLow) ? State.USER_CODE : State.WAIT_SYNC;
	}

	/** Whether words 0..7 of flash sum to 0, the boot ROM's valid user code rule. */
	public synchronized boolean vectorChecksumValid() {
		byte[] table = flash.read(0, 32);
		int sum = 0;
		for (int i = 0; i < 8; i++) {
			sum += word(table, i * 4);
		}
		return sum == 0;
	}

	@Override
	public void boot(ChipPort port) throws IOException {
		if (initialBaud == 0) {
			initialBaud = port.wire().baudRate();
		}
		// autobaud follows the host: the model starts again at the rate it was set up with
		port.setBaudRate(initialBaud);
		if (state != State.USER_CODE) {
			synchronise(port);
			port.trace("LPC ISP: synchronised");
			serve(port);
		}
		// only a reset (a ChipInterrupt from the port) ends this
		runUserCode(port);
	}

	/** The program runs and ignores the ISP's UART until the next reset. */
	private void runUserCode(ChipPort port) throws IOException {
		state = State.USER_CODE;
		port.trace("LPC ISP: user code runs");
		while (true) {
			port.read();
		}
	}

	private void synchronise(ChipPort port) throws IOException {
		state = State.WAIT_SYNC;
		while (true) {
			if (port.read() != '?') {
				continue;
			}
			port.write(ascii("Synchronized\r\n"));
			String line = readLine(port, true, true);
			if (line == null || !line.equals("Synchronized")) {
				continue;
			}
			port.write(ascii("OK\r\n"));
			String crystal = readLine(port, true, false);
			if (crystal == null || !crystal.matches("[0-9]{1,6}")) {
				continue;
			}
			port.write(ascii("OK\r\n"));
			state = State.COMMANDS;
			return;
		}
	}

	/** Serves commands until G starts the user program. */
	private void serve(ChipPort port) throws IOException {
		while (true) {
			String line = readLine(port, echo, false);
			if (line == null) {
				continue; // ESC: the command was cancelled, nothing is answered
			}
			String[] words = line.trim().split(" +");
			if (words[0].isEmpty()) {
				continue;
			}
			if (port.refusalDue()) {
				answer(port, 11); // BUSY: the fault plan's refusal
				continue;
			}
			// the command's first byte number lets a test aim a fault at it
			port.trace("LPC ISP: " + line.trim() + " @" + lineStart);
			if (execute(port, words)) {
				return;
			}
		}
	}

	/** Runs one command; true when it started the user program. */
	private boolean execute(ChipPort port, String[] w) throws IOException {
		long[] n = numbers(w);
		String c = w[0];
		int crp = level(crpWord);
		switch (c) {
		case "U" -> {
			if (n == null || n.length != 1) {
				answer(port, 12);
			} else if (n[0] != 23130) {
				answer(port, 16);
			} else {
				unlocked = true;
				answer(port, 0);
			}
		}
		case "A" -> {
			if (n == null || n.length != 1 || n[0] > 1) {
				answer(port, 12);
			} else {
				echo = n[0] == 1;
				answer(port, 0);
			}
		}
		case "J" -> answer(port, 0, Long.toString(part.partId()));
		case "K" -> answer(port, 0, Integer.toString(part.bootMinor()), Integer.toString(part.bootMajor()));
		case "N" -> answer(port, 0, unsigned(uid[0]), unsigned(uid[1]), unsigned(uid[2]), unsigned(uid[3]));
		case "B" -> {
			if (n == null || n.length != 2) {
				answer(port, 12);
			} else if (!BAUDS.contains((int) n[0])) {
				answer(port, 17);
			} else if (n[1] != 1 && n[1] != 2) {
				answer(port, 18);
			} else {
				answer(port, 0);
				port.setBaudRate((int) n[0]);
			}
		}
		case "W" -> writeToRam(port, n, crp);
		case "R" -> readMemory(port, n, crp);
		case "P" -> {
			int code = sectors(n);
			if (code == 0) {
				preparedFirst = (int) n[0];
				preparedLast = (int) n[1];
			}
			answer(port, code);
		}
		case "E" -> erase(port, n, crp);
		case "C" -> copy(port, n, crp);
		case "I" -> blankCheck(port, n, crp);
		case "M" -> compare(port, n, crp);
		case "G" -> {
			if (n == null && w.length == 3 && (w[2].equals("T") || w[2].equals("A"))) {
				long[] address = numbers(new String[] { "G", w[1] });
				if (address == null) {
					answer(port, 12);
				} else if (!unlocked) {
					answer(port, 15);
				} else if (crp > 0) {
					answer(port, 19);
				} else if (!w[2].equals("T")) {
					answer(port, 12); // a Cortex-M0 has no ARM mode
				} else {
					answer(port, 0);
					port.leaveBootloader("G " + w[1] + " T accepted");
					return true;
				}
			} else {
				answer(port, 12);
			}
		}
		default -> answer(port, 1);
		}
		return false;
	}

	private void writeToRam(ChipPort port, long[] n, int crp) throws IOException {
		if (n == null || n.length != 2) {
			answer(port, 12);
			return;
		}
		long address = n[0];
		int count = (int) Math.min(n[1], Integer.MAX_VALUE);
		if (crp >= 2 || crp == 1 && address < RAM_PROTECTED_BELOW) {
			answer(port, 19);
		} else if (address % 4 != 0) {
			answer(port, 13);
		} else if (n[1] % 4 != 0) {
			answer(port, 6);
		} else if (!inRam(address, n[1])) {
			answer(port, 14);
		} else {
			answer(port, 0);
			receiveUu(port, address, count);
		}
	}

	/** The data of W: lines of up to 45 bytes; after 20 lines and at the end the host's checksum. */
	private void receiveUu(ChipPort port, long address, int count) throws IOException {
		int done = 0;
		while (done < count) {
			byte[] group = new byte[Math.min(count - done, 20 * 45)];
			int got = 0;
			int lines = 0;
			while (lines < 20 && got < group.length) {
				String line = readLine(port, echo, false);
				if (line == null) {
					return; // ESC: Write to RAM cancelled
				}
				byte[] bytes = uudecode(line);
				int take = Math.min(bytes.length, group.length - got);
				System.arraycopy(bytes, 0, group, got, take);
				got += take;
				lines++;
			}
			String checksum = readLine(port, echo, false);
			if (checksum == null) {
				return;
			}
			long sum = 0;
			for (int i = 0; i < got; i++) {
				sum += group[i] & 0xFF;
			}
			if (checksum.trim().equals(Long.toString(sum)) && got == group.length) {
				synchronized (this) {
					System.arraycopy(group, 0, ram, (int) (address - LpcPartModel.RAM_START) + done, got);
				}
				done += got;
				port.write(ascii("OK\r\n"));
			} else {
				port.trace("LPC ISP: W checksum " + checksum.trim() + " does not match " + sum + ": RESEND");
				port.write(ascii("RESEND\r\n"));
			}
		}
	}

	private void readMemory(ChipPort port, long[] n, int crp) throws IOException {
		if (n == null || n.length != 2) {
			answer(port, 12);
			return;
		}
		long address = n[0];
		if (crp > 0) {
			answer(port, 19);
		} else if (address % 4 != 0) {
			answer(port, 13);
		} else if (n[1] % 4 != 0) {
			answer(port, 6);
		} else if (!inRam(address, n[1]) && !inFlash(address, n[1])) {
			answer(port, 14);
		} else {
			answer(port, 0);
			byte[] data = read(address, (int) n[1]);
			int done = 0;
			while (done < data.length) {
				int end = Math.min(data.length, done + 20 * 45);
				StringBuilder text = new StringBuilder();
				long sum = 0;
				for (int at = done; at < end; at += 45) {
					int length = Math.min(45, end - at);
					text.append(uuencode(data, at, length)).append("\r\n");
					for (int i = 0; i < length; i++) {
						sum += data[at + i] & 0xFF;
					}
				}
				port.write(ascii(text + Long.toString(sum) + "\r\n"));
				String reply = readLine(port, echo, false);
				if (reply == null) {
					return;
				}
				if (reply.trim().equals("OK")) {
					done = end;
				} else if (!reply.trim().equals("RESEND")) {
					return; // neither: the transfer ends, the ROM takes the next command
				}
			}
		}
	}

	private void erase(ChipPort port, long[] n, int crp) throws IOException {
		int code = sectors(n);
		if (code != 0) {
			answer(port, code);
			return;
		}
		int first = (int) n[0];
		int last = (int) n[1];
		boolean all = first == 0 && last == part.sectorCount() - 1;
		if (!unlocked) {
			answer(port, 15);
		} else if (crp == 1 && first == 0 && !all || crp >= 2 && !all) {
			answer(port, 19);
		} else if (first < preparedFirst || last > preparedLast || preparedFirst < 0) {
			answer(port, 9);
		} else {
			for (int sector = first; sector <= last; sector++) {
				port.busy(timing.erase(part.sectorSize()));
				synchronized (this) {
					flash.erase(sector);
				}
			}
			preparedFirst = preparedLast = -1;
			answer(port, 0);
		}
	}

	private void copy(ChipPort port, long[] n, int crp) throws IOException {
		if (n == null || n.length != 3) {
			answer(port, 12);
			return;
		}
		long destination = n[0];
		long source = n[1];
		long count = n[2];
		if (!unlocked) {
			answer(port, 15);
		} else if (crp >= 2 || crp == 1 && destination < part.sectorSize()) {
			answer(port, 19);
		} else if (destination % 256 != 0) {
			answer(port, 3);
		} else if (source % 4 != 0) {
			answer(port, 2);
		} else if (count != 256 && count != 512 && count != 1024 && count != 4096) {
			answer(port, 6);
		} else if (!inFlash(destination, count)) {
			answer(port, 5);
		} else if (!inRam(source, count)) {
			answer(port, 4);
		} else {
			int first = (int) (destination / part.sectorSize());
			int last = (int) ((destination + count - 1) / part.sectorSize());
			if (preparedFirst < 0 || first < preparedFirst || last > preparedLast) {
				answer(port, 9);
				return;
			}
			port.busy(timing.program((int) count));
			synchronized (this) {
				int offset = (int) (source - LpcPartModel.RAM_START);
				flash.program(destination, Arrays.copyOfRange(ram, offset, offset + (int) count));
			}
			preparedFirst = preparedLast = -1;
			answer(port, 0);
		}
	}

	private void blankCheck(ChipPort port, long[] n, int crp) throws IOException {
		int code = sectors(n);
		if (code != 0) {
			answer(port, code);
		} else if (crp > 0) {
			answer(port, 19);
		} else {
			long start = n[0] * part.sectorSize();
			long end = (n[1] + 1) * part.sectorSize();
			byte[] content = read(start, (int) (end - start));
			for (int i = 0; i < content.length; i += 4) {
				int word = word(content, i);
				if (word != -1) {
					answer(port, 8, Long.toString(start + i), unsigned(word));
					return;
				}
			}
			answer(port, 0);
		}
	}

	private void compare(ChipPort port, long[] n, int crp) throws IOException {
		if (n == null || n.length != 3) {
			answer(port, 12);
		} else if (crp > 0) {
			answer(port, 19);
		} else if (n[0] % 4 != 0 || n[1] % 4 != 0) {
			answer(port, 13);
		} else if (n[2] % 4 != 0) {
			answer(port, 6);
		} else if (!(inFlash(n[0], n[2]) || inRam(n[0], n[2])) || !(inFlash(n[1], n[2]) || inRam(n[1], n[2]))) {
			answer(port, 14);
		} else {
			byte[] a = read(n[0], (int) n[2]);
			byte[] b = read(n[1], (int) n[2]);
			for (int i = 0; i < a.length; i += 4) {
				if (word(a, i) != word(b, i)) {
					answer(port, 10, Integer.toString(i));
					return;
				}
			}
			answer(port, 0);
		}
	}

	/** Checks a "start end" sector pair: 0 when fine, else the return code. */
	private int sectors(long[] n) {
		if (n == null || n.length != 2) {
			return 12;
		}
		if (n[0] > n[1] || n[1] >= part.sectorCount()) {
			return 7;
		}
		return 0;
	}

	private synchronized byte[] read(long address, int count) {
		if (inFlash(address, count)) {
			return flash.read(address, count);
		}
		int offset = (int) (address - LpcPartModel.RAM_START);
		return Arrays.copyOfRange(ram, offset, offset + count);
	}

	private boolean inFlash(long address, long count) {
		return address >= 0 && count >= 0 && address + count <= part.sectorSize() * (long) part.sectorCount();
	}

	private boolean inRam(long address, long count) {
		return address >= LpcPartModel.RAM_START && count >= 0
				&& address + count <= LpcPartModel.RAM_START + part.ramSize();
	}

	private void answer(ChipPort port, int code, String... lines) throws IOException {
		StringBuilder text = new StringBuilder().append(code).append("\r\n");
		for (String line : lines) {
			text.append(line).append("\r\n");
		}
		port.write(ascii(text.toString()));
	}

	/**
	 * One non-empty line, CR or LF ending it, echoing each character as it comes when echo is on. Null when ESC cancelled it. Characters beyond
	 * the ROM's buffer are dropped.
	 */
	private String readLine(ChipPort port, boolean echoOn, boolean skipQuestionMarks) throws IOException {
		StringBuilder line = new StringBuilder();
		while (true) {
			int b = pushedBack >= 0 ? pushedBack : port.read();
			pushedBack = -1;
			if (b == ESC) {
				return null;
			}
			if (skipQuestionMarks && b == '?' && line.length() == 0) {
				continue; // more autobaud characters the host sent before it saw the answer
			}
			if (echoOn) {
				port.write(b);
			}
			if (b == '\r' || b == '\n') {
				if (line.length() > 0) {
					if (b == '\r') {
						takeLineFeed(port, echoOn);
					}
					return line.toString();
				}
				continue; // the other half of CR LF, or an empty line: the ROM ignores it
			}
			if (b == 0x11 || b == 0x13) {
				continue;
			}
			if (line.length() == 0) {
				lineStart = port.received() - 1;
			}
			if (line.length() < MAX_LINE) {
				line.append((char) b);
			}
		}
	}

	/** Takes the LF of a CR LF with its line, so the echo of the pair comes before the answer. */
	private void takeLineFeed(ChipPort port, boolean echoOn) throws IOException {
		long wait = Math.max(5_000_000L, 20 * port.wire().nanosPerByte());
		int next = port.read(Duration.ofNanos(wait));
		if (next == '\n') {
			if (echoOn) {
				port.write(next);
			}
		} else if (next >= 0) {
			pushedBack = next;
		}
	}

	static byte[] uudecode(String line) {
		int length = value(line.charAt(0));
		byte[] bytes = new byte[Math.min(length, 45)];
		int group = 0;
		int bits = 0;
		int out = 0;
		for (int i = 1; i < line.length() && out < bytes.length; i++) {
			group = group << 6 | value(line.charAt(i));
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				bytes[out++] = (byte) (group >> bits);
			}
		}
		// a short line leaves zeros: the checksum then tells the host to send it again
		return bytes;
	}

	static String uuencode(byte[] data, int offset, int length) {
		StringBuilder line = new StringBuilder().append(character(length));
		for (int i = 0; i < length; i += 3) {
			int b0 = data[offset + i] & 0xFF;
			int b1 = i + 1 < length ? data[offset + i + 1] & 0xFF : 0;
			int b2 = i + 2 < length ? data[offset + i + 2] & 0xFF : 0;
			int group = b0 << 16 | b1 << 8 | b2;
			for (int shift = 18; shift >= 0; shift -= 6) {
				line.append(character(group >> shift & 63));
			}
		}
		return line.toString();
	}

	private static char character(int value) {
		return value == 0 ? '`' : (char) (0x20 + value);
	}

	private static int value(char c) {
		return (c - 0x20) & 63;
	}

	/** Decimal numbers after the command letter; null when one is not a number. */
	private static long[] numbers(String[] words) {
		long[] n = new long[words.length - 1];
		for (int i = 1; i < words.length; i++) {
			try {
				n[i - 1] = Long.parseLong(words[i]);
			} catch (NumberFormatException e) {
				return null;
			}
			if (n[i - 1] < 0 || n[i - 1] > 0xFFFF_FFFFL) {
				return null;
			}
		}
		return n;
	}

	private static int level(int word) {
		return switch (word) {
		case 0x12345678 -> 1;
		case 0x87654321 -> 2;
		case 0x43218765 -> 3;
		default -> 0;
		};
	}

	private static int word(byte[] bytes, int offset) {
		return ByteBuffer.wrap(bytes, offset, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
	}

	private static String unsigned(int word) {
		return Integer.toUnsignedString(word);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	@Override
	public String toString() {
		return description();
	}

	/** The four words N reports for 16 UID bytes read as four little-endian words. */
	public static int[] uidWords(byte[] bytes) {
		ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		return new int[] { buffer.getInt(), buffer.getInt(), buffer.getInt(), buffer.getInt() };
	}

	/** Splits 32 hex digits into the four words N reports, each word's digits as written. */
	public static int[] uidWords(String hex) {
		List<Integer> words = new ArrayList<>();
		for (int i = 0; i < 32; i += 8) {
			words.add(Integer.parseUnsignedInt(hex.substring(i, i + 8), 16));
		}
		return words.stream().mapToInt(Integer::intValue).toArray();
	}
}
