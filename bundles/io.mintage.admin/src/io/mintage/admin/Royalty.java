package io.mintage.admin;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A royalty per device: an exact decimal amount and an ISO 4217 currency code. Never a double: 0.1 EUR
 * times 1,000,000 devices is exactly 100000.0 EUR. Amounts may have more decimals than the currency's
 * minor unit (a tenth of a cent per device), which is why the database keeps the decimal text rather than
 * minor units.
 */
public record Royalty(BigDecimal perDevice, String currency) {

	/** At most this many decimals: a billionth of a currency unit per device is finer than any contract. */
	public static final int MAX_SCALE = 9;

	private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1," + MAX_SCALE + "})?");
	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	public Royalty {
		Objects.requireNonNull(perDevice, "perDevice");
		Objects.requireNonNull(currency, "currency");
		if (perDevice.signum() < 0 || perDevice.scale() > MAX_SCALE || perDevice.precision() - perDevice.scale() > 12) {
			throw new IllegalArgumentException("a royalty per device is 0 or more, with at most 12 digits before the"
					+ " point and " + MAX_SCALE + " after it, not " + perDevice.toPlainString());
		}
		if (!CURRENCY.matcher(currency).matches()) {
			throw new IllegalArgumentException("a currency is an ISO 4217 code of three capital letters such as EUR,"
					+ " not '" + currency + "'");
		}
	}

	/**
	 * Parses an amount as people write it in a contract ({@code 0.125}: digits, an optional point and
	 * decimals; no exponent, no sign, no grouping), and a currency code.
	 */
	public static Royalty parse(String amount, String currency) {
		String text = amount.trim();
		if (!AMOUNT.matcher(text).matches()) {
			throw new IllegalArgumentException("a royalty per device is written like 0.125 (digits, a point, at most "
					+ MAX_SCALE + " decimals), not '" + amount + "'");
		}
		return new Royalty(new BigDecimal(text), currency.trim().toUpperCase(java.util.Locale.ROOT));
	}

	/** The amount for {@code devices} devices, exact. */
	public BigDecimal times(long devices) {
		return perDevice.multiply(BigDecimal.valueOf(devices));
	}

	/** The amount as stored and printed: plain decimal text, the scale it was given with. */
	public String amount() {
		return perDevice.toPlainString();
	}

	@Override
	public String toString() {
		return amount() + " " + currency;
	}
}
