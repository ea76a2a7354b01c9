package io.mintage.probe.lpcisp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.mintage.core.DeviceUid;
import io.mintage.core.MemoryRegion;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.probe.TargetConnection;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.serial.ControlSequence;
import io.mintage.serial.Retry;
import io.mintage.serial.SerialLine;

/**
 * A session with an LPC11xx boot ROM in UART ISP mode.
 *
 * <p>Every flash step (erase one sector; stage one block in RAM, prepare, copy and compare it) is
 * idempotent and runs under {@link Retry}: after a failure the line is brought back to a known state
 * (ESC cancels a half-sent command or data transfer, the stale answers are drained) and, when the chip no
 * longer answers as a synchronised ISP (it was reset or lost power), the whole synchronisation runs again
 * before the step is repeated. Refusals that a retry cannot change (read protection, a wrong address)
 * end the step at once.
 *
 * <p>Order keeps an interrupted job safe: erase takes sector 0 first and write takes it last, so the
 * vector table with its checksum (which makes the boot ROM start the program) exists only once
 * everything else is in place.
 */
public final class LpcIspConnection implements TargetConnection {

	/** Autobaud is most reliable slow; the chip is switched to the site's rate with B afterwards. */
	static final int SYNC_BAUD = 9600;
	static final int[] ISP_BAUDS = { 9600, 19200, 38400, 57600, 115200 };
	private static final int SYNC_ATTEMPTS = 25;
	private static final Duration SYNC_WAIT = Duration.ofMillis(200);
	/** LPC11xx flash: about 100 ms per sector erase and 1 ms per 256-byte page; the budget is 3x that. */
	private static final Duration ERASE_PER_SECTOR = Duration.ofMillis(300);
	private static final Duration PROGRAM_PER_PAGE = Duration.ofMillis(3);
	/** The first 64 bytes of flash read as the boot ROM's vectors while in ISP (lpc21isp skips them too). */
	private static final int REMAPPED = 64;

	private final IspChannel channel;
	private final int baud;
	private final int crystalKhz;
	private final Optional<ControlSequence> boot;
	private final Retry retry;
	private LpcPart part;
	private int bootMajor;
	private int bootMinor;
	private int resyncs;
	/** Sector 0 as this session wrote it (0xFF where nothing was written), or null: protect() needs it. */
	private byte[] sector0;

	/**
	 * @param baud     the rate to work at after synchronising at 9600 Bd (one of the ISP's rates)
	 * @param attempts tries per flash step (1: no retries)
	 */
	public LpcIspConnection(SerialLine line, int baud, int crystalKhz, Optional<ControlSequence> boot, int attempts) {
		if (Arrays.stream(ISP_BAUDS).noneMatch(b -> b == baud)) {
			throw new IllegalArgumentException("the LPC ISP works at 9600, 19200, 38400, 57600 or 115200 Bd, not " + baud);
		}
		this.channel = new IspChannel(line);
		this.baud = baud;
		this.crystalKhz = crystalKhz;
		this.boot = boot;
		this.retry = new Retry(attempts);
	}

	/** Enters the bootloader (when the site wired a boot sequence) and synchronises. */
	public void open(ProgressMonitor monitor) throws IOException, OperationCancelledException {
		if (boot.isPresent()) {
			channel.line().control(boot.get());
		}
		synchronise(monitor, boot.isPresent());
	}

	/**
	 * '?' until the chip answers "Synchronized", the handshake, the crystal in kHz, Unlock, boot code
	 * version, part ID and the change to the working baud rate. A chip that is synchronised already (a
	 * second session without reset) takes '?' as the start of a command: a line end then gives
	 * INVALID_COMMAND, which shows it listens.
	 *
	 * @param settle whether the chip was just reset or may still be talking (a boot sequence ran, a
	 *               recovery): then the line is first left to fall quiet; otherwise what is buffered is
	 *               dropped without waiting, and a stray byte that still comes spoils one '?' attempt at
	 *               worst, which is asked again
	 */
	private void synchronise(ProgressMonitor monitor, boolean settle) throws IOException, OperationCancelledException {
		SerialLine line = channel.line();
		line.setBaudRate(SYNC_BAUD);
		if (settle) {
			channel.drain(Duration.ofMillis(20));
		} else {
			channel.discardPending();
		}
		boolean synced = false;
		boolean listening = false;
		int attempt = 0;
		while (attempt < SYNC_ATTEMPTS && !synced && !listening) {
			attempt++;
			monitor.checkCancelled();
			channel.send("?");
			if (attempt > 4 && attempt % 2 == 1) {
				channel.send("\r\n");
			}
			try {
				String answer = channel.readLine(SYNC_WAIT, "?").replace("?", "").replace("\0", "");
				synced = answer.equals("Synchronized");
				listening = answer.equals(Integer.toString(ReturnCode.INVALID_COMMAND.code()));
			} catch (IOException e) {
				// nothing yet: ask again, as lpc21isp does
			}
		}
		if (!synced && !listening) {
			throw new IOException(channel.name() + ": no LPC boot ROM answered '?' " + SYNC_ATTEMPTS + " times at "
					+ SYNC_BAUD + " Bd: check that the chip is powered, held in ISP (PIO0_1 low at reset) and wired RXD/TXD crossed");
		}
		if (synced) {
			if (attempt > 1) {
				// an earlier '?' may have been answered late: let that answer pass before the handshake
				channel.drain(Duration.ofMillis(20));
			}
			handshake("Synchronized", "OK");
			handshake(Integer.toString(crystalKhz), "OK");
		} else {
			// the last '?' waits in the chip's line buffer: end that line, drop its INVALID_COMMAND
			channel.send("\r\n");
			channel.drain(Duration.ofMillis(100));
		}
		channel.command("U 23130", 0, Duration.ZERO);
		List<String> version = channel.command("K", 2, Duration.ZERO);
		List<String> id = channel.command("J", 1, Duration.ZERO);
		// the ROM sends the minor number first (seen on LPC8xx/LPC11xx tools; NXP's text says byte1.byte0)
		bootMinor = number(version.get(0), "K");
		bootMajor = number(version.get(1), "K");
		long partId = Long.parseLong(id.get(0).trim()) & 0xFFFF_FFFFL;
		part = LpcPart.forId(partId).orElseThrow(() -> new IOException(channel.name() + String.format(
				": the chip's part ID is 0x%08X, which is not an LPC11C24 or its relatives LPC11C22/C14/C12", partId)));
		if (baud != SYNC_BAUD) {
			channel.command("B " + baud + " 1", 0, Duration.ZERO);
			line.setBaudRate(baud);
			channel.command("J", 1, Duration.ZERO);
		}
	}

	private void handshake(String sent, String expected) throws IOException {
		channel.sendLine(sent);
		String echo = channel.readLine(IspChannel.ANSWER, sent);
		String answer = echo.equals(sent) ? channel.readLine(IspChannel.ANSWER, sent) : echo;
		if (!answer.equals(expected)) {
			throw new IOException(channel.name() + ": the chip answered '" + Uuencode.printable(answer) + "' to '" + sent
					+ "' during synchronisation (" + expected + " expected)");
		}
	}

	/**
	 * After a failed step: cancel what was half sent (ESC ends a command line or a data transfer), drop
	 * stale answers, and check with J that the chip still listens. If it does not, it was reset or lost
	 * power (RAM and unlock are gone): synchronise again.
	 */
	private void recover(IOException failure) throws IOException {
		for (int probe = 0; probe < 3; probe++) {
			channel.line().write(IspChannel.ESC, (byte) '\r', (byte) '\n');
			channel.drain(Duration.ofMillis(150));
			try {
				List<String> id = channel.command("J", 1, Duration.ZERO);
				if (Long.parseLong(id.get(0).trim()) == part.partId()) {
					return;
				}
			} catch (IOException | NumberFormatException e) {
				// not yet: drain and ask again, then synchronise
			}
		}
		resyncs++;
		try {
			synchronise(ProgressMonitor.NONE, true);
		} catch (OperationCancelledException e) {
			throw new IllegalStateException(e);
		}
	}

	/** How often the chip had to be synchronised again within this session (resets, power losses). */
	public int resynchronisations() {
		return resyncs;
	}

	public LpcPart part() {
		return part;
	}

	@Override
	public TargetIdentity identify() {
		return new TargetIdentity((bootMajor & 0xF) << 4 | (bootMinor & 0xF), part.partId());
	}

	/** The UID as the N command gives it: four 32-bit words, each stored little-endian, in the order sent. */
	@Override
	public DeviceUid readUid(McuVariant variant) throws IOException {
		List<String> words = channel.command("N", 4, Duration.ZERO);
		ByteBuffer bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
		for (String word : words) {
			bytes.putInt((int) Long.parseLong(word.trim()));
		}
		return DeviceUid.of(bytes.array());
	}

	@Override
	public byte[] read(long address, int length, ProgressMonitor monitor) throws IOException, OperationCancelledException {
		checkFlashOrRam(address, length);
		long start = address & ~3L;
		long end = address + length + 3 & ~3L;
		byte[] out = new byte[(int) (end - start)];
		monitor.begin("reading " + IspChannel.describe(address, length), out.length);
		for (long at = start; at < end; at += LpcPart.MAX_COPY) {
			monitor.checkCancelled();
			long block = at;
			int count = (int) Math.min(LpcPart.MAX_COPY, end - at);
			byte[] data = step("reading " + IspChannel.describe(block, count), () -> channel.readMemory(block, count), monitor);
			System.arraycopy(data, 0, out, (int) (block - start), count);
			monitor.worked(count);
		}
		return Arrays.copyOfRange(out, (int) (address - start), (int) (address - start) + length);
	}

	@Override
	public void erase(McuVariant variant, long address, long length, ProgressMonitor monitor)
			throws IOException, OperationCancelledException {
		List<Integer> sectors = new ArrayList<>();
		List<MemoryRegion> regions = variant.sectors();
		for (int i = 0; i < regions.size(); i++) {
			MemoryRegion r = regions.get(i);
			if (r.start() < address + length && address < r.end()) {
				sectors.add(i);
			}
		}
		monitor.begin("erasing " + sectors.size() + " sectors", sectors.size());
		// sector 0 first and on its own: the vector checksum goes before anything else, so an erase cut
		// short never leaves the old program starting with the rest of its flash gone. The sectors after
		// it go in runs of consecutive sectors, each run one Prepare/Erase/Blank check instead of one
		// per sector
		List<int[]> runs = new ArrayList<>();
		for (int sector : sectors) {
			int[] run = runs.isEmpty() ? null : runs.get(runs.size() - 1);
			if (run != null && run[0] != 0 && run[1] == sector - 1) {
				run[1] = sector;
			} else {
				runs.add(new int[] { sector, sector });
			}
		}
		for (int[] run : runs) {
			monitor.checkCancelled();
			int first = run[0];
			int last = run[1];
			if (first == 0) {
				sector0 = null;
			}
			String what = first == last ? LpcPart.describeSector(first)
					: "sectors " + first + ".." + last + " (" + IspChannel.describe(first * (long) LpcPart.SECTOR_SIZE,
							(last - first + 1) * LpcPart.SECTOR_SIZE) + ")";
			step("erasing " + what, () -> {
				channel.command("P " + first + " " + last, 0, Duration.ZERO);
				channel.command("E " + first + " " + last, 0, ERASE_PER_SECTOR.multipliedBy(last - first + 1L));
				blankCheck(first, last);
				return null;
			}, monitor, first == 0 ? "sector 0 may be partly erased: the chip stays in its bootloader; erase it again"
					: "the sectors before them are erased, these may be partly erased; erase again");
			monitor.worked(last - first + 1L);
		}
	}

	/**
	 * Writes in blocks of 256, 512, 1024 or 4096 bytes (the Copy sizes) on their own boundary, padded
	 * with 0xFF, which programs nothing. Blocks of only 0xFF are skipped. When the data covers the vector
	 * table, word 7 gets the checksum. Sector 0 comes last.
	 */
	@Override
	public void write(long address, byte[] data, ProgressMonitor monitor) throws IOException, OperationCancelledException {
		long end = address + data.length;
		if (address < 0 || end > part.flashSize()) {
			throw new IOException(String.format("%s: 0x%08X..0x%08X is not inside the %d KiB flash of the %s", channel.name(),
					address, end - 1, part.flashSize() / 1024, part.name()));
		}
		long first = address & ~255L;
		long last = end + 255 & ~255L;
		byte[] image = new byte[(int) (last - first)];
		Arrays.fill(image, (byte) 0xFF);
		System.arraycopy(data, 0, image, (int) (address - first), data.length);
		if (first == 0 && address <= 0 && end >= 32) {
			image = VectorChecksum.patched(image);
		}
		List<long[]> blocks = new ArrayList<>();
		long at = first;
		while (at < last) {
			int size = 256;
			for (int candidate : new int[] { 4096, 1024, 512 }) {
				if (at % candidate == 0 && at + candidate <= last) {
					size = candidate;
					break;
				}
			}
			blocks.add(new long[] { at, size });
			at += size;
		}
		// sector 0 last: until its vector table is written the boot ROM keeps the chip in ISP
		blocks.sort((a, b) -> Boolean.compare(a[0] < LpcPart.SECTOR_SIZE, b[0] < LpcPart.SECTOR_SIZE));
		monitor.begin("writing " + IspChannel.describe(address, data.length), image.length);
		for (long[] block : blocks) {
			monitor.checkCancelled();
			long blockAddress = block[0];
			int size = (int) block[1];
			byte[] content = Arrays.copyOfRange(image, (int) (blockAddress - first), (int) (blockAddress - first) + size);
			boolean blank = true;
			for (byte b : content) {
				blank &= b == (byte) 0xFF;
			}
			if (!blank) {
				int sector = part.sectorOf(blockAddress);
				if (sector == 0) {
					rememberSector0(blockAddress, content);
				}
				step("writing " + IspChannel.describe(blockAddress, size) + " in " + LpcPart.describeSector(sector),
						() -> copyBlock(blockAddress, content, sector), monitor,
						sector == 0 ? "sector 0 is partly written and may lack its vector checksum, so the chip stays in its bootloader; erase sector 0 and write it again"
								: "the blocks before it are written, this one may be partly written; sector 0 (the vector table) is not written yet, so the chip stays in its bootloader; erase and write again");
			}
			monitor.worked(size);
		}
	}

	/**
	 * I start end: an erase that returned success but left bits programmed (power dipped) is caught here
	 * and the erase step repeated. A read-protected chip refuses blank check; its erase is trusted.
	 */
	private void blankCheck(int first, int last) throws IOException {
		try {
			channel.command("I " + first + " " + last, 0, Duration.ZERO);
		} catch (IspCommandException e) {
			if (e.code() != ReturnCode.CODE_READ_PROTECTION_ENABLED.code()) {
				throw e;
			}
		}
	}

	private Void copyBlock(long address, byte[] content, int sector) throws IOException {
		channel.writeRam(LpcPart.RAM_BUFFER, content);
		channel.command("P " + sector + " " + sector, 0, Duration.ZERO);
		channel.command("C " + address + " " + LpcPart.RAM_BUFFER + " " + content.length, 0,
				PROGRAM_PER_PAGE.multipliedBy(content.length / 256));
		int skip = address < REMAPPED ? (int) (REMAPPED - address) : 0;
		channel.command("M " + (address + skip) + " " + (LpcPart.RAM_BUFFER + skip) + " " + (content.length - skip), 0,
				Duration.ZERO);
		return null;
	}

	/** Reads one word of flash: a read-protected chip refuses with CODE_READ_PROTECTION_ENABLED. */
	@Override
	public boolean isReadProtected() throws IOException {
		try {
			channel.readMemory(CodeReadProtection.ADDRESS, 4);
			return false;
		} catch (IspCommandException e) {
			if (e.code() == ReturnCode.CODE_READ_PROTECTION_ENABLED.code()) {
				return true;
			}
			throw e;
		}
	}

	/**
	 * Sets CRP level 1 or 2. The CRP word at 0x2FC is part of sector 0's content, and in ISP the boot ROM
	 * is mapped over the start of sector 0, so the ISP cannot read back what sector 0 holds. The driver
	 * therefore uses sector 0 as this session wrote it: protect after writing the firmware, in the same
	 * session. It sets the word in that copy, erases sector 0 and writes the copy back (vector checksum
	 * unchanged). The boot ROM reads the word at reset: the protection holds from the next reset on.
	 */
	@Override
	public void protect(int level) throws IOException {
		int word;
		try {
			word = CodeReadProtection.word(level);
		} catch (IllegalArgumentException e) {
			throw new IOException(channel.name() + ": " + e.getMessage(), e);
		}
		if (sector0 == null) {
			throw new IOException(channel.name() + ": CRP" + level + " is a word at 0x2FC in sector 0, and the ISP cannot read"
					+ " sector 0 back (the boot ROM is mapped over its start): write the firmware and set the protection in"
					+ " the same session; nothing was changed");
		}
		byte[] content = sector0.clone();
		ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN).putInt(CodeReadProtection.ADDRESS, word);
		try {
			step("erasing " + LpcPart.describeSector(0) + " to set CRP" + level, () -> {
				channel.command("P 0 0", 0, Duration.ZERO);
				channel.command("E 0 0", 0, ERASE_PER_SECTOR);
				return null;
			}, ProgressMonitor.NONE, "sector 0 may be erased: the chip stays in its bootloader; write the firmware again");
			for (int offset = 0; offset < LpcPart.SECTOR_SIZE; offset += LpcPart.MAX_COPY) {
				byte[] block = Arrays.copyOfRange(content, offset, offset + LpcPart.MAX_COPY);
				step("writing sector 0 with CRP" + level, () -> copyBlock(0, block, 0), ProgressMonitor.NONE,
						"sector 0 is erased or partly written: the chip stays in its bootloader; write the firmware again");
			}
		} catch (OperationCancelledException e) {
			throw new IllegalStateException("ProgressMonitor.NONE is never cancelled", e);
		}
		sector0 = content;
	}

	private void rememberSector0(long address, byte[] content) {
		if (sector0 == null) {
			sector0 = new byte[LpcPart.SECTOR_SIZE];
			Arrays.fill(sector0, (byte) 0xFF);
		}
		System.arraycopy(content, 0, sector0, (int) address, content.length);
	}

	/**
	 * Erases every sector (the only erase CRP1 and CRP2 allow that includes sector 0, and the one that
	 * removes the CRP word). The chip keeps the protection it read at reset until it is reset again;
	 * when the site wired a boot sequence, the driver resets it into ISP and synchronises again.
	 */
	@Override
	public void unprotect(ProgressMonitor monitor) throws IOException, OperationCancelledException {
		int lastSector = part.sectorCount() - 1;
		monitor.begin("erasing the whole flash to remove read protection", 1);
		step("erasing sectors 0.." + lastSector + " to remove read protection", () -> {
			channel.command("P 0 " + lastSector, 0, Duration.ZERO);
			channel.command("E 0 " + lastSector, 0, ERASE_PER_SECTOR.multipliedBy(part.sectorCount()));
			blankCheck(0, lastSector);
			return null;
		}, monitor, "the flash may be partly erased and still protected; unprotect again");
		monitor.worked(1);
		if (boot.isPresent()) {
			channel.line().control(boot.get());
			synchronise(monitor, true);
		}
	}

	/** G address T (Thumb): the chip answers CMD_SUCCESS and runs the program; the session is over. */
	@Override
	public void run(long address) throws IOException {
		channel.command("G " + (address & ~1L) + " T", 0, Duration.ZERO);
	}

	@Override
	public void close() throws IOException {
		channel.line().close();
	}

	private interface Step<T> {
		T run() throws IOException;
	}

	private <T> T step(String what, Step<T> step, ProgressMonitor monitor) throws IOException, OperationCancelledException {
		return step(what, step, monitor, null);
	}

	/**
	 * One step under retry. Refusals a retry cannot change end it at once; the final message says what
	 * failed and in what state the chip is.
	 */
	private <T> T step(String what, Step<T> step, ProgressMonitor monitor, String stateIfFailed)
			throws IOException, OperationCancelledException {
		IspCommandException[] permanent = { null };
		try {
			T result = retry.run(what, () -> {
				try {
					return step.run();
				} catch (IspCommandException e) {
					if (isTransient(e.code())) {
						throw e;
					}
					permanent[0] = e;
					return null;
				}
			}, this::recover, monitor);
			if (permanent[0] != null) {
				throw new IOException(what + " failed: " + permanent[0].getMessage() + suffix(stateIfFailed), permanent[0]);
			}
			return result;
		} catch (IOException e) {
			if (e.getCause() == permanent[0] && permanent[0] != null) {
				throw e;
			}
			throw new IOException(e.getMessage() + suffix(stateIfFailed) + "; " + diagnose(), e);
		}
	}

	/**
	 * After a step failed for good: finds out (and says) whether the chip still listens, was reset or
	 * lost power (then it is synchronised again, so the session can go on), or is gone.
	 */
	private String diagnose() {
		int before = resyncs;
		try {
			recover(null);
		} catch (IOException e) {
			return "the chip no longer answers: " + e.getMessage();
		}
		return resyncs > before ? "the chip had reset or lost power (RAM and unlock were lost); it is synchronised again"
				: "the chip still answers as a synchronised ISP";
	}

	private static String suffix(String state) {
		return state == null ? "" : "; " + state;
	}

	/**
	 * Codes a garbled line or a busy flash can cause and a retry can cure; everything else (read
	 * protection, a wrong sector or address) is an answer that stays the same.
	 */
	private static boolean isTransient(int code) {
		return code == ReturnCode.BUSY.code() || code == ReturnCode.INVALID_COMMAND.code()
				|| code == ReturnCode.SECTOR_NOT_BLANK.code()
				|| code == ReturnCode.PARAM_ERROR.code() || code == ReturnCode.COMPARE_ERROR.code()
				|| code == ReturnCode.SECTOR_NOT_PREPARED_FOR_WRITE_OPERATION.code()
				|| code == ReturnCode.CMD_LOCKED.code();
	}

	private void checkFlashOrRam(long address, int length) throws IOException {
		boolean flash = address >= 0 && address + length <= part.flashSize();
		boolean ram = address >= LpcPart.RAM_START && address + length <= LpcPart.RAM_START + part.ramSize();
		if (length <= 0 || !(flash || ram)) {
			throw new IOException(String.format("%s: 0x%08X + %d bytes is neither in the flash nor in the RAM of the %s",
					channel.name(), address, length, part.name()));
		}
	}

	private int number(String text, String command) throws IOException {
		try {
			return Integer.parseInt(text.trim());
		} catch (NumberFormatException e) {
			throw new IOException(channel.name() + ": '" + Uuencode.printable(text) + "' in the answer to " + command
					+ " is not a number");
		}
	}
}
