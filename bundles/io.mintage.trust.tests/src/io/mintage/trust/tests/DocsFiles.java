package io.mintage.trust.tests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files under the repository's docs/ folder, which the test vectors and formats.md live in. */
final class DocsFiles {

	private DocsFiles() {
	}

	/**
	 * tycho-surefire runs the tests with the test bundle folder as working directory, so docs/ is two
	 * folders up (bundles/io.mintage.trust.tests → the repository).
	 */
	static Path file(String relativePath) {
		Path docs = Path.of("..", "..", "docs");
		if (!Files.isDirectory(docs)) {
			throw new IllegalStateException("cannot find the docs folder: no ../../docs from "
					+ Path.of("").toAbsolutePath() + "; run the tests from bundles/io.mintage.trust.tests");
		}
		return docs.resolve(relativePath).toAbsolutePath().normalize();
	}
}
