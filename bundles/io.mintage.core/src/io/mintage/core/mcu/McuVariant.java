package io.mintage.core.mcu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import io.mintage.core.MemoryRegion;

/**
 * One chip (or group of chips sharing an ID) of a family.
 * <p>
 * The first eight components are the original API and stay first and in this order (probes construct
 * variants with them); the short constructor fills the rest with neutral values. Variants from a
 * family bundle come from its validated descriptor and have every component filled.
 *
 * @param name              e.g. "STM32F405/407"
 * @param deviceIds         bootloader product ID (STM32 Get ID) or ISP part ID (LPC) values that mean this variant
 * @param flash             main flash, at its largest for the ID; {@link #forFlashSize(long)} narrows it
 * @param sectors           flash erase units in address order; uniform pages are listed once per page
 * @param writeGranularity  smallest unit the flash programs through the bootloader, in bytes
 * @param erasedValue       value of an erased flash byte
 * @param ram               main SRAM
 * @param uid               where the unique ID lives, empty where the family documents none
 * @param undocumentedUid   where a UID probably is although the documentation of some chips with this ID
 *                          does not promise one; used only by a job that explicitly accepts the risk
 *                          (see {@link Quirk#UID_UNDOCUMENTED})
 * @param flashSizeRegister address of the 16-bit register giving the flash size in KiB, if the chip has one
 * @param bootloaderRam     RAM the ROM bootloader uses for itself: never written by a probe
 * @param systemRegions     system memory, option bytes, OTP and device-ID areas (not main flash or RAM)
 * @param recordPlacement   where the device record goes unless the job chooses another offered place
 * @param recordPlacements  every place the record may go, the default included
 * @param protection        readout/code protection levels and how they are set
 * @param eraseKind         which erase command the bootloader speaks
 * @param quirks            behaviour to take into account, family-wide ones included
 * @param unverified        component name → why its value is not first-hand (UNVERIFIED or derived)
 * @param source            where the variant's facts come from
 * @param supplyRanges      how the bootloader is told the supply voltage to program wider words, where it can be
 */
public record McuVariant(String name, List<Long> deviceIds, MemoryRegion flash, List<MemoryRegion> sectors,
		int writeGranularity, int erasedValue, MemoryRegion ram, Optional<UidLocation> uid,
		Optional<UidLocation> undocumentedUid, OptionalLong flashSizeRegister, List<MemoryRegion> bootloaderRam,
		List<MemoryRegion> systemRegions, RecordPlacement recordPlacement, List<RecordPlacement> recordPlacements,
		Protection protection, EraseKind eraseKind, List<Quirk> quirks, Map<String, String> unverified,
		String source, Optional<SupplyRanges> supplyRanges) {

	public McuVariant {
		Objects.requireNonNull(name, "name");
		deviceIds = List.copyOf(deviceIds);
		Objects.requireNonNull(flash, "flash");
		sectors = List.copyOf(sectors);
		Objects.requireNonNull(ram, "ram");
		Objects.requireNonNull(uid, "uid");
		Objects.requireNonNull(undocumentedUid, "undocumentedUid");
		Objects.requireNonNull(flashSizeRegister, "flashSizeRegister");
		bootloaderRam = List.copyOf(bootloaderRam);
		systemRegions = List.copyOf(systemRegions);
		Objects.requireNonNull(recordPlacement, "recordPlacement");
		recordPlacements = List.copyOf(recordPlacements);
		if (!recordPlacements.contains(recordPlacement)) {
			throw new IllegalArgumentException(
					"variant " + name + ": the default record placement " + recordPlacement + " is not among the offered ones");
		}
		Objects.requireNonNull(protection, "protection");
		Objects.requireNonNull(eraseKind, "eraseKind");
		quirks = List.copyOf(quirks);
		unverified = Map.copyOf(unverified);
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(supplyRanges, "supplyRanges");
	}

	/**
	 * The original constructor: no undocumented UID, no flash-size register, no bootloader RAM or system
	 * regions, the record in the last erase unit, no protection, Extended Erase (the STM32 protocol V3.x
	 * case; probes read the Get list anyway), no quirks, no supply ranges.
	 */
	public McuVariant(String name, List<Long> deviceIds, MemoryRegion flash, List<MemoryRegion> sectors,
			int writeGranularity, int erasedValue, MemoryRegion ram, Optional<UidLocation> uid) {
		this(name, deviceIds, flash, sectors, writeGranularity, erasedValue, ram, uid, Optional.empty(),
				OptionalLong.empty(), List.of(), List.of(), RecordPlacement.LAST_ERASE_UNIT,
				List.of(RecordPlacement.LAST_ERASE_UNIT), Protection.none(), EraseKind.STM32_EXTENDED_ERASE,
				List.of(), Map.of(), "constructed in code", Optional.empty());
	}

	/** @param address where the UID's first byte is, @param length bytes (12 for STM32, 16 for LPC11xx) */
	public record UidLocation(long address, int length, Access access) {

		/** How a probe gets the UID. */
		public enum Access {
			/** Read {@code length} bytes at {@code address}. */
			MEMORY,
			/** Ask the ISP (LPC "N", ReadUID); {@code address} is 0 and means nothing. */
			ISP_COMMAND
		}

		public UidLocation {
			Objects.requireNonNull(access, "access");
		}

		/** A UID read from memory, the original API. */
		public UidLocation(long address, int length) {
			this(address, length, Access.MEMORY);
		}
	}

	public boolean hasQuirk(String id) {
		return quirk(id).isPresent();
	}

	public Optional<Quirk> quirk(String id) {
		return quirks.stream().filter(q -> q.id().equals(id)).findFirst();
	}

	/** The erase unit holding an address, if it is in flash. */
	public Optional<MemoryRegion> sectorAt(long address) {
		return sectors.stream().filter(s -> s.contains(address)).findFirst();
	}

	/** The OTP area, if the variant has one. */
	public Optional<MemoryRegion> otp() {
		return systemRegions.stream().filter(r -> r.kind() == MemoryRegion.Kind.OTP).findFirst();
	}

	/** Where the record goes by default. */
	public MemoryRegion recordRegion() {
		return recordRegion(recordPlacement);
	}

	/** Where the record goes for one of the offered placements. */
	public MemoryRegion recordRegion(RecordPlacement placement) {
		if (!recordPlacements.contains(placement)) {
			throw new IllegalArgumentException(name + " does not offer " + placement + " for the device record; it offers "
					+ recordPlacements);
		}
		return switch (placement) {
		case LAST_ERASE_UNIT -> {
			if (sectors.isEmpty()) {
				throw new IllegalStateException(name + " lists no flash sectors, so it has no last erase unit");
			}
			yield sectors.get(sectors.size() - 1);
		}
		case OTP -> otp().orElseThrow(() -> new IllegalStateException(name + " offers OTP but lists no OTP region"));
		};
	}

	/**
	 * This variant reading its UID where {@link #undocumentedUid()} says it probably is: for a job that
	 * accepts chips whose documentation names no UID (STM32F030/F070 answer with the same ID as F031/F071).
	 *
	 * @throws IllegalStateException when the variant has no such place
	 */
	public McuVariant assumingUndocumentedUid() {
		UidLocation assumed = undocumentedUid.orElseThrow(
				() -> new IllegalStateException(name + " has no undocumented UID place to assume"));
		return new McuVariant(name, deviceIds, flash, sectors, writeGranularity, erasedValue, ram, Optional.of(assumed),
				Optional.empty(), flashSizeRegister, bootloaderRam, systemRegions, recordPlacement, recordPlacements,
				protection, eraseKind, quirks, unverified, source, supplyRanges);
	}

	/**
	 * This variant with main flash cut to the size the chip reports (the flash-size register), so the
	 * last erase unit, and with it the record's default place, is the chip's real last one.
	 *
	 * @throws IllegalArgumentException when the size is larger than the variant's flash or does not end
	 *                                  on an erase-unit boundary
	 */
	public McuVariant forFlashSize(long bytes) {
		if (bytes <= 0 || bytes > flash.size()) {
			throw new IllegalArgumentException(String.format("%s: a flash size of %d bytes is outside 1..%d bytes", name,
					bytes, flash.size()));
		}
		if (bytes == flash.size()) {
			return this;
		}
		long end = flash.start() + bytes;
		List<MemoryRegion> kept = new ArrayList<>();
		for (MemoryRegion sector : sectors) {
			if (sector.end() <= end) {
				kept.add(sector);
			} else if (sector.start() < end) {
				throw new IllegalArgumentException(String.format(
						"%s: a flash size of %d bytes ends inside %s, not on an erase-unit boundary", name, bytes, sector));
			}
		}
		MemoryRegion cut = new MemoryRegion(flash.name(), flash.kind(), flash.start(), bytes);
		return new McuVariant(name, deviceIds, cut, kept, writeGranularity, erasedValue, ram, uid, undocumentedUid,
				flashSizeRegister, bootloaderRam, systemRegions, recordPlacement, recordPlacements, protection,
				eraseKind, quirks, unverified, source, supplyRanges);
	}
}
