package io.mintage.mcu.stm32f4;

import org.osgi.service.component.annotations.Component;

import io.mintage.core.mcu.McuFamily;
import io.mintage.mcu.DescribedMcuFamily;

/** The STM32F4 family: all of it is in descriptor/stm32f4.json, validated when the component is created. */
@Component(service = McuFamily.class, property = McuFamily.ID + "=stm32f4")
public final class Stm32f4Family extends DescribedMcuFamily {

	public Stm32f4Family() {
		super(Stm32f4Family.class, "descriptor/stm32f4.json");
	}
}
