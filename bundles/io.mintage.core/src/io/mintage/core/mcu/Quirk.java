package io.mintage.core.mcu;

import java.util.Objects;

/**
 * A way a chip behaves that a probe or the production engine must take into account, as data: an id
 * code can test for, words for people, and where the fact comes from. Unverified facts are used but
 * say so, so an operator reading a refusal knows how firm its ground is.
 *
 * @param id          stable identifier, lower case with dashes; the constants below are the ones code acts on
 * @param description what happens and what to do about it, in plain words
 * @param verified    false when the source marks the fact UNVERIFIED or it is derived rather than read
 * @param source      where the fact comes from (document, table, tool)
 */
public record Quirk(String id, String description, boolean verified, String source) {

	/** The UID location is not documented for (some chips of) the variant: UID-bound records only on explicit risk acceptance. */
	public static final String UID_UNDOCUMENTED = "uid-undocumented";
	/** STM32: the bootloader offers either Erase (0x43) or Extended Erase (0x44); the Get list decides. */
	public static final String ERASE_COMMAND_FROM_GET = "erase-command-from-get";
	/** STM32F1: RDP 0xA5 is open, any other value protects, there is no level 2. */
	public static final String F1_READOUT_PROTECTION = "f1-readout-protection";
	/** STM32F4: the bootloader programs bytes until the host selects a wider width by supply voltage. */
	public static final String WRITE_WIDTH_BY_VOLTAGE = "write-width-by-voltage";
	/** LPC: word 7 of the vector table must make words 0–7 sum to zero or the ROM stays in ISP. */
	public static final String VECTOR_CHECKSUM = "vector-checksum";
	/** LPC: erase sector 0 first and program it last, so an interrupted download leaves the part in ISP. */
	public static final String SECTOR_ZERO_LAST = "sector-zero-last";
	/** STM32: Read/Write under readout protection answer with two NACKs instead of one. */
	public static final String DOUBLE_NACK_UNDER_RDP = "double-nack-under-rdp";
	/** STM32F0: a freshly programmed blank part needs an option-byte reload or power cycle to boot. */
	public static final String EMPTY_CHECK_BOOT = "empty-check-boot";

	public Quirk {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(description, "description");
		Objects.requireNonNull(source, "source");
	}
}
