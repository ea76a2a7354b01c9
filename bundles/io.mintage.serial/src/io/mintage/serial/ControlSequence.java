package io.mintage.serial;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sequence of modem-control steps that puts a chip into its bootloader or resets it, written like
 * stm32flash's {@code -i} option: comma-separated steps, {@code dtr}/{@code rts} set the line active,
 * {@code -dtr}/{@code -rts} release it, a number waits that many milliseconds, e.g.
 * {@code "rts,-dtr,100,dtr"} (BOOT0 high, RESET low, wait, RESET released). Which line drives which
 * pin depends on the adapter's wiring, so sites configure it.
 */
public final class ControlSequence {

	/** One step: set a line, or wait. */
	public sealed interface Step {
	}

	public record SetLine(Line line, boolean active) implements Step {
	}

	public record Wait(Duration duration) implements Step {
	}

	public enum Line {
		DTR, RTS
	}

	private final String text;
	private final List<Step> steps;

	private ControlSequence(String text, List<Step> steps) {
		this.text = text;
		this.steps = List.copyOf(steps);
	}

	/**
	 * @throws IllegalArgumentException naming the step that is neither a line nor a number of
	 *                                  milliseconds up to 10,000
	 */
	public static ControlSequence parse(String text) {
		List<Step> steps = new ArrayList<>();
		for (String raw : text.split(",")) {
			String step = raw.trim().toLowerCase(Locale.ROOT);
			boolean release = step.startsWith("-");
			String name = release ? step.substring(1) : step;
			switch (name) {
			case "dtr" -> steps.add(new SetLine(Line.DTR, !release));
			case "rts" -> steps.add(new SetLine(Line.RTS, !release));
			default -> {
				long millis;
				try {
					millis = release ? -1 : Long.parseLong(name);
				} catch (NumberFormatException e) {
					millis = -1;
				}
				if (millis < 0 || millis > 10_000) {
					throw new IllegalArgumentException("'" + raw.trim() + "' in the control sequence '" + text
							+ "' is neither dtr, -dtr, rts, -rts nor a wait of 0 to 10000 ms");
				}
				steps.add(new Wait(Duration.ofMillis(millis)));
			}
			}
		}
		return new ControlSequence(text, steps);
	}

	public List<Step> steps() {
		return steps;
	}

	@Override
	public String toString() {
		return text;
	}
}
