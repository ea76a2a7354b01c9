package io.mintage.probe.lpcisp.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.mintage.serial.Drain;
import io.mintage.serial.SerialLine;

/**
 * The ISP's text protocol on a serial line: commands with their echo, return codes, response lines and
 * the UU-encoded data of Write to RAM and Read Memory with a checksum every 20 lines.
 *
 * <p>The ROM echoes every character (echo is on after reset and stays on). The channel uses that as the
 * command's integrity check: it sends a command without its line end, compares the echo and only then
 * sends CR LF, on which the chip acts. A byte changed or lost on the way is caught before an Erase or a
 * Copy runs with the wrong sector or address; the half-typed line is cancelled with ESC.
 */
final class IspChannel {

	static final byte ESC = 0x1B;
	private static final byte XON = 0x11;
	private static final byte XOFF = 0x13;
	/** A command's answer comes within this on any chip; flash work adds its own time. */
	static final Duration ANSWER = Duration.ofMillis(500);
	private static final int MAX_LINE = 200;
	/** Reads wait at most this long at a time (see {@link #next(long)}). */
	private static final Duration READ_SLICE = Duration.ofMillis(50);
	/** UU lines the host may send ahead of their echo (see {@link #writeRam}). */
	static final int WINDOW = 4;

	private final SerialLine line;
	private final byte[] buffer = new byte[512];
	private int position;
	private int limit;

	IspChannel(SerialLine line) {
		this.line = line;
	}

	String name() {
		return line.name();
	}

	SerialLine line() {
		return line;
	}

	/** The time to allow for {@code bytes} on the wire both ways, plus a command's answer time. */
	Duration wire(int bytes) {
		return ANSWER.plusNanos(2L * bytes * line.settings().nanosPerByte());
	}

	void send(String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
		line.write(bytes, 0, bytes.length);
	}

	void sendLine(String text) throws IOException {
		send(text + "\r\n");
	}

	/**
	 * Runs a command: sends it, checks the echo, ends the line, reads the return code and then
	 * {@code responseLines} lines.
	 *
	 * @throws IspCommandException when the code is not CMD_SUCCESS
	 * @throws IOException         when the echo differs (the command was cancelled unrun), or nothing or
	 *                             nonsense came back
	 */
	List<String> command(String command, int responseLines, Duration work) throws IOException {
		send(command);
		expectEcho(command);
		sendLine("");
		String answer = readLine(ANSWER.plus(work), command);
		int code = returnCode(answer, command);
		if (code != 0) {
			String detail = "";
			try {
				// these codes come with where the first difference is (and, for blank check, what is there)
				if (code == ReturnCode.COMPARE_ERROR.code()) {
					detail = " (first difference at offset " + readLine(ANSWER, command) + ")";
				} else if (code == ReturnCode.SECTOR_NOT_BLANK.code()) {
					String offset = readLine(ANSWER, command);
					detail = " (address " + offset + " holds " + readLine(ANSWER, command) + ")";
				}
			} catch (IOException e) {
				// the detail is a courtesy; the code says what matters
			}
			throw new IspCommandException(line.name(), command, code, detail);
		}
		List<String> lines = new ArrayList<>(responseLines);
		for (int i = 0; i < responseLines; i++) {
			lines.add(readLine(ANSWER, command));
		}
		return lines;
	}

	/** Reads the echo of what was just sent and cancels the line with ESC when it differs. */
	void expectEcho(String sent) throws IOException {
		byte[] expected = sent.getBytes(StandardCharsets.ISO_8859_1);
		byte[] echo = new byte[expected.length];
		long deadline = System.nanoTime() + wire(expected.length).toNanos();
		for (int i = 0; i < echo.length; i++) {
			int b = next(deadline);
			// what is left of the previous answer's CR LF, and flow control, comes before the echo
			while (i == 0 && (b == '\r' || b == '\n' || b == XON || b == XOFF)) {
				b = next(deadline);
			}
			if (b < 0) {
				line.write(ESC);
				throw new IOException(line.name() + ": the chip echoed only '"
						+ Uuencode.printable(new String(echo, 0, i, StandardCharsets.ISO_8859_1)) + "' of '"
						+ Uuencode.printable(sent) + "' within " + wire(expected.length).toMillis()
						+ " ms; a byte was lost on the line or the chip stopped listening, the command was cancelled");
			}
			echo[i] = (byte) b;
		}
		if (!Arrays.equals(echo, expected)) {
			line.write(ESC);
			throw new IOException(line.name() + ": the chip heard '"
					+ Uuencode.printable(new String(echo, StandardCharsets.ISO_8859_1)) + "' for '"
					+ Uuencode.printable(sent) + "'; a byte was changed on the line, the command was cancelled before it ran");
		}
	}

	/** The next non-empty line; CR, LF and runs of them end a line, XON/XOFF are flow control, not text. */
	String readLine(Duration timeout, String during) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		StringBuilder text = new StringBuilder();
		while (true) {
			int b = next(deadline);
			if (b < 0) {
				throw new IOException(line.name() + ": " + (text.length() == 0 ? "no answer" : "only '"
						+ Uuencode.printable(text.toString()) + "' without a line end") + " to '"
						+ Uuencode.printable(during) + "' within " + timeout.toMillis() + " ms");
			}
			if (b == '\r' || b == '\n') {
				if (text.length() > 0) {
					return text.toString();
				}
			} else if (b != XON && b != XOFF) {
				text.append((char) b);
				if (text.length() > MAX_LINE) {
					throw new IOException(line.name() + ": a line of more than " + MAX_LINE
							+ " characters without an end came after '" + Uuencode.printable(during)
							+ "': this is not an LPC ISP answering, or the baud rate is wrong");
				}
			}
		}
	}

	/** Drops what has arrived and was not read yet, without waiting for more. */
	void discardPending() throws IOException {
		position = limit = 0;
		byte[] scrap = new byte[256];
		while (line.read(scrap, 0, scrap.length, Duration.ZERO) > 0) {
			// dropped
		}
		line.discardInput();
	}

	/** Drops whatever comes until the line has been quiet for {@code quiet} (at most 3 s), and what was buffered. */
	void drain(Duration quiet) throws IOException {
		position = limit = 0;
		Drain.untilQuiet(line, quiet, Duration.ofSeconds(3));
	}

	/**
	 * Write to RAM: {@code W address count}, then the data as UU lines with the checksum after every 20
	 * lines (and after the last). The chip answers OK or RESEND; a group is sent again up to 3 times.
	 *
	 * <p>The lines of a group and its checksum are pipelined: the line is full duplex and the ROM echoes
	 * each character as it takes it, so waiting for the echo of every line before sending the next would
	 * only add a turnaround per line. The host waits where the protocol makes it, for OK or RESEND after
	 * the checksum, and otherwise stays at most {@link #WINDOW} lines ahead of the echo: a chip that
	 * stops taking characters (XOFF, a stall) is never sent more than that (lpc21isp sends 4 lines
	 * before it reads their echo, too). The echo of the data is read and skipped; the checksum, not the
	 * echo, guards the data. A line damaged on the way makes the chip answer RESEND, or (a lost line end)
	 * wait for more, which the answer's deadline turns into a failure the step's retry handles.
	 */
	void writeRam(long address, byte[] data) throws IOException {
		command("W " + address + " " + data.length, 0, Duration.ZERO);
		int lineCount = (data.length + Uuencode.LINE_BYTES - 1) / Uuencode.LINE_BYTES;
		for (int first = 0; first < lineCount; first += Uuencode.LINES_PER_CHECKSUM) {
			int last = Math.min(lineCount, first + Uuencode.LINES_PER_CHECKSUM);
			int from = first * Uuencode.LINE_BYTES;
			int to = Math.min(data.length, last * Uuencode.LINE_BYTES);
			String sum = Long.toString(Uuencode.sum(data, from, to - from));
			List<byte[]> lines = new ArrayList<>(last - first);
			for (int offset = from; offset < to; offset += Uuencode.LINE_BYTES) {
				lines.add((Uuencode.encodeLine(data, offset, Math.min(Uuencode.LINE_BYTES, to - offset)) + "\r\n")
						.getBytes(StandardCharsets.ISO_8859_1));
			}
			byte[] checksum = (sum + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
			String during = "the UU data for " + String.format("0x%08X", address + from);
			String answer = null;
			for (int attempt = 1; attempt <= 3; attempt++) {
				int echoed = 0;
				for (int i = 0; i < lines.size(); i++) {
					line.write(lines.get(i), 0, lines.get(i).length);
					while (i + 1 - echoed > WINDOW) {
						readLine(wire(WINDOW * 2 * (Uuencode.LINE_BYTES * 4 / 3 + 3)), during);
						echoed++;
					}
				}
				line.write(checksum, 0, checksum.length);
				answer = groupAnswer(lines.size() - echoed, sum,
						wire((lines.size() - echoed) * (Uuencode.LINE_BYTES * 4 / 3 + 3) + checksum.length), during);
				if (answer.equals("OK")) {
					break;
				}
				if (!answer.equals("RESEND")) {
					throw new IOException(line.name() + ": the chip answered '" + Uuencode.printable(answer)
							+ "' to the checksum of " + describe(address + from, to - from) + " (OK or RESEND expected)");
				}
			}
			if (!"OK".equals(answer)) {
				throw new IOException(line.name() + ": the chip asked 3 times to resend " + describe(address + from, to - from)
						+ ": the data keeps arriving damaged");
			}
		}
	}

	/**
	 * After a group went out: the rest of its echo (one line per data line not read yet, then the
	 * checksum) and the chip's OK or RESEND. Echo lines are recognised as such (a UU line's length
	 * character is at most 'M', so no data line reads OK or RESEND), so an echo that lost or merged a
	 * line end does not shift the answer.
	 */
	private String groupAnswer(int lines, String sum, Duration timeout, String during) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (int i = 0; i <= lines + 1; i++) {
			String text = readLine(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), during);
			if (text.equals("OK") || text.equals("RESEND")) {
				return text;
			}
		}
		// more lines than the group has echoes: the last one is the chip's answer, whatever it says
		return readLine(ANSWER, "the checksum " + sum);
	}

	/**
	 * Read Memory: {@code R address count}; the chip sends UU lines and after every 20 lines (and the
	 * last) a checksum, which the host answers with OK or RESEND (up to 3 times a group).
	 */
	byte[] readMemory(long address, int count) throws IOException {
		command("R " + address + " " + count, 0, Duration.ZERO);
		byte[] out = new byte[count];
		int done = 0;
		while (done < count) {
			boolean accepted = false;
			for (int attempt = 1; attempt <= 3 && !accepted; attempt++) {
				int position = done;
				long sum = 0;
				boolean damaged = false;
				for (int lines = 0; lines < Uuencode.LINES_PER_CHECKSUM && position < count; lines++) {
					String text = readLine(wire(Uuencode.LINE_BYTES * 2), "R " + address + " " + count);
					int expected = Math.min(Uuencode.LINE_BYTES, count - position);
					try {
						byte[] bytes = Uuencode.decodeLine(text);
						if (bytes.length != expected) {
							damaged = true;
						} else {
							System.arraycopy(bytes, 0, out, position, bytes.length);
							sum += Uuencode.sum(bytes, 0, bytes.length);
						}
					} catch (IOException e) {
						damaged = true;
					}
					position += expected;
				}
				String checksum = readLine(ANSWER, "R " + address + " " + count);
				accepted = !damaged && checksum.equals(Long.toString(sum));
				String reply = accepted ? "OK" : "RESEND";
				sendLine(reply);
				readLine(wire(8), reply);
				if (accepted) {
					done = position;
				}
			}
			if (!accepted) {
				throw new IOException(line.name() + ": the data of " + describe(address + done, Math.min(count - done, 900))
						+ " arrived damaged 3 times");
			}
		}
		return out;
	}

	private int returnCode(String answer, String command) throws IOException {
		try {
			return Integer.parseInt(answer.trim());
		} catch (NumberFormatException e) {
			throw new IOException(line.name() + ": the chip answered '" + Uuencode.printable(answer) + "' to '"
					+ command + "' where a return code was expected");
		}
	}

	/**
	 * The next byte, -1 once the deadline passed. The line is asked in slices of a fixed length: a
	 * serial driver may reconfigure the port for every new read timeout, which a deadline that moves
	 * on by the millisecond would otherwise cause on nearly every read.
	 */
	private int next(long deadline) throws IOException {
		while (position == limit) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return -1;
			}
			int n = line.read(buffer, 0, buffer.length, left > READ_SLICE.toNanos() ? READ_SLICE : Duration.ofNanos(left));
			if (n < 0) {
				return -1;
			}
			position = 0;
			limit = n;
		}
		return buffer[position++] & 0xFF;
	}

	static String describe(long address, int length) {
		return String.format("0x%08X..0x%08X", address, address + length - 1);
	}
}
