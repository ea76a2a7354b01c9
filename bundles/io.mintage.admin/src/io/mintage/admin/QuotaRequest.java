package io.mintage.admin;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import io.mintage.trust.ProductId;

/**
 * What an admin asks for when issuing a quota: for which station (certificate serial, hex), which product,
 * how many devices, from which first serial (empty: the next free range of the product), valid from (empty:
 * now) until, and the royalty per device (empty: none agreed).
 */
public record QuotaRequest(String station, ProductId product, long count, OptionalLong firstSerial,
		Optional<Instant> validFrom, Instant validUntil, Optional<Royalty> royalty) {

	public QuotaRequest {
		Objects.requireNonNull(station, "station");
		Objects.requireNonNull(product, "product");
		Objects.requireNonNull(firstSerial, "firstSerial");
		Objects.requireNonNull(validFrom, "validFrom");
		Objects.requireNonNull(validUntil, "validUntil");
		Objects.requireNonNull(royalty, "royalty");
		if (count < 1) {
			throw new IllegalArgumentException("a quota allows at least one device, not " + count);
		}
	}
}
