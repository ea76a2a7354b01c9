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

	/** The quota of one job of the run changed; by default passed on without the job. */
	default void quotaChanged(java.util.UUID job, QuotaStatus quota) {
		quotaChanged(quota);
	}

	/**
	 * A job cannot go on (quota used up, expired, revoked); the reason names it. When it was the run's
	 * only job (or its last one), every site stops.
	 */
	default void jobStopped(String reason) {
	}
}
