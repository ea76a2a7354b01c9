package io.mintage.sim.lpc;

/**
 * The memory and identity of an emulated LPC11xx part.
 *
 * @param partId     what J returns
 * @param bootMajor  boot code version as K reports it (minor first, then major)
 */
public record LpcPartModel(String name, long partId, int sectorSize, int sectorCount, int ramSize, int bootMajor,
		int bootMinor) {

	public static final long RAM_START = 0x1000_0000L;

	/** LPC11C24FBD48/301: 32 KiB flash in 8 sectors of 4 KiB, 8 KiB RAM (boot code version UNVERIFIED, 7.1 assumed). */
	public static final LpcPartModel LPC11C24 = new LpcPartModel("LPC11C24/301", 0x1430102BL, 4096, 8, 8192, 7, 1);
}
