package io.mintage.image.tests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the files under the test bundle's resources/ folder. */
public final class TestResources {

	/** Names the test bundle folder when the tests run from elsewhere. */
	public static final String FOLDER_PROPERTY = "mintage.image.tests.dir";

	private TestResources() {
	}

	/**
	 * tycho-surefire runs the tests inside OSGi with the test bundle folder as working directory, so
	 * resources/ is found relative to it; from a plain launcher started elsewhere, the system property
	 * names that folder. Files rather than class-path resources, because arm-none-eabi-gcc needs paths.
	 */
	public static Path folder() {
		Path relative = Path.of("resources");
		if (Files.isDirectory(relative)) {
			return relative.toAbsolutePath();
		}
		String bundleFolder = System.getProperty(FOLDER_PROPERTY);
		if (bundleFolder != null && Files.isDirectory(Path.of(bundleFolder, "resources"))) {
			return Path.of(bundleFolder, "resources").toAbsolutePath();
		}
		throw new IllegalStateException("cannot find the test resources: no resources/ folder in "
				+ Path.of("").toAbsolutePath() + " and -D" + FOLDER_PROPERTY
				+ " does not name the io.mintage.image.tests folder");
	}

	public static Path file(String relativePath) {
		return folder().resolve(relativePath);
	}
}
