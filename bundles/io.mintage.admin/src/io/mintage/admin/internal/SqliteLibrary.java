package io.mintage.admin.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.sqlite.util.LibraryLoaderUtil;

import io.mintage.core.io.PrivateNativeLibraries;

/**
 * Puts sqlite-jdbc's native library into a fresh folder only this user can enter and points sqlite-jdbc
 * at it, as the station's ledger does: left to itself sqlite-jdbc unpacks a predictable
 * {@code sqlite-*.so} into {@code java.io.tmpdir} and loads it. sqlite-jdbc reads the properties once per
 * JVM; when another bundle (the ledger) prepared its own private folder first, that one stays in use.
 */
final class SqliteLibrary {

	static final String LIBRARY_PATH_PROPERTY = "org.sqlite.lib.path";
	static final String LIBRARY_NAME_PROPERTY = "org.sqlite.lib.name";
	static final String TEMPORARY_FOLDER_PROPERTY = "org.sqlite.tmpdir";

	private static Path folder;

	private SqliteLibrary() {
	}

	static synchronized Path prepare() throws IOException {
		if (folder != null) {
			return folder;
		}
		String given = System.getProperty(LIBRARY_PATH_PROPERTY);
		String givenName = System.getProperty(LIBRARY_NAME_PROPERTY);
		if (given != null && givenName != null && Files.isRegularFile(Path.of(given, givenName))
				&& given.equals(System.getProperty(TEMPORARY_FOLDER_PROPERTY))) {
			folder = Path.of(given);
			return folder;
		}
		String resourceFolder = LibraryLoaderUtil.getNativeLibResourcePath();
		String name = LibraryLoaderUtil.getNativeLibName();
		Path created = PrivateNativeLibraries.unpack("mintage-sqlite-", LibraryLoaderUtil.class,
				resourceFolder + "/" + name, name, "the SQLite library of sqlite-jdbc for this machine (" + resourceFolder
						+ "/" + name + ")");
		System.setProperty(LIBRARY_PATH_PROPERTY, created.toString());
		System.setProperty(LIBRARY_NAME_PROPERTY, name);
		System.setProperty(TEMPORARY_FOLDER_PROPERTY, created.toString());
		folder = created;
		return folder;
	}
}
