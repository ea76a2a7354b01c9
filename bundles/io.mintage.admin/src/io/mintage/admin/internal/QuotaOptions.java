package io.mintage.admin.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.mintage.admin.QuotaRequest;
import io.mintage.admin.Royalty;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.CommandException;
import io.mintage.trust.ProductId;
import io.mintage.trust.SerialRange;

/** The quota options {@code issue-quota} and {@code issue-job} share, read into a {@link QuotaRequest}. */
final class QuotaOptions {

	static final String STATION = "--station";
	static final String PRODUCT = "--product";
	static final String COUNT = "--count";
	static final String SERIAL_START = "--serial-start";
	static final String VALID_FROM = "--valid-from";
	static final String VALID_UNTIL = "--valid-until";
	static final String ROYALTY = "--royalty";
	static final String CURRENCY = "--currency";

	static final Set<String> OPTIONS = Set.of(COUNT, SERIAL_START, VALID_FROM, VALID_UNTIL, ROYALTY, CURRENCY);

	/**
	 * Lines of the usage texts that include it. The closing quotes on a line of their own keep the two
	 * leading spaces (a text block strips only the indentation all its lines share); the backslash
	 * leaves out the last newline.
	 */
	static final String USAGE = """
			  --count N           devices the quota allows (serials S .. S+N-1)
			  --serial-start S    first serial number (default: the next free range of the product);
			                      ranges of one product never overlap
			  --valid-until DATE  last day (or instant) the station may sign records
			  --valid-from DATE   first day (default: now)
			  --royalty AMOUNT --currency CODE
			                      royalty per device, an exact decimal such as 0.125, and its ISO 4217
			                      currency such as EUR (default: none recorded)\
			""";

	static final String STATION_USAGE = """
			  --station STATION   the station: its certificate file (from 'mintage admin enrol') or its
			                      certificate serial number as 'mintage admin stations' lists it\
			""";

	private QuotaOptions() {
	}

	static ProductId product(Arguments arguments) throws CommandException {
		return new ProductId(Arguments.parseNumber(PRODUCT, arguments.required(PRODUCT), 0, 0xFFFF_FFFFL));
	}

	static QuotaRequest request(Arguments arguments, String station, ProductId product) throws CommandException {
		long count = Arguments.parseNumber(COUNT, arguments.required(COUNT), 1, SerialRange.SERIAL_LIMIT);
		OptionalLong first = OptionalLong.empty();
		if (arguments.option(SERIAL_START).isPresent()) {
			long start = Arguments.parseNumber(SERIAL_START, arguments.option(SERIAL_START).get(), 0,
					SerialRange.SERIAL_LIMIT - 1);
			if (start + count > SerialRange.SERIAL_LIMIT) {
				throw CommandException.usage(SerialRange.describeOverflow(start, count));
			}
			first = OptionalLong.of(start);
		}
		Instant notAfter = Arguments.parseEnd(VALID_UNTIL, arguments.required(VALID_UNTIL));
		Optional<Instant> notBefore = arguments.option(VALID_FROM).isPresent()
				? Optional.of(Arguments.parseStart(VALID_FROM, arguments.option(VALID_FROM).get()))
				: Optional.empty();
		if (notBefore.isPresent() && !notAfter.isAfter(notBefore.get())) {
			throw CommandException.usage(VALID_UNTIL + " " + notAfter + " is not after the start " + notBefore.get());
		}
		return new QuotaRequest(station, product, count, first, notBefore, notAfter, royalty(arguments));
	}

	static Optional<Royalty> royalty(Arguments arguments) throws CommandException {
		Optional<String> amount = arguments.option(ROYALTY);
		Optional<String> currency = arguments.option(CURRENCY);
		if (amount.isEmpty() && currency.isEmpty()) {
			return Optional.empty();
		}
		if (amount.isEmpty() || currency.isEmpty()) {
			throw CommandException.usage(ROYALTY + " and " + CURRENCY + " go together: the amount per device and its"
					+ " currency, e.g. " + ROYALTY + " 0.125 " + CURRENCY + " EUR");
		}
		try {
			return Optional.of(Royalty.parse(amount.get(), currency.get()));
		} catch (IllegalArgumentException e) {
			throw CommandException.usage(e.getMessage());
		}
	}
}
