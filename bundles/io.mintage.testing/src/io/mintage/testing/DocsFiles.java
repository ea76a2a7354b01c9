package io.mintage.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files under the repository's docs/ folder, which the test vectors and formats.md live in. */
public final class DocsFiles {

	private DocsFiles() {
	}

	/**
	 * tycho-surefire runs the tests with the test bundle folder as working directory, so docs/ is two
	 * folders up (bundles/&lt;test bundle&gt; → the repository).
	 */
	public static Path file(String relativePath) {
		Path docs = Path.of("..", "..", "docs");
		if (!Files.isDirectory(docs)) {
			throw new IllegalStateException("cannot find the docs folder: no ../../docs from "
					+ Path.of("").toAbsolutePath() + "; run the tests from their bundle folder under bundles/");
		}
		return docs.resolve(relativePath).toAbsolutePath().normalize();
	}

	/**
	 * Requires the committed file {@code relativePath} under docs/ to be exactly {@code generated};
	 * with the system property {@code writeProperty} set to true it is rewritten first (then review the
	 * diff). On a difference the generated text is printed, so the change can be read in the log.
	 */
	public static void assertCommitted(String relativePath, String generated, String what, String writeProperty)
			throws IOException {
		Path file = file(relativePath);
		if (Boolean.getBoolean(writeProperty)) {
			Files.createDirectories(file.getParent());
			Files.writeString(file, generated, StandardCharsets.UTF_8);
			System.out.println("rewrote " + file);
		}
		String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		if (!committed.equals(generated)) {
			System.out.println("---- " + file + " as generated ----\n" + generated + "---- end ----");
			fail(file + " differs from the " + what + " the code generates (printed above); if the change is meant, "
					+ "rerun with -Dtycho.testArgLine=-D" + writeProperty + "=true and review the diff");
		}
	}
}
