package io.mintage.ui.admin.model;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.admin.AdminStore;
import io.mintage.core.mcu.McuFamilies;

/** The real admin services from the OSGi registry, as the window's add-on finds them. */
final class RegistryServices implements AdminModel.Services {

	@Override
	public AdminStore store() {
		return service(AdminStore.class);
	}

	@Override
	public McuFamilies families() {
		return service(McuFamilies.class);
	}

	static <T> T service(Class<T> type) {
		BundleContext context = FrameworkUtil.getBundle(RegistryServices.class).getBundleContext();
		ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
		tracker.open();
		try {
			T service = tracker.waitForService(5_000);
			assertNotNull(service, "no " + type.getSimpleName() + " service within 5 s");
			return service;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		} finally {
			tracker.close();
		}
	}
}
