package io.mintage.trust;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * What a quota allows: {@code serials} of {@code product}, from {@code notBefore} to {@code notAfter}
 * (both inclusive). {@code notAfter} is whole seconds, because it becomes the batch certificate's
 * {@code not_after}; {@code notBefore} is kept to the millisecond (finer digits are dropped), the
 * precision the quota key's GeneralizedTime carries.
 */
public record QuotaTerms(UUID quotaId, ProductId product, SerialRange serials, Instant notBefore, Instant notAfter) {

	/** The last instant a GeneralizedTime of four-digit years can hold. */
	static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	public QuotaTerms {
		Objects.requireNonNull(quotaId, "quotaId");
		Objects.requireNonNull(product, "product");
		Objects.requireNonNull(serials, "serials");
		Objects.requireNonNull(notBefore, "notBefore");
		Objects.requireNonNull(notAfter, "notAfter");
		notBefore = notBefore.truncatedTo(ChronoUnit.MILLIS);
		if (notAfter.getNano() != 0) {
			throw new IllegalArgumentException("a quota's end is whole seconds (it becomes the batch certificate's"
					+ " not_after), not " + notAfter);
		}
		if (notBefore.isBefore(Instant.EPOCH) || notAfter.isAfter(LATEST)) {
			throw new IllegalArgumentException("a quota lies between 1970 and the year 9999, not " + notBefore + " to "
					+ notAfter);
		}
		if (!notBefore.isBefore(notAfter)) {
			throw new IllegalArgumentException("a quota's start (" + notBefore + ") must be before its end ("
					+ notAfter + ")");
		}
	}

	@Override
	public String toString() {
		return "quota " + quotaId + ": product " + product + ", serials " + serials + ", " + notBefore + " to "
				+ notAfter;
	}
}
