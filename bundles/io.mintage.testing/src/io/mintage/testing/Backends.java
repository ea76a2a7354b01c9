package io.mintage.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.core.sign.SigningBackend;

/** Finds a signing backend the way the products do: in the OSGi service registry, by its type. */
public final class Backends {

	private Backends() {
	}

	public static SigningBackend find(String type) throws InterruptedException, InvalidSyntaxException {
		BundleContext context = FrameworkUtil.getBundle(Backends.class).getBundleContext();
		Filter filter = context.createFilter("(&(objectClass=" + SigningBackend.class.getName() + ")("
				+ SigningBackend.TYPE + "=" + type + "))");
		ServiceTracker<SigningBackend, SigningBackend> tracker = new ServiceTracker<>(context, filter, null);
		tracker.open();
		try {
			SigningBackend backend = tracker.waitForService(5_000);
			assertNotNull(backend, "no SigningBackend service with " + SigningBackend.TYPE + "=" + type
					+ " within 5 s: is Felix SCR running and the bundle resolved?");
			return backend;
		} finally {
			// the test goes on using the object, which is all a conformance test needs of the registry
			tracker.close();
		}
	}
}
