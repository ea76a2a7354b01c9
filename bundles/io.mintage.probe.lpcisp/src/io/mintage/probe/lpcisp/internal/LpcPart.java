package io.mintage.probe.lpcisp.internal;

import java.util.List;
import java.util.Optional;

/**
 * What the driver must know of a part to program it, by the part ID the ISP's J command returns (values
 * from lpc21isp's table, mcu-protocols.md D.8). All LPC11xx sectors are 4 KiB from address 0, so a
 * sector number is the address divided by 4096.
 *
 * @param flashSize bytes of flash from address 0
 * @param ramSize   bytes of RAM from 0x10000000
 */
public record LpcPart(long partId, String name, int flashSize, int ramSize) {

	public static final int SECTOR_SIZE = 4096;
	public static final long RAM_START = 0x1000_0000L;
	/** Where the driver stages data: the ISP's own variables lie below, CRP1 allows writes only from here. */
	public static final long RAM_BUFFER = 0x1000_0300L;
	/** The largest Copy RAM to flash (and so the largest block the driver stages at once). */
	public static final int MAX_COPY = 4096;

	private static final List<LpcPart> KNOWN = List.of( //
			new LpcPart(0x1430102BL, "LPC11C24/301", 32 * 1024, 8 * 1024),
			new LpcPart(0x1431102BL, "LPC11C22/301", 16 * 1024, 8 * 1024),
			new LpcPart(0x1440102BL, "LPC11C14/301", 32 * 1024, 8 * 1024),
			new LpcPart(0x1421102BL, "LPC11C12/301", 16 * 1024, 8 * 1024));

	public static Optional<LpcPart> forId(long partId) {
		return KNOWN.stream().filter(p -> p.partId == partId).findFirst();
	}

	public int sectorCount() {
		return flashSize / SECTOR_SIZE;
	}

	public int sectorOf(long address) {
		return (int) (address / SECTOR_SIZE);
	}

	public long sectorStart(int sector) {
		return (long) sector * SECTOR_SIZE;
	}

	/** "sector 3 (0x00003000..0x00003FFF)". */
	public static String describeSector(int sector) {
		long start = (long) sector * SECTOR_SIZE;
		return String.format("sector %d (0x%08X..0x%08X)", sector, start, start + SECTOR_SIZE - 1);
	}
}
