package io.mintage.mcu.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.mintage.core.mcu.McuFamilies;
import io.mintage.core.mcu.McuFamily;
import io.mintage.core.mcu.McuVariant;

/** {@link McuFamilies} over the {@link McuFamily} services registered, each found by its own id. */
@Component(service = McuFamilies.class)
public final class RegisteredMcuFamilies implements McuFamilies {

	private final List<McuFamily> families = new CopyOnWriteArrayList<>();

	@Reference(service = McuFamily.class, cardinality = ReferenceCardinality.MULTIPLE,
			policy = ReferencePolicy.DYNAMIC)
	void addFamily(McuFamily family) {
		families.add(family);
	}

	void removeFamily(McuFamily family) {
		families.remove(family);
	}

	@Override
	public List<McuFamily> all() {
		return families.stream().sorted(Comparator.comparing(McuFamily::id)).toList();
	}

	@Override
	public Optional<McuFamily> find(String id) {
		return families.stream().filter(family -> family.id().equals(id)).findFirst();
	}

	@Override
	public Optional<Identified> identify(long deviceId) {
		for (McuFamily family : all()) {
			Optional<McuVariant> variant = family.variantForDeviceId(deviceId);
			if (variant.isPresent()) {
				return Optional.of(new Identified(family, variant.get()));
			}
		}
		return Optional.empty();
	}
}
