package io.mintage.probe.stm32uart.internal;

import static io.mintage.probe.stm32uart.internal.Frames.ACK;
import static io.mintage.probe.stm32uart.internal.Frames.NACK;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

import io.mintage.core.DeviceUid;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.mcu.McuVariant.UidLocation;
import io.mintage.core.mcu.SupplyRanges;
import io.mintage.core.probe.SiteSettingException;
import io.mintage.core.probe.TargetConnection;
import io.mintage.core.progress.OperationCancelledException;
import io.mintage.core.progress.ProgressMonitor;
import io.mintage.probe.stm32uart.internal.Bootloader.Commands;
import io.mintage.probe.stm32uart.internal.EraseUnits.Unit;
import io.mintage.serial.Refusal;
import io.mintage.serial.Retry;

/**
 * A session with one STM32 system bootloader. Every block (256 bytes read or written, one page or
 * sector erased) is one retried step: a failed exchange is resynchronised and tried again, a
 * refusal by design (readout protection) is reported at once, and cancellation takes effect between
 * blocks. Messages say what failed, where, and what the chip holds now.
 */
final class Stm32Connection implements TargetConnection {

	/** Every STM32 flash erases to 0xFF (mcu-protocols.md C.1); writes are padded with it. */
	static final int ERASED = 0xFF;
	/** Read at the start of flash (the same on F0, F1 and F4) to learn whether reads are refused. */
	private static final long FLASH_BASE = 0x0800_0000L;
	private static final int ATTEMPTS = 3;
	private static final HexFormat HEX = HexFormat.of().withUpperCase();

	private final Bootloader bootloader;
	private final Timeouts timeouts;
	private final String where;
	private final FrameBoundaries.Port port;
	private final Retry retry = new Retry(ATTEMPTS);
	private Commands commands;
	private String ended;
	/** The UID this session read, and where: a chip that restarts mid-session must still have it. */
	private byte[] sessionUid;
	private long sessionUidAddress;
	/** The site's supply voltage, if its address gives one. */
	private final OptionalInt supplyMillivolts;
	/** The supply range this session selected; a chip that restarts forgets it and is told again. */
	private Optional<Selected> selectedSupply = Optional.empty();

	private record Selected(SupplyRanges ranges, SupplyRanges.Range range) {
	}

	/** The chip NACKed the supply range: a refusal of the site's setting, not of the session. */
	private static final class SupplyRefused extends Refusal {

		private static final long serialVersionUID = 1L;

		SupplyRefused(String message) {
			super(message);
		}
	}

	private Stm32Connection(Bootloader bootloader, Timeouts timeouts, String where, FrameBoundaries.Port port,
			OptionalInt supplyMillivolts) {
		this.bootloader = bootloader;
		this.timeouts = timeouts;
		this.where = where;
		this.port = port;
		this.supplyMillivolts = supplyMillivolts;
	}

	/**
	 * Synchronises with a chip that is in its bootloader and asks what it knows.
	 *
	 * @param where "115200 Bd on /dev/ttyUSB0", for messages
	 * @param port  what this process knows of the port: whether a chip may wait in an abandoned frame
	 * @param supplyMillivolts the site's supply voltage, for {@link #configureFor}
	 */
	static Stm32Connection open(Bootloader bootloader, Timeouts timeouts, String where, FrameBoundaries.Port port,
			OptionalInt supplyMillivolts, ProgressMonitor monitor) throws IOException, OperationCancelledException {
		Stm32Connection connection = new Stm32Connection(bootloader, timeouts, where, port, supplyMillivolts);
		bootloader.line().discardInput();
		connection.synchronise(monitor);
		connection.commands = connection.attempt("asking the bootloader for its commands (Get)",
				"nothing on the chip changed", bootloader::get, monitor);
		if (!connection.commands.has(Frames.READ_MEMORY) || !connection.commands.has(Frames.WRITE_MEMORY)) {
			throw new IOException("the bootloader on " + where + " lists no Read Memory or Write Memory command ("
					+ connection.describeCommands() + "): not an STM32 USART bootloader this driver can use");
		}
		return connection;
	}

	/** The commands Get listed, e.g. "0x00 0x01 … 0x92", for messages and tests. */
	String describeCommands() {
		StringBuilder text = new StringBuilder();
		commands.codes().stream().sorted().forEach(c -> text.append(text.length() == 0 ? "" : " ").append(Frames.hex(c)));
		return text.toString();
	}

	Commands commands() {
		return commands;
	}

	private void synchronise(ProgressMonitor monitor) throws IOException, OperationCancelledException {
		int unexpected = -1;
		for (int attempt = 0; attempt < timeouts.syncAttempts(); attempt++) {
			monitor.checkCancelled();
			int answer = bootloader.syncOnce();
			if (answer == ACK || answer == NACK) {
				// NACK: the chip was synchronised already and took 0x7F as half a command
				port.atBoundary();
				return;
			}
			if (answer >= 0) {
				unexpected = answer;
			} else if (attempt == 1 && unexpected < 0 && port.mayBeMidFrame()) {
				// two probes met silence: no chip yet, or one a dead host left in the middle of a frame
				boolean answered = bootloader.finishAbandonedFrame();
				port.atBoundary();
				if (answered) {
					return;
				}
			}
		}
		if (unexpected >= 0) {
			throw new IOException("the chip on " + where + " answers 0x7F with " + Frames.hex(unexpected)
					+ " instead of ACK (0x79): a wrong baud rate, no even parity, or not an STM32 bootloader");
		}
		throw new IOException("no answer to 0x7F at " + where + ": is BOOT0 high and the chip reset?");
	}

	@Override
	public TargetIdentity identify() throws IOException {
		checkOpen();
		return uncancellable(() -> attempt("identifying the chip (Get Version, Get ID)", "nothing on the chip changed",
				() -> new TargetIdentity(bootloader.getVersion(), bootloader.getId()), ProgressMonitor.NONE));
	}

	/**
	 * Tells a bootloader that programs by the supply voltage (STM32F4) the site's supply, so that it
	 * programs flash in the widest steps the voltage allows: words at 2.7–3.6 V, a quarter of the flash
	 * operations of its byte-wide default. Without a supply setting the default stays, which is right
	 * at any voltage.
	 *
	 * @throws SiteSettingException when the supply is outside every range the variant's bootloader knows
	 */
	@Override
	public void configureFor(McuVariant variant) throws IOException {
		checkOpen();
		if (variant.supplyRanges().isEmpty() || supplyMillivolts.isEmpty()) {
			return;
		}
		SupplyRanges ranges = variant.supplyRanges().get();
		int supply = supplyMillivolts.getAsInt();
		SupplyRanges.Range range = ranges.forSupply(supply).orElseThrow(() -> new SiteSettingException("the site's"
				+ " supply of " + SupplyRanges.volts(supply) + " V is outside the ranges the " + variant.name()
				+ " bootloader programs flash in (" + ranges.describe() + "): check supply= in the address of " + where));
		Selected selected = new Selected(ranges, range);
		try {
			uncancellable(() -> attempt("telling the bootloader the supply range " + range.describe() + " failed",
					"nothing on the chip changed", () -> {
						selectSupply(selected);
						return null;
					}, ProgressMonitor.NONE));
		} catch (SupplyRefused e) {
			// only the site's address can change that, as with a supply out of range
			throw new SiteSettingException(e.getMessage());
		}
		selectedSupply = Optional.of(selected);
	}

	private void selectSupply(Selected selected) throws IOException {
		byte[] code = { (byte) selected.range().code(), (byte) 0xFF, (byte) 0xFF, (byte) 0xFF };
		try {
			bootloader.writeMemory(selected.ranges().address(), code, 0, code.length);
		} catch (NackException e) {
			throw new SupplyRefused(String.format("the bootloader refused the supply range %s (code 0x%02X at 0x%08X):"
					+ " this chip does not take its supply that way; remove supply= from the address of %s",
					selected.range().describe(), selected.range().code(), selected.ranges().address(), where));
		}
	}

	@Override
	public DeviceUid readUid(McuVariant variant) throws IOException {
		UidLocation uid = variant.uid().orElseThrow(
				() -> new IOException("the " + variant.name() + " has no unique ID its family documents: nothing to read"));
		byte[] read = uncancellable(() -> read(uid.address(), uid.length(), ProgressMonitor.NONE));
		sessionUid = read.clone();
		sessionUidAddress = uid.address();
		return DeviceUid.of(read);
	}

	/**
	 * Brings the line back to a command boundary. A chip that answered a probe with ACK measured the baud
	 * rate again: it restarted (power loss), or the operator put another chip in — and another chip must
	 * not get the rest of this one's image and record. Once the session knows its chip's UID, a restarted
	 * chip is therefore read again and refused when it is another.
	 */
	private void resyncSameChip() throws IOException {
		if (!bootloader.resync() || sessionUid == null) {
			return;
		}
		byte[] now = bootloader.readMemory(sessionUidAddress, sessionUid.length);
		if (!Arrays.equals(now, sessionUid)) {
			ended = "another chip is on the line";
			port.unknown();
			throw new Refusal("another chip answered on " + where + " after the line was lost (UID "
					+ HEX.formatHex(now) + ", not " + HEX.formatHex(sessionUid) + "): the chip being programmed was"
					+ " taken out, and nothing of its image or record goes to the new one; the new chip is untouched");
		}
		if (selectedSupply.isPresent()) {
			// the restarted bootloader is back at its narrowest width
			selectSupply(selectedSupply.get());
		}
	}

	@Override
	public byte[] read(long address, int length, ProgressMonitor monitor) throws IOException, OperationCancelledException {
		checkOpen();
		checkRange(address, length);
		byte[] result = new byte[length];
		monitor.begin(String.format("Reading %s", range(address, length)), length);
		for (int offset = 0; offset < length; offset += Frames.MAX_BLOCK) {
			monitor.checkCancelled();
			int n = Math.min(Frames.MAX_BLOCK, length - offset);
			long at = address + offset;
			byte[] block = attempt(() -> "reading " + range(at, n) + " failed", () -> "nothing on the chip changed", () -> {
				try {
					return bootloader.readMemory(at, n);
				} catch (NackException e) {
					throw refusal(e, "read " + range(at, n));
				}
			}, monitor);
			System.arraycopy(block, 0, result, offset, n);
			monitor.worked(n);
		}
		return result;
	}

	/**
	 * Writes whole words: the range is widened to 4-byte boundaries with the erased value, which leaves
	 * the flash beside the data as it was. Each 256-byte block is verified right after it is written,
	 * by Get Checksum where the bootloader lists it, else by reading it back.
	 */
	@Override
	public void write(long address, byte[] data, ProgressMonitor monitor) throws IOException, OperationCancelledException {
		checkOpen();
		if (data.length == 0) {
			return;
		}
		checkRange(address, data.length);
		long start = address & ~3L;
		int lead = (int) (address - start);
		int total = (lead + data.length + 3) & ~3;
		byte[] padded = new byte[total];
		Arrays.fill(padded, (byte) ERASED);
		System.arraycopy(data, 0, padded, lead, data.length);
		boolean byChecksum = commands.has(Frames.GET_CHECKSUM);
		monitor.begin(String.format("Writing %s", range(address, data.length)), total);
		for (int offset = 0; offset < total; offset += Frames.MAX_BLOCK) {
			monitor.checkCancelled();
			int n = Math.min(Frames.MAX_BLOCK, total - offset);
			long at = start + offset;
			int from = offset;
			// the texts are built only when a block fails: between two exchanges the chip waits for the host
			Supplier<String> before = () -> from == 0 ? "" : range(start, from) + " is written and verified; ";
			int[] tries = { 0 };
			attempt(() -> "writing " + range(at, n) + " failed",
					() -> before.get() + range(at, n) + " may be partly written: erase and write it again", () -> {
				if (tries[0]++ > 0 && holds(at, padded, from, n)) {
					// the earlier attempt was programmed though its ACK never came (a stall, a lost byte
					// after the data): writing again would program flash that is no longer erased
					return null;
				}
				try {
					bootloader.writeMemory(at, padded, from, n);
				} catch (NackException e) {
					throw refusal(e, "write " + range(at, n));
				}
				return null;
			}, monitor);
			attempt(() -> range(at, n) + " did not verify",
					() -> before.get() + range(at, n) + " holds other bytes than written: erase and write it again", () -> {
						if (byChecksum) {
							verifyByChecksum(at, padded, from, n);
						} else {
							verifyByReading(at, padded, from, n);
						}
						return null;
					}, monitor);
			monitor.worked(n);
		}
	}

	private boolean holds(long at, byte[] expected, int from, int n) throws IOException {
		byte[] now = bootloader.readMemory(at, n);
		return Arrays.equals(now, 0, n, expected, from, from + n);
	}

	private void verifyByChecksum(long at, byte[] expected, int from, int n) throws IOException {
		int chip = bootloader.checksum(at, n);
		int host = StmCrc.of(expected, from, n);
		if (chip != host) {
			throw new IOException(String.format("the chip's checksum is 0x%08X, the written bytes give 0x%08X", chip, host));
		}
	}

	private void verifyByReading(long at, byte[] expected, int from, int n) throws IOException {
		byte[] back = bootloader.readMemory(at, n);
		for (int i = 0; i < n; i++) {
			if (back[i] != expected[from + i]) {
				throw new IOException(String.format("0x%08X reads 0x%02X, 0x%02X was written", at + i, back[i] & 0xFF,
						expected[from + i] & 0xFF));
			}
		}
	}

	/**
	 * Erases the pages (sectors on F4) the range touches with one command, as stm32flash does; if that
	 * fails, page by page, one command each, so the failure names the unit and everything before it is
	 * known to be erased. When the range is the whole flash, one mass erase.
	 */
	@Override
	public void erase(McuVariant variant, long address, long length, ProgressMonitor monitor)
			throws IOException, OperationCancelledException {
		checkOpen();
		List<Unit> units;
		try {
			units = EraseUnits.covering(variant, address, length);
		} catch (IllegalArgumentException e) {
			throw new IOException(e.getMessage(), e);
		}
		boolean extended = eraseCommand();
		String kind = EraseUnits.kind(variant);
		if (EraseUnits.isWholeFlash(variant, units)) {
			monitor.begin("Erasing the whole flash of the " + variant.name(), 1);
			monitor.checkCancelled();
			attempt("the mass erase of the " + variant.name() + " failed",
					"the flash is erased in part or not at all: erase it again", () -> {
						bootloader.massErase(extended);
						return null;
					}, monitor);
			monitor.worked(1);
			return;
		}
		if (!extended && units.get(units.size() - 1).number() > 0xFF) {
			throw new IOException(units.get(units.size() - 1).describe(kind)
					+ " cannot be named by Erase (0x43), which counts pages in one byte: nothing was erased");
		}
		monitor.begin(String.format("Erasing %d %ss of the %s", units.size(), kind, variant.name()), units.size());
		if (units.size() > 1 && units.size() <= MAX_UNITS_PER_ERASE) {
			// the happy path: one command for all units, as stm32flash does (a command per page costs a
			// round trip each); only when it fails are they erased one by one, to name the unit at fault
			monitor.checkCancelled();
			List<Integer> numbers = units.stream().map(Unit::number).toList();
			Duration timeout = timeouts.erase(units.stream().mapToLong(unit -> unit.region().size()).sum());
			try {
				attempt("the erase of " + units.size() + " " + kind + "s failed", "unknown", () -> {
					bootloader.erasePages(extended, numbers, timeout);
					return null;
				}, monitor);
				monitor.worked(units.size());
				return;
			} catch (Refusal e) {
				throw e;
			} catch (IOException e) {
				// fall through: unit by unit says which one will not erase
			}
		}
		for (int i = 0; i < units.size(); i++) {
			monitor.checkCancelled();
			Unit unit = units.get(i);
			String state = (i == 0 ? "" : units.get(0).describe(kind) + " to " + units.get(i - 1).describe(kind)
					+ " are erased; ") + "it may be partly erased and the " + kind + "s after it are as they were";
			attempt(unit.describe(kind) + " did not erase", state, () -> {
				bootloader.erasePages(extended, List.of(unit.number()), timeouts.erase(unit.region().size()));
				return null;
			}, monitor);
			monitor.worked(1);
		}
	}

	/** Pages one Erase command may list (its count is one byte: N − 1); Extended Erase allows more. */
	private static final int MAX_UNITS_PER_ERASE = 255;

	/** Extended Erase where Get lists it (protocol 3.0 and later), else Erase (mcu-protocols.md F.2). */
	private boolean eraseCommand() throws IOException {
		if (commands.has(Frames.EXTENDED_ERASE)) {
			return true;
		}
		if (commands.has(Frames.ERASE)) {
			return false;
		}
		throw new IOException("the bootloader on " + where + " lists neither Erase (0x43) nor Extended Erase (0x44): "
				+ describeCommands());
	}

	/**
	 * A read-protected chip NACKs Read Memory itself; checked twice so one corrupted command byte
	 * (also answered with NACK) is not taken for protection.
	 */
	@Override
	public boolean isReadProtected() throws IOException {
		checkOpen();
		return uncancellable(() -> attempt("finding out whether the chip is read-protected failed",
				"nothing on the chip changed", () -> refusesReads() && refusesReads(), ProgressMonitor.NONE));
	}

	private boolean refusesReads() throws IOException {
		try {
			bootloader.readMemory(FLASH_BASE, 1);
			return false;
		} catch (NackException e) {
			if (e.phase() == Bootloader.Phase.COMMAND) {
				return true;
			}
			throw e;
		}
	}

	/** Level 1 only: level 2 would lock the bootloader out for ever, which no job here wants. */
	@Override
	public void protect(int level) throws IOException {
		checkOpen();
		if (level == 2) {
			throw new IOException("readout protection level 2 locks the chip for ever (no bootloader, no debugger):"
					+ " this driver refuses it; the chip is unchanged");
		}
		if (level != 1) {
			throw new IOException("readout protection level " + level + " does not exist on STM32 here (1 protects;"
					+ " unprotecting is its own step because it erases the chip); the chip is unchanged");
		}
		if (isReadProtected()) {
			return;
		}
		uncancellable(() -> attempt("setting readout protection failed",
				"the chip may or may not be protected now: connect again and ask", () -> {
					bootloader.readoutProtect();
					return null;
				}, ProgressMonitor.NONE));
		reconnectAfterReset("it set readout protection");
	}

	/**
	 * Readout Unprotect mass-erases the flash and resets the chip; Write Unprotect then clears any
	 * write protection so the erased chip takes a new image (another reset). Both times the session
	 * synchronises again with the chip, which comes back into its bootloader while BOOT0 stays high.
	 */
	@Override
	public void unprotect(ProgressMonitor monitor) throws IOException, OperationCancelledException {
		checkOpen();
		monitor.begin("Removing readout protection (this erases the whole flash)", 2);
		attempt("removing readout protection failed",
				"the chip is still read-protected, or its flash is partly erased and protection stays until the erase completes",
				() -> {
					bootloader.readoutUnprotect();
					return null;
				}, monitor);
		reconnectAfterReset("it removed readout protection and erased its flash");
		monitor.worked(1);
		if (commands.has(Frames.WRITE_UNPROTECT)) {
			attempt("removing write protection failed",
					"the flash is erased and readable; some pages may still be write-protected", () -> {
						bootloader.writeUnprotect();
						return null;
					}, monitor);
			reconnectAfterReset("it removed write protection");
		}
		monitor.worked(1);
	}

	private void reconnectAfterReset(String what) throws IOException {
		try {
			Thread.sleep(timeouts.restart().toMillis());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while the chip restarted");
		}
		try {
			bootloader.line().discardInput();
			uncancellable(() -> {
				synchronise(ProgressMonitor.NONE);
				commands = attempt("asking the bootloader for its commands (Get)", "nothing on the chip changed",
						bootloader::get, ProgressMonitor.NONE);
				return null;
			});
		} catch (IOException e) {
			ended = "the chip did not come back after " + what;
			throw new IOException("the chip reset itself after " + what + " and did not come back into its bootloader: "
					+ e.getMessage(), e);
		}
	}

	@Override
	public void run(long address) throws IOException {
		checkOpen();
		uncancellable(() -> attempt(String.format("starting the program at 0x%08X failed", address),
				"the chip is still in its bootloader", () -> {
					try {
						bootloader.go(address);
					} catch (NackException e) {
						if (e.phase() == Bootloader.Phase.COMMAND && refusesReads() && refusesReads()) {
							throw new Refusal("the chip is read-protected: its bootloader refuses Go; the chip is"
									+ " still in its bootloader");
						}
						throw e;
					}
					return null;
				}, ProgressMonitor.NONE));
		ended = String.format("the chip was started at 0x%08X", address);
	}

	@Override
	public void close() throws IOException {
		bootloader.line().close();
	}

	/**
	 * A NACK to Read or Write Memory itself is either a damaged command byte or readout protection;
	 * only the latter is final. A NACK after the address may be a damaged byte too, so it is retried
	 * like any other failure and named in the final message.
	 */
	private IOException refusal(NackException nack, String what) throws IOException {
		if (nack.phase() == Bootloader.Phase.COMMAND && refusesReads() && refusesReads()) {
			return new Refusal("the chip is read-protected: its bootloader refuses to " + what
					+ "; unprotecting erases the whole flash, so only a job that allows it may do so; the chip is unchanged");
		}
		return nack;
	}

	/**
	 * One block as a retried step; the final failure gets what failed, the last reason and the chip's
	 * state. After it the chip is brought back to waiting for a command where it still answers, so
	 * the next call starts from a known state.
	 */
	private <T> T attempt(String what, String state, Retry.Step<T> step, ProgressMonitor monitor)
			throws IOException, OperationCancelledException {
		return attempt(() -> what, () -> state, step, monitor);
	}

	private <T> T attempt(Supplier<String> what, Supplier<String> state, Retry.Step<T> step, ProgressMonitor monitor)
			throws IOException, OperationCancelledException {
		boolean[] silent = { false };
		try {
			return retry.run(what, step, failure -> {
				try {
					resyncSameChip();
				} catch (Refusal e) {
					throw e;
				} catch (IOException e) {
					silent[0] = true;
					throw e;
				}
			}, monitor);
		} catch (Refusal e) {
			throw e;
		} catch (IOException e) {
			port.unknown();
			if (!silent[0]) {
				try {
					resyncSameChip();
				} catch (Refusal another) {
					throw another;
				} catch (IOException stillSilent) {
					// the message below says what failed; the next call resynchronises or says the chip is silent
				}
			}
			// Retry's own message repeats the step's name; people read it once, with the last reason
			String failed = what.get();
			String reason = e.getCause() instanceof IOException last && e.getMessage().startsWith(failed)
					? last.getMessage() + " (" + ATTEMPTS + " attempts)"
					: e.getMessage();
			throw new IOException(failed + ": " + reason + "; " + state.get(), e);
		}
	}

	private void checkOpen() throws IOException {
		if (ended != null) {
			throw new IOException("the session with the chip on " + where + " has ended (" + ended + "): connect again");
		}
	}

	private static void checkRange(long address, long length) {
		if (length < 0 || address < 0 || address + length > 1L << 32) {
			throw new IllegalArgumentException(String.format("0x%X + %d bytes is not inside the 32-bit space", address,
					length));
		}
	}

	static String range(long address, long length) {
		return length <= 0 ? String.format("0x%08X", address)
				: String.format("0x%08X..0x%08X", address, address + length - 1);
	}

	/** Steps that take no monitor cannot be cancelled; the contract has them throw only IOException. */
	private interface Uncancellable<T> {
		T run() throws IOException, OperationCancelledException;
	}

	private static <T> T uncancellable(Uncancellable<T> body) throws IOException {
		try {
			return body.run();
		} catch (OperationCancelledException e) {
			throw new IOException("stopped by the operator", e);
		}
	}

	Optional<String> ended() {
		return Optional.ofNullable(ended);
	}
}
