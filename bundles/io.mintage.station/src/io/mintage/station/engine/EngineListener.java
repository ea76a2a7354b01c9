package io.mintage.station.engine;

/**
 * Hears what the engine does, on the engine's threads (a UI hands it over to its own thread). Each
 * method must return quickly and not throw.
 */
public interface EngineListener {

	default void siteChanged(SiteStatus status) {
	}

	default void deviceFinished(DeviceOutcome outcome) {
	}

	default void quotaChanged(QuotaStatus quota) {
	}

	/** The job cannot go on (quota used up, expired, revoked): every site stops. */
	default void jobStopped(String reason) {
	}
}
