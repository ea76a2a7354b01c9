package io.mintage.admin;

import java.time.Instant;
import java.util.Objects;

import io.mintage.trust.ProductId;

/** A product: the id its firmware checks, its name and the MCU family its devices are made of. */
public record Product(ProductId id, String name, String mcuFamily, Instant createdAt) {

	public Product {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(mcuFamily, "mcuFamily");
		Objects.requireNonNull(createdAt, "createdAt");
	}
}
