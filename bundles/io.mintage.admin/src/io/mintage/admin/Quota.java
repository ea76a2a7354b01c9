package io.mintage.admin;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.mintage.trust.ProductId;

/**
 * A quota the authority issued: the right of one station to sign {@code count} device records of a
 * product with the serials {@code firstSerial} … {@code firstSerial + count - 1}, within its validity,
 * at a royalty per device. Quotas imported from the register of an earlier release know only the product,
 * range and station subject ({@code imported}).
 */
public record Quota(UUID id, ProductId product, long firstSerial, long count, Optional<String> stationSerial,
		String stationSubject, OptionalLong firmwareId, Optional<Instant> validFrom, Optional<Instant> validUntil,
		Optional<Royalty> royalty, Instant issuedAt, boolean imported) {

	public Quota {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(product, "product");
		Objects.requireNonNull(stationSerial, "stationSerial");
		Objects.requireNonNull(stationSubject, "stationSubject");
		Objects.requireNonNull(firmwareId, "firmwareId");
		Objects.requireNonNull(validFrom, "validFrom");
		Objects.requireNonNull(validUntil, "validUntil");
		Objects.requireNonNull(royalty, "royalty");
		Objects.requireNonNull(issuedAt, "issuedAt");
	}

	public long lastSerial() {
		return firstSerial + count - 1;
	}

	public boolean overlaps(long otherFirst, long otherCount) {
		return firstSerial < otherFirst + otherCount && otherFirst < firstSerial + count;
	}
}
