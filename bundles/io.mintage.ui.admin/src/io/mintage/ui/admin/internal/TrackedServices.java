package io.mintage.ui.admin.internal;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.core.mcu.McuFamilies;
import io.mintage.ui.admin.model.AdminModel;

/**
 * The admin services as the registry has them when they are used, waited for a little in the
 * background job that uses them — never on the UI thread, which only makes this object.
 */
final class TrackedServices implements AdminModel.Services, AutoCloseable {

	private static final long WAIT_MILLIS = 15_000;

	private final ServiceTracker<AdminStore, AdminStore> store;
	private final ServiceTracker<McuFamilies, McuFamilies> families;

	TrackedServices(BundleContext context) {
		store = new ServiceTracker<>(context, AdminStore.class, null);
		families = new ServiceTracker<>(context, McuFamilies.class, null);
		store.open();
		families.open();
	}

	@Override
	public AdminStore store() throws AdminException {
		return waitFor(store, "admin database service (io.mintage.admin)");
	}

	@Override
	public McuFamilies families() throws AdminException {
		return waitFor(families, "MCU family service (io.mintage.mcu)");
	}

	private static <T> T waitFor(ServiceTracker<T, T> tracker, String what) throws AdminException {
		try {
			T service = tracker.waitForService(WAIT_MILLIS);
			if (service == null) {
				throw new AdminException("the " + what + " did not start within " + WAIT_MILLIS / 1000
						+ " s: Mintage Admin is installed incompletely");
			}
			return service;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AdminException("interrupted while waiting for the " + what, e);
		}
	}

	@Override
	public void close() {
		store.close();
		families.close();
	}
}
