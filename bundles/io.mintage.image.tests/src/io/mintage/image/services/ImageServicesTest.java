package io.mintage.image.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.core.command.Command;
import io.mintage.image.FirmwareImageLoader;
import io.mintage.image.ImageReader;

/**
 * Runs in the OSGi test runtime with Felix SCR: the readers, the loader and the image-info command are
 * Declarative Services components and must be found through the service registry, as the products
 * find them, not constructed by hand.
 */
class ImageServicesTest {

	private final BundleContext context = FrameworkUtil.getBundle(ImageServicesTest.class).getBundleContext();

	@Test
	void everyReaderIsAServiceNamedByItsFormatProperty() throws Exception {
		Collection<ServiceReference<ImageReader>> references = context.getServiceReferences(ImageReader.class, null);
		TreeSet<String> formats = new TreeSet<>();
		for (ServiceReference<ImageReader> reference : references) {
			String format = (String) reference.getProperty(ImageReader.FORMAT);
			ImageReader reader = context.getService(reference);
			try {
				assertEquals(format, reader.formatId(), "service property and reader disagree");
			} finally {
				context.ungetService(reference);
			}
			formats.add(format);
		}
		assertEquals(new TreeSet<>(List.of("bin", "elf", "ihex", "srec")), formats);
	}

	@Test
	void theLoaderServiceHasAllReadersBound() throws Exception {
		ServiceTracker<FirmwareImageLoader, FirmwareImageLoader> tracker = new ServiceTracker<>(context,
				FirmwareImageLoader.class, null);
		tracker.open();
		try {
			FirmwareImageLoader loader = tracker.waitForService(5_000);
			assertNotNull(loader, "no FirmwareImageLoader service within 5 s: is Felix SCR running?");
			assertEquals(new TreeSet<>(List.of("bin", "elf", "ihex", "srec")), new TreeSet<>(loader.formatIds()));
		} finally {
			tracker.close();
		}
	}

	@Test
	void imageInfoIsACommandOfBothProducts() throws Exception {
		for (String product : List.of("station", "admin")) {
			String filter = "(&(" + Command.PRODUCT + "=" + product + ")(" + Command.NAME + "=image-info))";
			assertEquals(1, context.getServiceReferences(Command.class, filter).size(), product);
		}
	}
}
