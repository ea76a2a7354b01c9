package io.mintage.sim.stm32;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mintage.sim.FlashTiming;

/**
 * The STM32 parts the bootloader emulator knows, each an independent model of ST's documents (not of
 * Mintage's family descriptors, so a descriptor error shows up against it). Sources, as tagged in
 * shared/reference/mcu-protocols.md: PIDs, bootloader IDs and versions, accepted RAM and system
 * memory from [AN2606] Tables 3 and 226; UID, flash-size register and option-byte addresses from
 * CMSIS; page and sector sizes from the HALs and OpenOCD; RDP values from the HALs. Flash times are
 * datasheet typical values (F0/F1 half-word 52.5 us, page/mass erase 20-40 ms; F4 at the bootloader's
 * x8 parallelism 16 us a byte, 16/64/128 KB sectors 400/1200/2000 ms, mass erase 16 s for 1 MB), taken
 * from the datasheets' flash tables as remembered: UNVERIFIED first-hand, see mcu-protocols A.5.
 */
public enum Stm32Variant {

	F030X8("stm32f0", "f030x8", "STM32F030x8", 0x440, 0x31, 0x21, 0x1FFFF7A6L, 64, pages(1024, 64), 8,
			0x2000_0800L, 0x2000_1FFFL, 0x1FFF_EC00L, 0x1FFF_F7FFL, Family.F0),
	F072XB("stm32f0", "f072xb", "STM32F072xB", 0x448, 0x31, 0xA1, 0x1FFFF6A6L, 128, pages(2048, 64), 16,
			0x2000_1800L, 0x2000_3FFFL, 0x1FFF_C800L, 0x1FFF_F7FFL, Family.F0),
	F103XB("stm32f1", "f103xb", "STM32F103xB (medium density)", 0x410, 0x22, -1, 0, 128, pages(1024, 128), 20,
			0x2000_0200L, 0x2000_4FFFL, 0x1FFF_F000L, 0x1FFF_F7FFL, Family.F1),
	F103XE("stm32f1", "f103xe", "STM32F103xE (high density)", 0x414, 0x22, -1, 0, 512, pages(2048, 256), 64,
			0x2000_0200L, 0x2000_FFFFL, 0x1FFF_F000L, 0x1FFF_F7FFL, Family.F1),
	F407XG("stm32f4", "f407xg", "STM32F407xG", 0x413, 0x31, 0x31, 0x1FFF77DEL, 1024, f4Sectors(12), 128,
			0x2000_2000L, 0x2001_FFFFL, 0x1FFF_0000L, 0x1FFF_77FFL, Family.F4),
	F411XE("stm32f4", "f411xe", "STM32F411xE", 0x431, 0x31, 0xD0, 0x1FFF76DEL, 512, f4Sectors(8), 128,
			0x2000_3000L, 0x2001_FFFFL, 0x1FFF_0000L, 0x1FFF_77FFL, Family.F4);

	/** What differs by family: addresses, RDP encoding, erase blocks' role, program unit. */
	public enum Family {
		F0(0x1FFF_F7ACL, 0x1FFF_F7CCL, 0x1FFF_F800L, 0xAA, 0xBB, 4096),
		F1(0x1FFF_F7E8L, 0x1FFF_F7E0L, 0x1FFF_F800L, 0xA5, 0x00, 4096),
		F4(0x1FFF_7A10L, 0x1FFF_7A22L, 0x1FFF_C000L, 0xAA, 0x55, 0);

		/** Unique ID, 12 bytes. */
		public final long uidAddress;
		/** Flash size in KiB, 16 bits little-endian. */
		public final long flashSizeAddress;
		/** The 16 option bytes. */
		public final long optionBytesAddress;
		/** RDP value of level 0 (no protection): F1 0xA5, F0/F4 0xAA. */
		public final int rdpOpen;
		/** RDP value the Readout Protect command writes (level 1), as the HALs do. */
		public final int rdpProtect;
		/** Bytes of flash one write-protection bit covers (0: one bit per sector, F4). */
		public final int wrpGroupBytes;

		Family(long uid, long flashSize, long options, int rdpOpen, int rdpProtect, int wrpGroupBytes) {
			this.uidAddress = uid;
			this.flashSizeAddress = flashSize;
			this.optionBytesAddress = options;
			this.rdpOpen = rdpOpen;
			this.rdpProtect = rdpProtect;
			this.wrpGroupBytes = wrpGroupBytes;
		}
	}

	/** RDP level 2 on F0/F4: irreversible, the bootloader cannot be entered any more. */
	public static final int RDP_LEVEL2 = 0xCC;
	public static final long FLASH_BASE = 0x0800_0000L;
	public static final long RAM_BASE = 0x2000_0000L;
	/** F4 OTP area: 16 blocks of 32 bytes and 16 lock bytes. */
	public static final long OTP_START = 0x1FFF_7800L;
	public static final int OTP_SIZE = 528;
	/** F4 virtual location selecting the program parallelism ([AN2606] Table 4). */
	public static final long F4_PARALLELISM_ADDRESS = 0xFFFF_0000L;

	public final String family;
	public final String id;
	public final String partName;
	public final int pid;
	/** Protocol version the Get and Get Version commands report: 0x22 (V2.2) or 0x31 (V3.1). */
	public final int protocol;
	/** Bootloader ID byte in system memory, or -1 where there is none (F1). */
	public final int bootloaderId;
	public final long bootloaderIdAddress;
	public final int flashKib;
	private final int[] blocks;
	public final int ramKib;
	public final long ramAcceptedStart;
	public final long ramAcceptedEnd;
	public final long systemStart;
	public final long systemEnd;
	public final Family kind;

	Stm32Variant(String family, String id, String partName, int pid, int protocol, int bootloaderId,
			long bootloaderIdAddress, int flashKib, int[] blocks, int ramKib, long ramAcceptedStart,
			long ramAcceptedEnd, long systemStart, long systemEnd, Family kind) {
		this.family = family;
		this.id = id;
		this.partName = partName;
		this.pid = pid;
		this.protocol = protocol;
		this.bootloaderId = bootloaderId;
		this.bootloaderIdAddress = bootloaderIdAddress;
		this.flashKib = flashKib;
		this.blocks = blocks;
		this.ramKib = ramKib;
		this.ramAcceptedStart = ramAcceptedStart;
		this.ramAcceptedEnd = ramAcceptedEnd;
		this.systemStart = systemStart;
		this.systemEnd = systemEnd;
		this.kind = kind;
	}

	private static int[] pages(int size, int count) {
		int[] sizes = new int[count];
		Arrays.fill(sizes, size);
		return sizes;
	}

	/** 4 x 16 KB, 1 x 64 KB, then 128 KB sectors. */
	private static int[] f4Sectors(int count) {
		int[] sizes = new int[count];
		for (int i = 0; i < count; i++) {
			sizes[i] = i < 4 ? 16 * 1024 : i == 4 ? 64 * 1024 : 128 * 1024;
		}
		return sizes;
	}

	/** Erase blocks (pages on F0/F1, sectors on F4), in order from 0x08000000. */
	public int[] eraseBlocks() {
		return blocks.clone();
	}

	/** Extended Erase (0x44) from protocol V3.0 on, plain Erase (0x43) before. */
	public boolean extendedErase() {
		return protocol >= 0x30;
	}

	/** The commands Get lists, in its order. */
	public List<Integer> commands() {
		return List.of(0x00, 0x01, 0x02, 0x11, 0x21, 0x31, extendedErase() ? 0x44 : 0x43, 0x63, 0x73, 0x82, 0x92);
	}

	/** Datasheet flash times at the bootloader's default programming (F4: x8, byte by byte). */
	public FlashTiming flashTiming() {
		if (kind == Family.F4) {
			Map<Integer, Duration> erase = new HashMap<>();
			erase.put(16 * 1024, Duration.ofMillis(400));
			erase.put(64 * 1024, Duration.ofMillis(1200));
			erase.put(128 * 1024, Duration.ofMillis(2000));
			return new FlashTiming(1, Duration.ofNanos(16_000), erase, Duration.ofMillis(16L * flashKib), 1.0);
		}
		return new FlashTiming(2, Duration.ofNanos(52_500), Map.of(blocks[0], Duration.ofMillis(30)),
				Duration.ofMillis(30), 1.0);
	}

	/** {@code stm32f1:f103xb}. */
	public String fullId() {
		return family + ":" + id;
	}

	/** The variant a family means without one. */
	public static Stm32Variant defaultOf(String family) {
		return switch (family) {
		case "stm32f0" -> F030X8;
		case "stm32f1" -> F103XB;
		case "stm32f4" -> F407XG;
		default -> null;
		};
	}

	/**
	 * Finds {@code FAMILY[:VARIANT]}, e.g. {@code stm32f4}, {@code stm32f1:f103xe}.
	 *
	 * @throws IllegalArgumentException listing the known ones
	 */
	public static Stm32Variant parse(String text) {
		String t = text.trim().toLowerCase(Locale.ROOT);
		int colon = t.indexOf(':');
		String family = colon < 0 ? t : t.substring(0, colon);
		if (colon < 0) {
			Stm32Variant variant = defaultOf(family);
			if (variant != null) {
				return variant;
			}
		} else {
			String id = t.substring(colon + 1);
			for (Stm32Variant v : values()) {
				if (v.family.equals(family) && v.id.equals(id)) {
					return v;
				}
			}
		}
		StringBuilder known = new StringBuilder();
		for (Stm32Variant v : values()) {
			known.append(known.length() == 0 ? "" : ", ").append(v.fullId());
		}
		throw new IllegalArgumentException("'" + text + "' is not an emulated STM32; known: " + known
				+ " (a family alone means its first variant)");
	}
}
