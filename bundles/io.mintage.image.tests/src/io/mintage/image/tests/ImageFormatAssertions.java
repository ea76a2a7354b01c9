package io.mintage.image.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

import io.mintage.core.image.ImageFormatException;

/** Checks that an error names the file, the place and the problem, as users rely on all three. */
public final class ImageFormatAssertions {

	private ImageFormatAssertions() {
	}

	/**
	 * @param place   "line 3" or "offset 0x12", or null for a problem of the whole file
	 * @param problem a fragment of the plain-words problem
	 */
	public static ImageFormatException assertProblem(String file, String place, String problem, Executable read) {
		ImageFormatException error = assertThrows(ImageFormatException.class, read);
		assertEquals(file, error.file(), error.getMessage());
		String expectedStart = place == null ? file + ": " : file + ", " + place + ": ";
		assertTrue(error.getMessage().startsWith(expectedStart),
				() -> "expected the message to start with '" + expectedStart + "': " + error.getMessage());
		assertTrue(error.problem().contains(problem),
				() -> "expected the problem to mention '" + problem + "': " + error.getMessage());
		return error;
	}
}
