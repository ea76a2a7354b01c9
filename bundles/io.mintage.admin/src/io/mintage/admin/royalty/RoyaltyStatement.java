package io.mintage.admin.royalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A royalty statement: what each station owes per product for the days {@code from} to {@code to}
 * (both included), in one currency. Lines are kept sorted by station, then product, so a statement
 * reads the same however its lines were gathered.
 */
public final class RoyaltyStatement {

	private final String authority;
	private final LocalDate from;
	private final LocalDate to;
	private final Currency currency;
	private final List<RoyaltyLine> lines;
	private final Instant issued;

	public RoyaltyStatement(String authority, LocalDate from, LocalDate to, Currency currency, List<RoyaltyLine> lines,
			Instant issued) {
		this.authority = Objects.requireNonNull(authority, "authority");
		this.from = Objects.requireNonNull(from, "from");
		this.to = Objects.requireNonNull(to, "to");
		this.currency = Objects.requireNonNull(currency, "currency");
		this.issued = Objects.requireNonNull(issued, "issued");
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("a period ends on or after its first day: " + from + " to " + to);
		}
		this.lines = lines.stream()
				.sorted(Comparator.comparing(RoyaltyLine::station).thenComparing(RoyaltyLine::product))
				.toList();
	}

	public String authority() {
		return authority;
	}

	public LocalDate from() {
		return from;
	}

	public LocalDate to() {
		return to;
	}

	public Currency currency() {
		return currency;
	}

	public List<RoyaltyLine> lines() {
		return lines;
	}

	public Instant issued() {
		return issued;
	}

	public long devices() {
		return lines.stream().mapToLong(RoyaltyLine::devices).sum();
	}

	public BigDecimal total() {
		return lines.stream().map(RoyaltyLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	/** The amount each station owes, stations in name order. */
	public Map<String, BigDecimal> totalsByStation() {
		Map<String, BigDecimal> totals = new LinkedHashMap<>();
		for (RoyaltyLine line : lines) {
			totals.merge(line.station(), line.amount(), BigDecimal::add);
		}
		return totals;
	}

	/**
	 * An amount as the statement writes it: at least the currency's minor digits (2 for EUR, 0 for JPY),
	 * more when a royalty per device has more, never rounded; no grouping, so CSV readers take it as is.
	 */
	public String format(BigDecimal amount) {
		int digits = Math.max(currency.getDefaultFractionDigits(), 0);
		BigDecimal shown = amount.stripTrailingZeros();
		return (shown.scale() < digits ? shown.setScale(digits) : shown).toPlainString();
	}
}
