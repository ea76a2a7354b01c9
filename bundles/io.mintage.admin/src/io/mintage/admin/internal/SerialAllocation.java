package io.mintage.admin.internal;

import java.util.List;
import java.util.OptionalLong;

import io.mintage.admin.Quota;
import io.mintage.trust.ProductId;
import io.mintage.trust.SerialRange;

/**
 * Where a new quota's serials go among the quotas a product has: right after the highest range issued
 * (serials then grow with time, as people expect), or, when the 32-bit space is used up there, the lowest
 * gap that holds them. Automatic ranges start at 1: serial 0 reads as "no serial" too easily.
 */
final class SerialAllocation {

	static final long FIRST_AUTOMATIC = 1;

	private SerialAllocation() {
	}

	/** The first serial of a free range of {@code count}; empty when no gap is large enough. */
	static OptionalLong allocate(List<Quota> quotasByFirstSerial, long count) {
		long end = FIRST_AUTOMATIC;
		for (Quota quota : quotasByFirstSerial) {
			end = Math.max(end, quota.firstSerial() + quota.count());
		}
		if (SerialRange.SERIAL_LIMIT - end >= count) {
			return OptionalLong.of(end);
		}
		long cursor = FIRST_AUTOMATIC;
		for (Quota quota : quotasByFirstSerial) {
			if (quota.firstSerial() - cursor >= count) {
				return OptionalLong.of(cursor);
			}
			cursor = Math.max(cursor, quota.firstSerial() + quota.count());
		}
		return SerialRange.SERIAL_LIMIT - cursor >= count ? OptionalLong.of(cursor) : OptionalLong.empty();
	}

	/** The refusal when a range asked for overlaps a quota issued before. */
	static String overlap(ProductId product, long first, long count, Quota other) {
		return "serials " + first + " to " + (first + count - 1) + " of product " + product + " overlap quota "
				+ other.id() + " (serials " + other.firstSerial() + " to " + other.lastSerial() + ", station "
				+ other.stationSubject() + "); leave out the first serial to have a free range chosen, or start after "
				+ other.lastSerial();
	}
}
