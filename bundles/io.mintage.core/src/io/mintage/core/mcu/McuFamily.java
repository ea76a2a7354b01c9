package io.mintage.core.mcu;

import java.util.List;
import java.util.Optional;

/**
 * A family of microcontrollers (STM32F4, LPC11C24…) as one plug-in bundle contributes it: mostly data
 * from a validated descriptor file, plus code only where the family behaves differently. Found as an
 * OSGi service by {@link #ID}.
 */
public interface McuFamily {

	/** Service property and persisted identifier, e.g. {@code stm32f4}. Never renamed once released. */
	String ID = "mintage.mcu.family";

	String id();

	/** Name for people, e.g. "STM32F4". */
	String displayName();

	List<McuVariant> variants();

	/** The variant a bootloader's product/part ID belongs to. */
	default Optional<McuVariant> variantForDeviceId(long deviceId) {
		return variants().stream().filter(v -> v.deviceIds().contains(deviceId)).findFirst();
	}
}
