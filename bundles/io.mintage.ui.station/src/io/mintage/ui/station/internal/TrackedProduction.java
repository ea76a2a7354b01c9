package io.mintage.ui.station.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.station.engine.Production;
import io.mintage.station.engine.ProductionEngine;
import io.mintage.station.engine.ProductionException;

/**
 * The station's {@link Production} service as the registry has it when it is used, waited for a
 * little in the background job that uses it — never on the UI thread, which only makes this object.
 */
final class TrackedProduction implements Production, AutoCloseable {

	private static final long WAIT_MILLIS = 15_000;

	private final ServiceTracker<Production, Production> tracker;

	TrackedProduction(BundleContext context) {
		tracker = new ServiceTracker<>(context, Production.class, null);
		tracker.open();
	}

	private Production service() throws ProductionException {
		try {
			Production production = tracker.waitForService(WAIT_MILLIS);
			if (production == null) {
				throw new ProductionException("the station's production service did not start within "
						+ WAIT_MILLIS / 1000 + " s: the station is installed incompletely (io.mintage.station)");
			}
			return production;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ProductionException("interrupted while waiting for the production service", e);
		}
	}

	@Override
	public List<JobSummary> jobs(Path station) throws ProductionException {
		return service().jobs(station);
	}

	@Override
	public Session open(Path station, Optional<UUID> jobId, ProductionEngine.Options options) throws ProductionException {
		return service().open(station, jobId, options);
	}

	@Override
	public Session open(Path station, List<UUID> jobIds, ProductionEngine.Options options) throws ProductionException {
		return service().open(station, jobIds, options);
	}

	@Override
	public long report(Path station, Path file) throws ProductionException {
		return service().report(station, file);
	}

	@Override
	public void close() {
		tracker.close();
	}
}
