package io.mintage.sim.stm32;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.mintage.serial.SerialSettings;
import io.mintage.sim.EmulatedChip;
import io.mintage.sim.EmulatorFactory;

/** The STM32 bootloader emulators as a service for the {@code sim} command. */
@Component(service = EmulatorFactory.class, property = { EmulatorFactory.FAMILY + "=stm32f0",
		EmulatorFactory.FAMILY + "=stm32f1", EmulatorFactory.FAMILY + "=stm32f4" })
public final class Stm32EmulatorFactory implements EmulatorFactory {

	@Override
	public List<String> families() {
		return List.of("stm32f0", "stm32f1", "stm32f4");
	}

	@Override
	public List<String> variants(String family) {
		List<String> ids = new ArrayList<>();
		for (Stm32Variant v : Stm32Variant.values()) {
			if (v.family.equals(family)) {
				ids.add(v.id);
			}
		}
		return ids;
	}

	@Override
	public SerialSettings wire(int baudRate) {
		return SerialSettings.evenParity(baudRate);
	}

	@Override
	public EmulatedChip create(String family, Optional<String> variant, Optional<byte[]> uid, double flashTimeScale) {
		Stm32Variant v = Stm32Variant.parse(variant.map(id -> family + ":" + id).orElse(family));
		return new Stm32Bootloader(v, uid.orElseGet(() -> Stm32Bootloader.defaultUid(v)), flashTimeScale);
	}
}
