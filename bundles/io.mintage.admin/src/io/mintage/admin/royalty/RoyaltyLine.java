package io.mintage.admin.royalty;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one station owes for one product in a period: the devices the reconciliation counted, times the
 * royalty per device of their quota. Exact decimal arithmetic throughout; nothing is rounded.
 *
 * @param station   the station's name (its certificate subject's common name)
 * @param product   the product, as "name (id)"
 * @param devices   devices counted for royalty in the period
 * @param perDevice royalty per device, in the statement's currency, not negative
 */
public record RoyaltyLine(String station, String product, long devices, BigDecimal perDevice) {

	public RoyaltyLine {
		Objects.requireNonNull(station, "station");
		Objects.requireNonNull(product, "product");
		Objects.requireNonNull(perDevice, "perDevice");
		if (devices < 0) {
			throw new IllegalArgumentException("a device count is not negative: " + devices);
		}
		if (perDevice.signum() < 0) {
			throw new IllegalArgumentException("a royalty per device is not negative: " + perDevice);
		}
	}

	/** {@link #devices} times {@link #perDevice}, exactly. */
	public BigDecimal amount() {
		return perDevice.multiply(BigDecimal.valueOf(devices));
	}
}
