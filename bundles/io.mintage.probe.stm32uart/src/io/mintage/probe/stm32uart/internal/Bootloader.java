package io.mintage.probe.stm32uart.internal;

import static io.mintage.probe.stm32uart.internal.Frames.ACK;
import static io.mintage.probe.stm32uart.internal.Frames.BUSY;
import static io.mintage.probe.stm32uart.internal.Frames.NACK;
import static io.mintage.probe.stm32uart.internal.Frames.SYNC;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.mintage.serial.Lines;
import io.mintage.serial.SerialLine;

/**
 * One AN3155 exchange per method, exactly as mcu-protocols.md A.3 lists them, on a line the caller
 * owns. No retries and no policy here: a NACK is a {@link NackException} naming the phase it came
 * in, silence an {@link IOException} naming what the host waited for. {@link Stm32Connection} decides
 * what to try again and what to tell people.
 */
final class Bootloader {

	/** What Get reports: the protocol version (0x31 = 3.1) and the commands this bootloader knows. */
	record Commands(int version, Set<Integer> codes) {

		boolean has(int code) {
			return codes.contains(code);
		}
	}

	/** After an error the chip may still send a second NACK (F0 V2.1, F40x quirk) or an answer's tail. */
	private static final Duration QUIET = Duration.ofMillis(15);
	private static final Duration DRAIN_LIMIT = Duration.ofSeconds(2);
	/** Longest frame a chip can be waiting for the rest of: Write Memory's N, 256 bytes, XOR. */
	private static final int LONGEST_FRAME = 1 + Frames.MAX_BLOCK + 1;

	private final SerialLine line;
	private final Timeouts timeouts;

	Bootloader(SerialLine line, Timeouts timeouts) {
		this.line = line;
		this.timeouts = timeouts;
	}

	SerialLine line() {
		return line;
	}

	/**
	 * Sends one 0x7F and reads the answer: ACK when the chip has just measured the baud rate, NACK when
	 * it was synchronised already and took 0x7F as half a command (stm32flash's rule).
	 *
	 * @return the answer byte, -1 when none came
	 */
	int syncOnce() throws IOException {
		line.write((byte) SYNC);
		int answer = Lines.readByte(line, timeouts.answer());
		if (answer != ACK) {
			drain();
		}
		return answer;
	}

	/**
	 * Finishes a frame a host abandoned: a chip left in the middle of one (the station was killed, the
	 * cable pulled during a Write Memory block) takes every 0x7F probe as one more byte of that frame
	 * and stays silent until it has them all, up to 258. One frame's worth of 0x7F completes it; the
	 * chip then answers (NACK for the checksum that no longer fits, NACKs for the 0x7F pairs after it)
	 * and resync() brings it to a command boundary. Only 0x7F, never filler bytes: a chip that is still
	 * measuring the baud rate takes any other byte as a wrong rate (AN2606), while 0x7F is what it
	 * waits for.
	 *
	 * @return true when the chip answered and waits for a command, false when nothing answered (no chip)
	 */
	boolean finishAbandonedFrame() throws IOException {
		byte[] probes = new byte[LONGEST_FRAME + 1];
		Arrays.fill(probes, (byte) SYNC);
		send(probes);
		if (Lines.readByte(line, timeouts.answer().plus(wire(probes.length))) < 0) {
			return false;
		}
		resync();
		return true;
	}

	/** Get (0x00): ACK, N, version, N command codes, ACK. */
	Commands get() throws IOException {
		command(Frames.GET, "Get");
		int n = readBytes(1, timeouts.answer(), "Get's length")[0] & 0xFF;
		byte[] body = readBytes(n + 1, timeouts.answer(), "Get's command list");
		awaitAck(timeouts.answer(), "the end of Get's command list");
		Set<Integer> codes = new LinkedHashSet<>();
		for (int i = 1; i < body.length; i++) {
			codes.add(body[i] & 0xFF);
		}
		return new Commands(body[0] & 0xFF, Set.copyOf(codes));
	}

	/** Get Version & Read Protection Status (0x01): ACK, version, two option bytes, ACK. */
	int getVersion() throws IOException {
		command(Frames.GET_VERSION, "Get Version");
		byte[] answer = readBytes(3, timeouts.answer(), "Get Version's answer");
		awaitAck(timeouts.answer(), "the end of Get Version's answer");
		return answer[0] & 0xFF;
	}

	/** Get ID (0x02): ACK, N, N + 1 bytes of product ID MSB first, ACK. */
	long getId() throws IOException {
		command(Frames.GET_ID, "Get ID");
		int n = readBytes(1, timeouts.answer(), "Get ID's length")[0] & 0xFF;
		byte[] id = readBytes(n + 1, timeouts.answer(), "Get ID's product ID");
		awaitAck(timeouts.answer(), "the end of Get ID's answer");
		long pid = 0;
		for (byte b : id) {
			pid = pid << 8 | (b & 0xFF);
		}
		return pid;
	}

	/** Read Memory (0x11): command, address, length; then the bytes, without a closing ACK. */
	byte[] readMemory(long address, int length) throws IOException {
		command(Frames.READ_MEMORY, "Read Memory");
		send(Frames.address(address));
		awaitAck(timeouts.answer(), Phase.ADDRESS, "the address");
		send(Frames.readLength(length));
		awaitAck(timeouts.answer(), Phase.LENGTH, "the length");
		return readBytes(length, timeouts.answer().plus(wire(length)), () -> "the " + length + " bytes read");
	}

	/** Write Memory (0x31): command, address, N + data + XOR; ACK once programmed. */
	void writeMemory(long address, byte[] data, int offset, int length) throws IOException {
		command(Frames.WRITE_MEMORY, "Write Memory");
		send(Frames.address(address));
		awaitAck(timeouts.answer(), Phase.ADDRESS, "the address");
		byte[] frame = Frames.writeBlock(data, offset, length);
		send(frame);
		awaitAck(timeouts.write().plus(wire(frame.length)), Phase.DATA, () -> "the " + length + " bytes to write");
	}

	/** Erase (0x43) or Extended Erase (0x44) of the listed pages; ACK once all are erased. */
	void erasePages(boolean extended, List<Integer> pages, Duration timeout) throws IOException {
		command(extended ? Frames.EXTENDED_ERASE : Frames.ERASE, extended ? "Extended Erase" : "Erase");
		byte[] frame = extended ? Frames.extendedPageList(pages) : Frames.pageList(pages);
		send(frame);
		awaitAck(timeout.plus(wire(frame.length)), Phase.DATA, "the page list");
	}

	/** Global erase (0x43 FF 00) or Extended Erase's mass erase (0x44 FF FF 00). */
	void massErase(boolean extended) throws IOException {
		command(extended ? Frames.EXTENDED_ERASE : Frames.ERASE, extended ? "Extended Erase" : "Erase");
		send(extended ? Frames.extendedMassErase() : Frames.globalErase());
		awaitAck(timeouts.massErase(), Phase.DATA, "the mass erase code");
	}

	/** Write Unprotect (0x73): ACK, ACK once the option bytes are written; then the chip resets. */
	void writeUnprotect() throws IOException {
		command(Frames.WRITE_UNPROTECT, "Write Unprotect");
		awaitAck(timeouts.write(), Phase.DATA, "Write Unprotect's option byte write");
	}

	/** Readout Protect (0x82): ACK (NACK when protected already), ACK once set; then the chip resets. */
	void readoutProtect() throws IOException {
		command(Frames.READOUT_PROTECT, "Readout Protect");
		awaitAck(timeouts.write(), Phase.DATA, "Readout Protect's option byte write");
	}

	/** Readout Unprotect (0x92): ACK, mass erase, ACK; then the chip resets. */
	void readoutUnprotect() throws IOException {
		command(Frames.READOUT_UNPROTECT, "Readout Unprotect");
		awaitAck(timeouts.massErase(), Phase.DATA, "Readout Unprotect's mass erase");
	}

	/** Go (0x21): command, address; ACK, then the chip jumps there. */
	void go(long address) throws IOException {
		command(Frames.GO, "Go");
		send(Frames.address(address));
		awaitAck(timeouts.answer(), Phase.ADDRESS, "the address");
	}

	/**
	 * Get Checksum (0xA1) as stm32flash sends it: command, address, length; ACK, ACK once computed,
	 * then the CRC MSB first and its XOR.
	 */
	int checksum(long address, int length) throws IOException {
		command(Frames.GET_CHECKSUM, "Get Checksum");
		send(Frames.address(address));
		awaitAck(timeouts.answer(), Phase.ADDRESS, "the address");
		send(Frames.checksumLength(length));
		awaitAck(timeouts.answer(), Phase.LENGTH, "the length");
		awaitAck(timeouts.answer().plus(wire(length)), Phase.DATA, "the checksum computation");
		byte[] answer = readBytes(5, timeouts.answer(), "the checksum");
		if (Frames.xor(answer, 0, 4) != (answer[4] & 0xFF)) {
			drain();
			throw new IOException("the checksum arrived damaged (its XOR byte does not match)");
		}
		return (answer[0] & 0xFF) << 24 | (answer[1] & 0xFF) << 16 | (answer[2] & 0xFF) << 8 | answer[3] & 0xFF;
	}

	/**
	 * Brings the chip back to waiting for a command after a failed exchange, whatever phase it was in,
	 * with 0x7F probes until one is answered NACK: a NACK comes from the command check, after which
	 * the chip waits for a fresh command with nothing half-received. On the way a chip that restarted
	 * (power loss, reset) answers ACK because it measures the baud rate again, and a late ACK of the
	 * failed command may arrive; neither ends the probing. A chip still waiting for the rest of a long
	 * frame gets 0xFF bytes to finish it: in every AN3155 phase they make a wrong checksum, complement
	 * or count, or at worst a block of 0xFF that leaves erased flash as it was.
	 *
	 * @return true when a probe was answered with ACK on the way: the chip measured the baud rate again,
	 *         so it restarted — or another chip is on the line now
	 * @throws IOException when no probe is answered with NACK
	 */
	boolean resync() throws IOException {
		drain();
		boolean restarted = false;
		for (int round = 0; round < 2; round++) {
			for (int probe = 0; probe < 4; probe++) {
				int answer = syncOnce();
				if (answer == NACK) {
					return restarted;
				}
				restarted |= answer == ACK;
			}
			if (round == 0) {
				byte[] fill = new byte[LONGEST_FRAME];
				Arrays.fill(fill, (byte) 0xFF);
				send(fill);
				Lines.drain(line, timeouts.answer().plus(wire(fill.length)), DRAIN_LIMIT);
			}
		}
		throw new IOException("the chip stopped answering on " + line.name() + " (neither 0x7F nor a filled-up frame"
				+ " brought a NACK): it lost power, left the bootloader or the cable is loose");
	}

	/** Where in an exchange a NACK came: decides what it means. */
	enum Phase {
		COMMAND, ADDRESS, LENGTH, DATA
	}

	private void command(int code, String name) throws IOException {
		send(Frames.command(code));
		awaitAck(timeouts.answer(), Phase.COMMAND, () -> "command " + Frames.hex(code) + " (" + name + ")");
	}

	private void awaitAck(Duration timeout, String after) throws IOException {
		awaitAck(timeout, Phase.DATA, after);
	}

	private void awaitAck(Duration timeout, Phase phase, String after) throws IOException {
		awaitAck(timeout, phase, () -> after);
	}

	/** The text of what was waited for is built only when it goes into an error: blocks follow each other closely. */
	private void awaitAck(Duration timeout, Phase phase, Supplier<String> after) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long left = deadline - System.nanoTime();
			int answer = left <= 0 ? -1 : Lines.readByte(line, Duration.ofNanos(left));
			if (answer == ACK) {
				return;
			}
			if (answer == BUSY) {
				continue;
			}
			if (answer == NACK) {
				drain();
				throw new NackException(phase, "NACK after " + after.get());
			}
			if (answer < 0) {
				throw new IOException("no answer within " + timeout.toMillis() + " ms after " + after.get());
			}
			drain();
			throw new IOException(Frames.hex(answer) + " instead of ACK after " + after.get());
		}
	}

	private byte[] readBytes(int count, Duration timeout, String what) throws IOException {
		return readBytes(count, timeout, () -> what);
	}

	private byte[] readBytes(int count, Duration timeout, Supplier<String> what) throws IOException {
		try {
			return line.readExactly(count, timeout);
		} catch (IOException e) {
			throw new IOException(what.get() + " did not arrive: " + e.getMessage(), e);
		}
	}

	private void send(byte[] frame) throws IOException {
		line.write(frame);
	}

	private void drain() throws IOException {
		Lines.drain(line, QUIET, DRAIN_LIMIT);
	}

	/** Time the bytes take on the wire at the line's rate; a pty or LinePair takes less, never more. */
	private Duration wire(int bytes) {
		return Duration.ofNanos(line.settings().nanosPerByte() * bytes);
	}
}
