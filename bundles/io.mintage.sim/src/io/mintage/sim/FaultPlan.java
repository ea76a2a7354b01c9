package io.mintage.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Faults to inject, each once, at a byte the chip receives (counted from 0 over the emulator's whole
 * run, across resets; on a line fed by a {@link ChipFeeder}, from each chip's first byte), written as text: {@code "drop@120,corrupt@300,nack@500,stall@700:1500,powerloss@4000"}.
 * <ul>
 * <li>{@code drop@k}: byte k never reaches the chip (lost on the wire);
 * <li>{@code corrupt@k}: byte k reaches the chip with bit 0 flipped (a bit error that parity would
 * not always catch);
 * <li>{@code nack@k}: the first command answer due after byte k is a refusal (see
 * {@link ChipPort#refusalDue()});
 * <li>{@code stall@k[:ms]}: the chip stops for ms milliseconds (default 1000) before taking byte k;
 * <li>{@code powerloss@k[:ms]}: the chip loses power as byte k arrives (the byte is lost), stays off
 * for ms milliseconds (default 100), during which everything sent is lost, then starts again from its
 * boot ROM with flash and option bytes as they were;
 * <li>{@code pull@k[:ms]}: on a line fed by a {@link ChipFeeder}, the operator takes the chip out as
 * byte k arrives (the byte is lost), as a chip given up on mid-programming: the line is silent for ms
 * milliseconds (default: the feed's swap delay) and the next chip answers; the chip taken out counts as
 * done. A chip on its own is power-cycled (off for ms).
 * </ul>
 */
public final class FaultPlan {

	public enum Kind {
		DROP, CORRUPT, NACK, STALL, POWERLOSS, PULL
	}

	/** One fault: what, at which received byte, for how long (stall and power loss only). */
	public record Fault(Kind kind, long atByte, Duration duration) {

		@Override
		public String toString() {
			String text = kind.name().toLowerCase(Locale.ROOT) + "@" + atByte;
			return duration.isZero() ? text : text + ":" + duration.toMillis();
		}
	}

	private static final FaultPlan NONE = new FaultPlan(List.of());

	private final List<Fault> faults;

	private FaultPlan(List<Fault> faults) {
		this.faults = List.copyOf(faults);
	}

	public static FaultPlan none() {
		return NONE;
	}

	public static FaultPlan of(List<Fault> faults) {
		List<Fault> sorted = new ArrayList<>(faults);
		sorted.sort(Comparator.comparingLong(Fault::atByte));
		return new FaultPlan(sorted);
	}

	/**
	 * @throws IllegalArgumentException naming the item that is not {@code kind@byte} or
	 *                                  {@code kind@byte:ms} with a known kind
	 */
	public static FaultPlan parse(String spec) {
		if (spec == null || spec.isBlank()) {
			return NONE;
		}
		List<Fault> faults = new ArrayList<>();
		for (String raw : spec.split(",")) {
			String item = raw.trim().toLowerCase(Locale.ROOT);
			int at = item.indexOf('@');
			Kind kind = null;
			if (at > 0) {
				try {
					kind = Kind.valueOf(item.substring(0, at).toUpperCase(Locale.ROOT));
				} catch (IllegalArgumentException e) {
					kind = null;
				}
			}
			if (kind == null) {
				throw new IllegalArgumentException("'" + raw.trim() + "' in the fault plan '" + spec
						+ "' is not one of drop@N, corrupt@N, nack@N, stall@N[:ms], powerloss@N[:ms], pull@N[:ms]");
			}
			String rest = item.substring(at + 1);
			int colon = rest.indexOf(':');
			long atByte = number(rest.substring(0, colon < 0 ? rest.length() : colon), raw, spec);
			Duration duration = switch (kind) {
			case STALL -> Duration.ofMillis(colon < 0 ? 1000 : number(rest.substring(colon + 1), raw, spec));
			case POWERLOSS -> Duration.ofMillis(colon < 0 ? 100 : number(rest.substring(colon + 1), raw, spec));
			case PULL -> Duration.ofMillis(colon < 0 ? 0 : number(rest.substring(colon + 1), raw, spec));
			default -> {
				if (colon >= 0) {
					throw new IllegalArgumentException("'" + raw.trim() + "' in the fault plan '" + spec
							+ "': only stall, powerloss and pull take a duration");
				}
				yield Duration.ZERO;
			}
			};
			faults.add(new Fault(kind, atByte, duration));
		}
		return of(faults);
	}

	private static long number(String text, String item, String spec) {
		try {
			long value = Long.parseLong(text.trim());
			if (value >= 0) {
				return value;
			}
		} catch (NumberFormatException e) {
			// reported below
		}
		throw new IllegalArgumentException("'" + item.trim() + "' in the fault plan '" + spec + "': '" + text
				+ "' is not a whole number of bytes or milliseconds");
	}

	/** The faults, in order of their byte. */
	public List<Fault> faults() {
		return faults;
	}

	public boolean isEmpty() {
		return faults.isEmpty();
	}

	/** The plan as {@link #parse} reads it back. */
	@Override
	public String toString() {
		return String.join(",", faults.stream().map(Fault::toString).toList());
	}
}
