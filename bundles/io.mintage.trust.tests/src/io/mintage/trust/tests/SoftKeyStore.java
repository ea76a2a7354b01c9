package io.mintage.trust.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.core.sign.KeyStoreConfiguration;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.SecretSource;
import io.mintage.core.sign.SigningBackend;

/**
 * Opens a real encrypted software keystore: the {@code soft} backend taken from the OSGi service
 * registry, the way the products find it, with its passphrase in a private file.
 */
final class SoftKeyStore {

	private SoftKeyStore() {
	}

	static KeyStoreSession open(Path folder, String name) throws Exception {
		Path secret = folder.resolve(name + ".pass");
		if (!Files.exists(secret)) {
			Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(secret, "passphrase of " + name + "\n", StandardCharsets.UTF_8);
		}
		return backend().open(KeyStoreConfiguration.softKeystore(folder.resolve(name + ".p12"),
				SecretSource.fromFile(secret)));
	}

	private static SigningBackend backend() throws Exception {
		BundleContext context = FrameworkUtil.getBundle(SoftKeyStore.class).getBundleContext();
		Filter filter = context.createFilter(
				"(&(objectClass=" + SigningBackend.class.getName() + ")(" + SigningBackend.TYPE + "=soft))");
		ServiceTracker<SigningBackend, SigningBackend> tracker = new ServiceTracker<>(context, filter, null);
		tracker.open();
		try {
			SigningBackend backend = tracker.waitForService(5_000);
			assertNotNull(backend, "no SigningBackend service with " + SigningBackend.TYPE
					+ "=soft within 5 s: is Felix SCR running and io.mintage.sign.soft resolved?");
			return backend;
		} finally {
			tracker.close();
		}
	}
}
