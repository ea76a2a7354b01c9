package io.mintage.core.mcu;

import java.util.List;
import java.util.Optional;

/**
 * The MCU families the runtime offers, as one service: what needs a family by its id (a job) or by
 * the ID a chip answers with (identify, the engine) asks here instead of tracking family services
 * itself. A family bundle installed later is seen as soon as it registers.
 */
public interface McuFamilies {

	/** Every installed family, sorted by id. */
	List<McuFamily> all();

	Optional<McuFamily> find(String id);

	/** The family and variant a bootloader's product ID or an ISP part ID belongs to. */
	Optional<Identified> identify(long deviceId);

	/** A chip's family and variant, as its device ID says. */
	record Identified(McuFamily family, McuVariant variant) {
	}
}
