package io.mintage.admin.internal;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import io.mintage.core.SerialNumber;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.CommandException;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.PemFiles;
import io.mintage.trust.ProductId;
import io.mintage.trust.QuotaKey;
import io.mintage.trust.QuotaTerms;
import io.mintage.trust.RevocationList;
import io.mintage.trust.SerialRange;
import io.mintage.trust.TrustException;

/**
 * The quota options {@code issue-quota} and {@code issue-job} share, and issuing itself: the station
 * must be one of ours and not revoked, the serial range must not overlap any quota issued before for
 * the product, and the register learns of the quota as soon as it exists.
 */
final class QuotaOptions {

	static final String STATION = "--station";
	static final String PRODUCT = "--product";
	static final String COUNT = "--count";
	static final String SERIAL_START = "--serial-start";
	static final String VALID_FROM = "--valid-from";
	static final String VALID_UNTIL = "--valid-until";

	static final Set<String> OPTIONS = Set.of(COUNT, SERIAL_START, VALID_FROM, VALID_UNTIL);

	/**
	 * Lines of the usage texts that include it. The closing quotes on a line of their own keep the two
	 * leading spaces (a text block strips only the indentation all its lines share); the backslash
	 * leaves out the last newline.
	 */
	static final String USAGE = """
			  --count N           devices the quota allows (serials S .. S+N-1)
			  --serial-start S    first serial number; ranges of one product never overlap
			  --valid-until DATE  last day (or instant) the station may sign records
			  --valid-from DATE   first day (default: now)\
			""";

	private QuotaOptions() {
	}

	static ProductId product(Arguments arguments) throws CommandException {
		return new ProductId(Arguments.parseNumber(PRODUCT, arguments.required(PRODUCT), 0, 0xFFFF_FFFFL));
	}

	static QuotaTerms terms(Arguments arguments, ProductId product, Clock clock) throws CommandException {
		long count = Arguments.parseNumber(COUNT, arguments.required(COUNT), 1, SerialRange.SERIAL_LIMIT);
		long first = Arguments.parseNumber(SERIAL_START, arguments.required(SERIAL_START), 0,
				SerialRange.SERIAL_LIMIT - 1);
		if (first + count > SerialRange.SERIAL_LIMIT) {
			throw CommandException.usage(SerialRange.describeOverflow(first, count));
		}
		Instant notAfter = Arguments.parseEnd(VALID_UNTIL, arguments.required(VALID_UNTIL));
		Instant notBefore = arguments.option(VALID_FROM).isPresent()
				? Arguments.parseStart(VALID_FROM, arguments.option(VALID_FROM).get())
				: clock.instant().truncatedTo(ChronoUnit.SECONDS);
		if (!notAfter.isAfter(notBefore)) {
			throw CommandException.usage(VALID_UNTIL + " " + notAfter + " is not after the start " + notBefore);
		}
		try {
			return new QuotaTerms(UUID.randomUUID(), product, new SerialRange(new SerialNumber(first), count), notBefore,
					notAfter);
		} catch (IllegalArgumentException e) {
			throw CommandException.usage(e.getMessage());
		}
	}

	/** Issues the quota key after the register checks, and records it. */
	static QuotaKey issue(AuthorityHome home, AuthorityHome.Opened authority, X509Certificate station,
			QuotaTerms terms, Clock clock) throws CommandException {
		checkNotRevoked(home, station);
		var overlap = home.quotas().overlapping(terms);
		if (overlap.isPresent()) {
			QuotaRegister.Entry other = overlap.get();
			throw CommandException.failed("serials " + terms.serials() + " of product " + terms.product()
					+ " overlap quota " + other.quotaId() + " (serials " + other.first() + " to "
					+ (other.first() + other.count() - 1) + ", station " + other.station()
					+ "); choose a --serial-start after " + (other.first() + other.count() - 1));
		}
		try {
			QuotaKey quota = QuotaKey.issue(authority.signer(), station, terms, clock);
			home.quotas().add(terms, station.getSubjectX500Principal().getName());
			return quota;
		} catch (TrustException e) {
			throw CommandException.failed("no quota was issued: " + e.getMessage(), e);
		}
	}

	static void checkNotRevoked(AuthorityHome home, X509Certificate station) throws CommandException {
		var revoked = home.revocations().entryFor(station);
		if (revoked.isPresent()) {
			RevocationList.Entry entry = revoked.get();
			throw CommandException.failed("the station " + station.getSubjectX500Principal().getName()
					+ " was revoked on " + entry.revokedAt() + " (" + entry.reason() + "); nothing is issued for it");
		}
	}

	static X509Certificate station(AuthorityHome.Opened authority, Path file, Clock clock)
			throws CommandException {
		try {
			X509Certificate station = PemFiles.readCertificate(file);
			AuthorityCertificates.verifyStation(station, authority.signer().certificate(), clock);
			return station;
		} catch (TrustException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
	}
}
