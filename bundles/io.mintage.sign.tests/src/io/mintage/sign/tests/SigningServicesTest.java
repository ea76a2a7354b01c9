package io.mintage.sign.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import io.mintage.core.sign.SigningBackend;
import io.mintage.testing.Backends;

/** Both backends are Declarative Services components, found by their persisted type. */
class SigningServicesTest {

	@Test
	void bothBackendsAreServicesNamedByTheirType() throws Exception {
		Backends.find("soft");
		Backends.find("pkcs11");
		BundleContext context = FrameworkUtil.getBundle(SigningServicesTest.class).getBundleContext();
		TreeSet<String> types = new TreeSet<>();
		for (ServiceReference<SigningBackend> reference : context.getServiceReferences(SigningBackend.class, null)) {
			String type = (String) reference.getProperty(SigningBackend.TYPE);
			SigningBackend backend = context.getService(reference);
			try {
				assertEquals(type, backend.type(), "service property and backend disagree");
			} finally {
				context.ungetService(reference);
			}
			types.add(type);
		}
		assertEquals(new TreeSet<>(List.of("pkcs11", "soft")), types);
	}
}
