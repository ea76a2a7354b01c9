package io.mintage.station.engine;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import io.mintage.core.DeviceUid;

/**
 * What one site shows now: its phase, the running step and how far it is, a headline in plain words
 * ("Programming 63 %", "Fail: the chip is read-protected") and what to do about it.
 *
 * @param site     the site's number, from 1
 * @param percent  progress of the current device, 0 to 100
 * @param advice   the next step for the operator, empty when there is nothing to do
 */
public record SiteStatus(int site, SiteAddress address, Phase phase, Optional<Step> step, int percent, String headline,
		String advice, Optional<DeviceUid> uid, OptionalLong serial) {

	/** The states a site tile distinguishes by colour and text. */
	public enum Phase {
		/** Not started. */
		IDLE("Idle"),
		/** Started; no chip answers yet. */
		WAITING("Waiting for device"),
		/** A device is being worked on. */
		WORKING("Working"),
		/** The last device passed; it is still in the fixture. */
		PASS("Pass"),
		/** The last device failed; the headline says why and the advice what to do. */
		FAIL("Fail"),
		/** Stopped by the operator, by the count, or because the job cannot go on. */
		STOPPED("Stopped");

		private final String label;

		Phase(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}
	}

	public SiteStatus {
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(phase, "phase");
		Objects.requireNonNull(step, "step");
		Objects.requireNonNull(headline, "headline");
		Objects.requireNonNull(advice, "advice");
		Objects.requireNonNull(uid, "uid");
		Objects.requireNonNull(serial, "serial");
		if (percent < 0 || percent > 100) {
			throw new IllegalArgumentException("percent is 0 to 100, not " + percent);
		}
	}

	static SiteStatus idle(int site, SiteAddress address) {
		return new SiteStatus(site, address, Phase.IDLE, Optional.empty(), 0, Phase.IDLE.label(), "Press Start",
				Optional.empty(), OptionalLong.empty());
	}
}
