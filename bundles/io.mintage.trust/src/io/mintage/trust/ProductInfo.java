package io.mintage.trust;

import java.util.Objects;

/** The product a job makes, as the job package names it: its id, its name and its MCU family. */
public record ProductInfo(ProductId id, String name, String mcuFamily) {

	public ProductInfo {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(mcuFamily, "mcuFamily");
	}
}
