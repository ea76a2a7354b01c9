package io.mintage.mcu.stm32f1;

import org.osgi.service.component.annotations.Component;

import io.mintage.core.mcu.McuFamily;
import io.mintage.mcu.DescribedMcuFamily;

/** The STM32F1 family: all of it is in descriptor/stm32f1.json, validated when the component is created. */
@Component(service = McuFamily.class, property = McuFamily.ID + "=stm32f1")
public final class Stm32f1Family extends DescribedMcuFamily {

	public Stm32f1Family() {
		super(Stm32f1Family.class, "descriptor/stm32f1.json");
	}
}
