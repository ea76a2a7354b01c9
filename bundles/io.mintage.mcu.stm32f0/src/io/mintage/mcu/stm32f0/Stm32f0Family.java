package io.mintage.mcu.stm32f0;

import org.osgi.service.component.annotations.Component;

import io.mintage.core.mcu.McuFamily;
import io.mintage.mcu.DescribedMcuFamily;

/** The STM32F0 family: all of it is in descriptor/stm32f0.json, validated when the component is created. */
@Component(service = McuFamily.class, property = McuFamily.ID + "=stm32f0")
public final class Stm32f0Family extends DescribedMcuFamily {

	public Stm32f0Family() {
		super(Stm32f0Family.class, "descriptor/stm32f0.json");
	}
}
