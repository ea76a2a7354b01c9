package io.mintage.core.mcu;

import java.util.List;
import java.util.Optional;

import io.mintage.core.MemoryRegion;

/**
 * One chip (or group of chips sharing an ID) of a family.
 *
 * @param name             e.g. "STM32F405/407"
 * @param deviceIds        bootloader product ID (STM32 Get ID) or ISP part ID (LPC) values that mean this variant
 * @param flash            main flash
 * @param sectors          flash erase units in address order; uniform pages are listed once per page
 * @param writeGranularity smallest unit the flash programs, in bytes
 * @param erasedValue      value of an erased flash byte
 * @param ram              main SRAM
 * @param uid              where the unique ID lives, empty where the family documents none
 */
public record McuVariant(String name, List<Long> deviceIds, MemoryRegion flash, List<MemoryRegion> sectors,
		int writeGranularity, int erasedValue, MemoryRegion ram, Optional<UidLocation> uid) {

	public McuVariant {
		deviceIds = List.copyOf(deviceIds);
		sectors = List.copyOf(sectors);
	}

	/** @param address where the UID's first byte is, @param length bytes (12 for STM32, 16 for LPC11xx) */
	public record UidLocation(long address, int length) {
	}
}
