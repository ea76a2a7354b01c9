package io.mintage.ui.station.model;

import java.util.Objects;
import java.util.Optional;

import io.mintage.station.engine.SiteAddress;
import io.mintage.station.engine.SiteStatus;

/**
 * One site's tile: what the engine says of it, whether the operator wants it running, and whether its
 * background job still runs (a stopped site finishes the device it has first).
 *
 * @param number  the site's number as the engine and the ledger name it ("site 2")
 * @param wanted  the operator started it and has not stopped it
 * @param running its job is scheduled or running
 * @param problem why the site cannot run in this window (no such probe installed), if so
 */
public record SiteView(int number, SiteAddress address, SiteStatus status, boolean wanted, boolean running,
		Optional<String> problem) {

	public SiteView {
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(problem, "problem");
	}

	/** Start makes sense: a job is open, the site can run and is not started. */
	public boolean canStart(boolean sessionOpen) {
		return sessionOpen && problem.isEmpty() && !wanted;
	}

	public boolean canStop() {
		return wanted;
	}
}
