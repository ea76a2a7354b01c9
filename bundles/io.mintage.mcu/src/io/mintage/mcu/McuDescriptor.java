package io.mintage.mcu;

import java.util.List;

import io.mintage.core.mcu.McuVariant;

/**
 * What a validated descriptor file says: the family and its variants with every default applied.
 *
 * @param family      persisted family id, e.g. {@code stm32f1}; equals the component's {@code mintage.mcu.family}
 * @param displayName e.g. "STM32F1"
 * @param source      where the family's facts come from
 * @param variants    in the descriptor's order
 */
public record McuDescriptor(String family, String displayName, String source, List<McuVariant> variants) {

	/** The descriptor format this code reads and writes; the {@code format} field of every file. */
	public static final int FORMAT = 1;

	public McuDescriptor {
		variants = List.copyOf(variants);
	}
}
