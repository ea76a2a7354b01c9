package io.mintage.core.mcu;

/** How a chip's bootloader erases flash; the probe speaks the matching command. */
public enum EraseKind {
	/** STM32 Erase (0x43): one byte per page number, 0xFF = global; protocol V2.x bootloaders. */
	STM32_ERASE,
	/** STM32 Extended Erase (0x44): 16-bit page/sector numbers, 0xFFFF = mass erase; protocol V3.x bootloaders. */
	STM32_EXTENDED_ERASE,
	/** LPC ISP: Unlock, then Prepare sectors (P) before every Erase sectors (E). */
	LPC_PREPARE_ERASE
}
