package io.mintage.admin;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A royalty period and, optionally, one station and one product.
 *
 * @param from    the first day (UTC), included
 * @param to      the last day (UTC), included
 * @param station a station's certificate serial (hex) or name (CN)
 * @param product a product id
 */
public record RoyaltyQuery(LocalDate from, LocalDate to, Optional<String> station, Optional<String> product) {

	public RoyaltyQuery {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(station, "station");
		Objects.requireNonNull(product, "product");
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("a period ends on or after its first day, not " + from + " to " + to);
		}
	}

	/** Every station and product of the period. */
	public static RoyaltyQuery period(LocalDate from, LocalDate to) {
		return new RoyaltyQuery(from, to, Optional.empty(), Optional.empty());
	}
}
