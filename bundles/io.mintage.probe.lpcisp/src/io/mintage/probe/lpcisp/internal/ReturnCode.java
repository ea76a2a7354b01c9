package io.mintage.probe.lpcisp.internal;

/**
 * The ISP's return codes (decimal, one line after each command) with what they mean for the person at
 * the station. Names and numbers as in NXP's user manuals and lpc21isp.
 */
public enum ReturnCode {
	CMD_SUCCESS(0, "done"),
	INVALID_COMMAND(1, "the chip does not know this command"),
	SRC_ADDR_ERROR(2, "the source address is not on a word boundary"),
	DST_ADDR_ERROR(3, "the destination address is not on a valid boundary"),
	SRC_ADDR_NOT_MAPPED(4, "the source range is not in the chip's memory map"),
	DST_ADDR_NOT_MAPPED(5, "the destination range is not in the chip's memory map"),
	COUNT_ERROR(6, "the byte count is not a multiple of 4 or not a permitted value"),
	INVALID_SECTOR(7, "no such sector, or the end sector is before the start sector"),
	SECTOR_NOT_BLANK(8, "the sector is not blank"),
	SECTOR_NOT_PREPARED_FOR_WRITE_OPERATION(9, "the sector was not prepared for writing (Prepare must come first)"),
	COMPARE_ERROR(10, "the flash does not hold what was written"),
	BUSY(11, "the flash programming interface is busy"),
	PARAM_ERROR(12, "a parameter is missing or wrong"),
	ADDR_ERROR(13, "the address is not on a word boundary"),
	ADDR_NOT_MAPPED(14, "the address is not in the chip's memory map"),
	CMD_LOCKED(15, "the command is locked (Unlock was not accepted)"),
	INVALID_CODE(16, "the unlock code is wrong"),
	INVALID_BAUD_RATE(17, "the chip does not support this baud rate"),
	INVALID_STOP_BIT(18, "the chip does not support this number of stop bits"),
	CODE_READ_PROTECTION_ENABLED(19, "the chip is read-protected; unprotecting erases it");

	private final int code;
	private final String meaning;

	ReturnCode(int code, String meaning) {
		this.code = code;
		this.meaning = meaning;
	}

	public int code() {
		return code;
	}

	public String meaning() {
		return meaning;
	}

	/** "CODE_READ_PROTECTION_ENABLED (19): the chip is read-protected; unprotecting erases it". */
	public static String describe(int code) {
		for (ReturnCode known : values()) {
			if (known.code == code) {
				return known.name() + " (" + code + "): " + known.meaning;
			}
		}
		return "return code " + code + ", which the ISP documents nowhere";
	}
}
