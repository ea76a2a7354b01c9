package io.mintage.sim.stm32;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;

import io.mintage.sim.ChipPort;
import io.mintage.sim.EmulatedChip;
import io.mintage.sim.FlashArray;
import io.mintage.sim.FlashTiming;
import io.mintage.sim.ResetKind;
import io.mintage.sim.stm32.Stm32Variant.Family;

/**
 * The STM32 system-memory bootloader on USART (ST AN3155, summarised in mcu-protocols.md sections A
 * and G): sync on 0x7F, then commands as code + complement, answered with ACK 0x79 / NACK 0x1F.
 * Flash, RAM, option bytes (with readout and write protection), OTP (F4), UID and flash-size register
 * are modelled; erase and program take the variant's datasheet time (scaled as configured). A chip at
 * RDP level 2 (0xCC, F0/F4) never answers, as its bootloader cannot be entered.
 *
 * <p>Not modelled: the double-NACK and missing-NACK quirks of some bootloader versions, Get Checksum,
 * the F0 empty-check boot, write protection of the option bytes themselves, and running code after Go
 * (the chip then leaves the bootloader and stays silent until reset). Go and Readout Protect tell the
 * port that the chip {@linkplain ChipPort#leaveBootloader leaves its bootloader for good}.
 */
public final class Stm32Bootloader implements EmulatedChip {

	public static final int ACK = 0x79;
	public static final int NACK = 0x1F;
	private static final int SYNC = 0x7F;

	private final Stm32Variant variant;
	private final byte[] uid;
	private final FlashTiming timing;
	private final FlashArray flash;
	private final byte[] ram;
	private final byte[] optionBytes = new byte[16];
	private final byte[] otp;
	/** F4 program parallelism in bytes (1 = x8, the bootloader's default). */
	private int parallelism = 1;

	/**
	 * @param uid         the 12-byte unique ID the chip reports at its UID address
	 * @param timeScale   factor on the datasheet flash times (1.0 = real time, 0 = instant)
	 */
	public Stm32Bootloader(Stm32Variant variant, byte[] uid, double timeScale) {
		if (uid.length != 12) {
			throw new IllegalArgumentException("an STM32 unique ID has 12 bytes, not " + uid.length);
		}
		this.variant = variant;
		this.uid = uid.clone();
		this.timing = variant.flashTiming().scaled(timeScale);
		this.flash = new FlashArray(Stm32Variant.FLASH_BASE, variant.eraseBlocks());
		this.ram = new byte[variant.ramKib * 1024];
		this.otp = variant.kind == Family.F4 ? filled(Stm32Variant.OTP_SIZE, 0xFF) : new byte[0];
		defaultOptionBytes();
	}

	/** A default UID per variant, so runs are repeatable. */
	public static byte[] defaultUid(Stm32Variant variant) {
		byte[] uid = HexFormat.of().parseHex("2b0047000e51363236313533");
		uid[0] = (byte) variant.pid;
		uid[1] = (byte) variant.ordinal();
		return uid;
	}

	private static byte[] filled(int size, int value) {
		byte[] b = new byte[size];
		Arrays.fill(b, (byte) value);
		return b;
	}

	/** Factory option bytes: RDP level 0, no write protection (value / complement pairs on F0/F1). */
	private void defaultOptionBytes() {
		if (variant.kind == Family.F4) {
			// 0x1FFFC000 USER, 0x1FFFC001 RDP, 0x1FFFC008..9 nWRP (1 = not protected); the RDP position
			// is RM0090's layout as summarised in mcu-protocols C.4 (UNVERIFIED there)
			byte[] f4 = { (byte) 0xEC, (byte) 0xAA, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
					(byte) 0xFF, (byte) 0xFF, (byte) 0x0F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
					(byte) 0xFF, (byte) 0xFF };
			System.arraycopy(f4, 0, optionBytes, 0, 16);
		} else {
			for (int i = 0; i < 16; i += 2) {
				int value = i == 0 ? variant.kind.rdpOpen : 0xFF;
				optionBytes[i] = (byte) value;
				optionBytes[i + 1] = (byte) ~value;
			}
		}
	}

	public Stm32Variant variant() {
		return variant;
	}

	@Override
	public String description() {
		return variant.partName + " (PID 0x" + Integer.toHexString(variant.pid) + "), bootloader protocol "
				+ (variant.protocol >> 4) + "." + (variant.protocol & 0xF);
	}

	// ---- state visible to tests and the sim command ----

	public int rdp() {
		return optionBytes[variant.kind == Family.F4 ? 1 : 0] & 0xFF;
	}

	/** Whether readout protection is set (RDP not the level-0 value). */
	@Override
	public boolean readoutProtected() {
		return rdp() != variant.kind.rdpOpen;
	}

	@Override
	public byte[] uid() {
		return uid.clone();
	}

	/** A copy of the flash contents, from 0x08000000. */
	@Override
	public byte[] flashContents() {
		return flash.read(flash.base(), flash.size());
	}

	/** Puts an image into flash as a factory or an earlier run would have (no time, no checks). */
	public void preload(long address, byte[] data) {
		flash.program(address, data);
	}

	/** The 32 write-protection bits, 1 = protected. */
	public int writeProtection() {
		if (variant.kind == Family.F4) {
			int nwrp = (optionBytes[8] & 0xFF) | (optionBytes[9] & 0x0F) << 8;
			return ~nwrp & ((1 << flash.blockCount()) - 1);
		}
		int nwrp = 0;
		for (int i = 0; i < 4; i++) {
			nwrp |= (optionBytes[8 + 2 * i] & 0xFF) << (8 * i);
		}
		return ~nwrp;
	}

	@Override
	public void reset(ResetKind kind) {
		if (kind == ResetKind.POWER_CYCLE) {
			Arrays.fill(ram, (byte) 0);
		}
		// the bootloader starts byte-wide on F4 after every reset ([AN2606] Table 4)
		parallelism = 1;
	}

	@Override
	public void boot(ChipPort port) throws IOException {
		if (variant.kind != Family.F1 && rdp() == Stm32Variant.RDP_LEVEL2) {
			port.trace("RDP level 2: the bootloader cannot be entered; the chip stays silent");
			while (true) {
				port.read();
			}
		}
		// auto-baud: anything but 0x7F before sync is noise the bootloader measures wrongly and ignores
		while (port.read() != SYNC) {
			port.trace("ignored a byte before sync");
		}
		port.write(ACK);
		port.trace("sync");
		while (true) {
			int code = port.read();
			int complement = port.read();
			if ((code ^ complement) != 0xFF || !variant.commands().contains(code)) {
				port.trace(String.format("NACK: %02X %02X is not a command", code, complement));
				port.write(NACK);
				continue;
			}
			if (readoutProtected() && code != 0x00 && code != 0x01 && code != 0x02 && code != 0x92) {
				port.trace(String.format("NACK: command 0x%02X refused under readout protection", code));
				port.write(NACK);
				continue;
			}
			if (port.refusalDue()) {
				port.write(NACK);
				continue;
			}
			boolean resets = switch (code) {
			case 0x00 -> get(port);
			case 0x01 -> getVersion(port);
			case 0x02 -> getId(port);
			case 0x11 -> readMemory(port);
			case 0x21 -> go(port);
			case 0x31 -> writeMemory(port);
			case 0x43 -> erase(port);
			case 0x44 -> extendedErase(port);
			case 0x63 -> writeProtect(port);
			case 0x73 -> writeUnprotect(port);
			case 0x82 -> readoutProtect(port);
			case 0x92 -> readoutUnprotect(port);
			default -> throw new IllegalStateException("command 0x" + Integer.toHexString(code) + " listed but not served");
			};
			if (resets) {
				return;
			}
		}
	}

	private boolean get(ChipPort port) throws IOException {
		port.trace("GET");
		byte[] answer = new byte[variant.commands().size() + 4];
		answer[0] = ACK;
		answer[1] = (byte) variant.commands().size();
		answer[2] = (byte) variant.protocol;
		for (int i = 0; i < variant.commands().size(); i++) {
			answer[3 + i] = (byte) (int) variant.commands().get(i);
		}
		answer[answer.length - 1] = ACK;
		port.write(answer);
		return false;
	}

	private boolean getVersion(ChipPort port) throws IOException {
		port.trace("GET VERSION");
		port.write(ACK, variant.protocol, 0x00, 0x00, ACK);
		return false;
	}

	private boolean getId(ChipPort port) throws IOException {
		port.trace("GET ID");
		port.write(ACK, 0x01, variant.pid >> 8, variant.pid & 0xFF, ACK);
		return false;
	}

	/** Reads 4 address bytes and their XOR; ACKs a good one. Returns -1 after a NACK. */
	private long address(ChipPort port) throws IOException {
		byte[] a = port.read(4);
		int checksum = port.read();
		if (((a[0] ^ a[1] ^ a[2] ^ a[3]) & 0xFF) != checksum) {
			port.trace("NACK: address checksum wrong");
			port.write(NACK);
			return -1;
		}
		return (a[0] & 0xFFL) << 24 | (a[1] & 0xFFL) << 16 | (a[2] & 0xFFL) << 8 | (a[3] & 0xFFL);
	}

	private boolean readMemory(ChipPort port) throws IOException {
		port.write(ACK);
		long address = address(port);
		if (address < 0) {
			return false;
		}
		if (readable(address, 1) == null) {
			port.trace(String.format("NACK: READ at 0x%08X, not readable", address));
			port.write(NACK);
			return false;
		}
		port.write(ACK);
		int n = port.read();
		int complement = port.read();
		if ((n ^ complement) != 0xFF) {
			port.write(NACK);
			return false;
		}
		byte[] data = readable(address, n + 1);
		if (data == null) {
			port.trace(String.format("NACK: READ 0x%08X + %d runs past the end of its memory", address, n + 1));
			port.write(NACK);
			return false;
		}
		port.trace(String.format("READ 0x%08X %d bytes", address, n + 1));
		byte[] answer = new byte[n + 2];
		answer[0] = ACK;
		System.arraycopy(data, 0, answer, 1, n + 1);
		port.write(answer);
		return false;
	}

	/** The bytes at [address, address+length) if the bootloader lets them be read, else null. */
	private byte[] readable(long address, int length) {
		long end = address + length;
		if (flash.contains(address, length)) {
			return flash.read(address, length);
		}
		if (address >= variant.ramAcceptedStart && end - 1 <= variant.ramAcceptedEnd) {
			int offset = (int) (address - Stm32Variant.RAM_BASE);
			return Arrays.copyOfRange(ram, offset, offset + length);
		}
		long ob = variant.kind.optionBytesAddress;
		if (address >= ob && end <= ob + 16) {
			return Arrays.copyOfRange(optionBytes, (int) (address - ob), (int) (end - ob));
		}
		if (otp.length > 0 && address >= Stm32Variant.OTP_START && end <= Stm32Variant.OTP_START + otp.length) {
			int offset = (int) (address - Stm32Variant.OTP_START);
			return Arrays.copyOfRange(otp, offset, offset + length);
		}
		long infoEnd = Math.max(variant.systemEnd + 1,
				Math.max(variant.kind.uidAddress + 12, variant.kind.flashSizeAddress + 2));
		if (address >= variant.systemStart && end <= infoEnd) {
			return systemMemory(address, length);
		}
		return null;
	}

	/** System memory as read: zeros (the ROM's code is not modelled) with the ID fields in place. */
	private byte[] systemMemory(long address, int length) {
		byte[] out = new byte[length];
		for (int i = 0; i < length; i++) {
			long a = address + i;
			if (otp.length > 0 && a >= Stm32Variant.OTP_START && a < Stm32Variant.OTP_START + otp.length) {
				out[i] = otp[(int) (a - Stm32Variant.OTP_START)];
			} else if (a >= variant.kind.uidAddress && a < variant.kind.uidAddress + 12) {
				out[i] = uid[(int) (a - variant.kind.uidAddress)];
			} else if (a == variant.kind.flashSizeAddress) {
				out[i] = (byte) variant.flashKib;
			} else if (a == variant.kind.flashSizeAddress + 1) {
				out[i] = (byte) (variant.flashKib >> 8);
			} else if (variant.bootloaderId >= 0 && a == variant.bootloaderIdAddress) {
				out[i] = (byte) variant.bootloaderId;
			}
		}
		return out;
	}

	private boolean go(ChipPort port) throws IOException {
		port.write(ACK);
		long address = address(port);
		if (address < 0) {
			return false;
		}
		boolean valid = flash.contains(address, 4)
				|| address >= variant.ramAcceptedStart && address <= variant.ramAcceptedEnd;
		if (!valid) {
			port.trace(String.format("NACK: GO 0x%08X is neither flash nor RAM", address));
			port.write(NACK);
			return false;
		}
		port.write(ACK);
		port.trace(String.format("GO 0x%08X: the application runs; the bootloader is gone until reset", address));
		port.leaveBootloader(String.format("Go 0x%08X accepted", address));
		// no CPU is emulated: the chip ignores the line until it is reset from outside
		while (true) {
			port.read();
		}
	}

	private boolean writeMemory(ChipPort port) throws IOException {
		port.write(ACK);
		long address = address(port);
		if (address < 0) {
			return false;
		}
		if (!writableStart(address)) {
			port.trace(String.format("NACK: WRITE at 0x%08X, not writable", address));
			port.write(NACK);
			return false;
		}
		port.write(ACK);
		int n = port.read();
		byte[] data = port.read(n + 1);
		int checksum = port.read();
		int xor = n;
		for (byte b : data) {
			xor ^= b & 0xFF;
		}
		if ((xor ^ checksum) != 0) {
			port.trace("NACK: WRITE data checksum wrong");
			port.write(NACK);
			return false;
		}
		return write(port, address, data);
	}

	private boolean writableStart(long address) {
		return flash.contains(address, 1)
				|| address >= variant.ramAcceptedStart && address <= variant.ramAcceptedEnd
				|| address >= variant.kind.optionBytesAddress && address < variant.kind.optionBytesAddress + 16
				|| otp.length > 0 && address >= Stm32Variant.OTP_START && address < Stm32Variant.OTP_START + otp.length
				|| variant.kind == Family.F4 && address == Stm32Variant.F4_PARALLELISM_ADDRESS;
	}

	/** Returns whether the chip resets (option bytes written). */
	private boolean write(ChipPort port, long address, byte[] data) throws IOException {
		long end = address + data.length;
		if (flash.contains(address, data.length)) {
			if (address % 4 != 0 || data.length % 4 != 0) {
				port.trace(String.format("NACK: WRITE 0x%08X + %d is not 4-byte aligned", address, data.length));
				port.write(NACK);
				return false;
			}
			if (variant.kind != Family.F4 && !halfWordsProgrammable(address, data)) {
				// F0/F1 flash refuses to program a half-word that is not erased (PGERR)
				port.trace(String.format("NACK: WRITE 0x%08X over flash that is not erased", address));
				port.write(NACK);
				return false;
			}
			port.busy(timing.program(data.length).dividedBy(parallelism));
			programUnprotected(address, data);
			port.trace(String.format("WRITE 0x%08X %d bytes", address, data.length));
			port.write(ACK);
			return false;
		}
		if (address >= variant.ramAcceptedStart && end - 1 <= variant.ramAcceptedEnd) {
			System.arraycopy(data, 0, ram, (int) (address - Stm32Variant.RAM_BASE), data.length);
			port.trace(String.format("WRITE RAM 0x%08X %d bytes", address, data.length));
			port.write(ACK);
			return false;
		}
		long ob = variant.kind.optionBytesAddress;
		if (address >= ob && end <= ob + 16) {
			return writeOptionBytes(port, (int) (address - ob), data);
		}
		if (otp.length > 0 && address >= Stm32Variant.OTP_START && end <= Stm32Variant.OTP_START + otp.length) {
			int offset = (int) (address - Stm32Variant.OTP_START);
			for (int i = 0; i < data.length; i++) {
				otp[offset + i] &= data[i];
			}
			port.busy(timing.program(data.length));
			port.trace(String.format("WRITE OTP 0x%08X %d bytes", address, data.length));
			port.write(ACK);
			return false;
		}
		if (variant.kind == Family.F4 && address == Stm32Variant.F4_PARALLELISM_ADDRESS && data.length == 4
				&& (data[0] & 0xFF) <= 4 && data[1] == (byte) 0xFF && data[2] == (byte) 0xFF && data[3] == (byte) 0xFF) {
			// RM0090: x8 below 2.1 V, x16 from 2.1 to 2.7 V, x32 from 2.7 V, x64 with VPP
			parallelism = new int[] { 1, 2, 2, 4, 8 }[data[0]];
			port.trace("program parallelism x" + 8 * parallelism);
			port.write(ACK);
			return false;
		}
		port.trace(String.format("NACK: WRITE 0x%08X + %d bytes leaves its memory", address, data.length));
		port.write(NACK);
		return false;
	}

	private boolean halfWordsProgrammable(long address, byte[] data) {
		byte[] current = flash.read(address, data.length);
		for (int i = 0; i < data.length; i += 2) {
			boolean erased = current[i] == (byte) 0xFF && current[i + 1] == (byte) 0xFF;
			boolean unchanged = data[i] == (byte) 0xFF && data[i + 1] == (byte) 0xFF;
			boolean zero = data[i] == 0 && data[i + 1] == 0;
			if (!erased && !unchanged && !zero) {
				return false;
			}
		}
		return true;
	}

	/** Writes to write-protected blocks are dropped without an error ([AN2662] p.26). */
	private void programUnprotected(long address, byte[] data) {
		for (int i = 0; i < data.length; i++) {
			if (!isProtected(flash.blockAt(address + i))) {
				flash.program(address + i, new byte[] { data[i] });
			}
		}
	}

	private boolean isProtected(int block) {
		int bit;
		if (variant.kind == Family.F4) {
			bit = block;
		} else {
			bit = (int) Math.min(31, (flash.blockAddress(block) - flash.base()) / variant.kind.wrpGroupBytes);
		}
		return (writeProtection() >>> bit & 1) != 0;
	}

	private boolean writeOptionBytes(ChipPort port, int offset, byte[] data) throws IOException {
		boolean wasProtected = readoutProtected();
		byte[] updated = optionBytes.clone();
		System.arraycopy(data, 0, updated, offset, data.length);
		System.arraycopy(updated, 0, optionBytes, 0, 16);
		port.busy(timing.program(16));
		if (wasProtected && !readoutProtected()) {
			regressionErase(port);
		}
		port.trace("WRITE option bytes, RDP now 0x" + Integer.toHexString(rdp()) + "; system reset");
		port.write(ACK);
		return true;
	}

	/** Leaving readout protection erases the whole flash first (RM0090/RM0365; mcu-protocols C.2-C.4). */
	private void regressionErase(ChipPort port) throws IOException {
		port.busy(timing.massErase());
		flash.eraseAll();
		Arrays.fill(ram, (byte) 0);
		port.trace("readout protection removed: flash mass-erased");
	}

	private boolean erase(ChipPort port) throws IOException {
		port.write(ACK);
		int n = port.read();
		if (n == 0xFF) {
			int checksum = port.read();
			if (checksum != 0x00) {
				port.write(NACK);
				return false;
			}
			return massErase(port);
		}
		byte[] pages = port.read(n + 1);
		int checksum = port.read();
		int xor = n;
		int[] list = new int[pages.length];
		for (int i = 0; i < pages.length; i++) {
			xor ^= pages[i] & 0xFF;
			list[i] = pages[i] & 0xFF;
		}
		if ((xor ^ checksum) != 0) {
			port.trace("NACK: ERASE checksum wrong");
			port.write(NACK);
			return false;
		}
		return erasePages(port, list);
	}

	private boolean extendedErase(ChipPort port) throws IOException {
		port.write(ACK);
		int hi = port.read();
		int lo = port.read();
		int n = hi << 8 | lo;
		if (n >= 0xFFF0) {
			int checksum = port.read();
			if ((hi ^ lo ^ checksum) != 0 || n < 0xFFFD) {
				port.trace(String.format("NACK: EXTENDED ERASE special code 0x%04X", n));
				port.write(NACK);
				return false;
			}
			if (n == 0xFFFD) {
				port.trace("NACK: EXTENDED ERASE of bank 2, which this part does not have");
				port.write(NACK);
				return false;
			}
			return massErase(port);
		}
		byte[] raw = port.read(2 * (n + 1));
		int checksum = port.read();
		int xor = hi ^ lo;
		int[] list = new int[n + 1];
		for (int i = 0; i <= n; i++) {
			xor ^= (raw[2 * i] & 0xFF) ^ (raw[2 * i + 1] & 0xFF);
			list[i] = (raw[2 * i] & 0xFF) << 8 | raw[2 * i + 1] & 0xFF;
		}
		if ((xor ^ checksum) != 0) {
			port.trace("NACK: EXTENDED ERASE checksum wrong");
			port.write(NACK);
			return false;
		}
		return erasePages(port, list);
	}

	private boolean erasePages(ChipPort port, int[] blocks) throws IOException {
		for (int block : blocks) {
			if (block >= flash.blockCount()) {
				port.trace("NACK: ERASE of page/sector " + block + "; the flash has " + flash.blockCount());
				port.write(NACK);
				return false;
			}
			if (isProtected(block)) {
				port.trace("NACK: ERASE of write-protected page/sector " + block);
				port.write(NACK);
				return false;
			}
		}
		for (int block : blocks) {
			port.busy(timing.erase(flash.blockSize(block)));
			flash.erase(block);
		}
		port.trace("ERASE " + blocks.length + (variant.kind == Family.F4 ? " sectors" : " pages"));
		port.write(ACK);
		return false;
	}

	private boolean massErase(ChipPort port) throws IOException {
		if (writeProtection() != 0) {
			port.trace("NACK: mass erase with write-protected pages");
			port.write(NACK);
			return false;
		}
		port.busy(timing.massErase());
		flash.eraseAll();
		port.trace("MASS ERASE");
		port.write(ACK);
		return false;
	}

	private boolean writeProtect(ChipPort port) throws IOException {
		port.write(ACK);
		int n = port.read();
		byte[] codes = port.read(n + 1);
		int checksum = port.read();
		int xor = n;
		for (byte b : codes) {
			xor ^= b & 0xFF;
		}
		int groups = variant.kind == Family.F4 ? flash.blockCount() : 32;
		for (byte b : codes) {
			if ((b & 0xFF) >= groups) {
				xor = -1;
			}
		}
		if ((xor ^ checksum) != 0) {
			port.trace("NACK: WRITE PROTECT list wrong");
			port.write(NACK);
			return false;
		}
		int mask = writeProtection();
		for (byte b : codes) {
			mask |= 1 << (b & 0xFF);
		}
		setWriteProtection(mask);
		port.busy(timing.program(16));
		port.trace("WRITE PROTECT " + (n + 1) + " groups; system reset");
		port.write(ACK);
		return true;
	}

	private boolean writeUnprotect(ChipPort port) throws IOException {
		port.write(ACK);
		setWriteProtection(0);
		port.busy(timing.program(16));
		port.trace("WRITE UNPROTECT; system reset");
		port.write(ACK);
		return true;
	}

	private void setWriteProtection(int mask) {
		if (variant.kind == Family.F4) {
			int nwrp = ~mask & 0xFFF;
			optionBytes[8] = (byte) nwrp;
			optionBytes[9] = (byte) (nwrp >> 8 & 0x0F);
			return;
		}
		for (int i = 0; i < 4; i++) {
			int value = ~mask >>> (8 * i) & 0xFF;
			optionBytes[8 + 2 * i] = (byte) value;
			optionBytes[9 + 2 * i] = (byte) ~value;
		}
	}

	private boolean readoutProtect(ChipPort port) throws IOException {
		// refused under protection before this point (only Get, Get Version, Get ID, Unprotect pass)
		port.write(ACK);
		setRdp(variant.kind.rdpProtect);
		port.busy(timing.program(16));
		port.trace("READOUT PROTECT: RDP 0x" + Integer.toHexString(rdp()) + "; system reset");
		port.write(ACK);
		// the bootloader it resets into refuses Go (and Read, Write) under protection: the station is done with it
		port.leaveBootloader("Readout Protect set RDP 0x" + Integer.toHexString(rdp())
				+ "; after its reset the bootloader refuses Go");
		return true;
	}

	private boolean readoutUnprotect(ChipPort port) throws IOException {
		port.write(ACK);
		regressionErase(port);
		defaultOptionBytes();
		port.trace("READOUT UNPROTECT: flash erased, RDP 0x" + Integer.toHexString(rdp()) + "; system reset");
		port.write(ACK);
		return true;
	}

	private void setRdp(int value) {
		if (variant.kind == Family.F4) {
			optionBytes[1] = (byte) value;
		} else {
			optionBytes[0] = (byte) value;
			optionBytes[1] = (byte) ~value;
		}
	}

	/** How long the given operation takes on this chip, after scaling (for tests and reports). */
	public FlashTiming timing() {
		return timing;
	}

}
