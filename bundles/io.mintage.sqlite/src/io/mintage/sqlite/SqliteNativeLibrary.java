package io.mintage.sqlite;

import java.io.IOException;
import java.nio.file.Path;

import org.sqlite.util.LibraryLoaderUtil;

import io.mintage.core.io.PrivateNativeLibraries;

/**
 * Puts sqlite-jdbc's native library into a fresh folder only this user can enter
 * ({@link PrivateNativeLibraries}) and points sqlite-jdbc at it. Left to itself sqlite-jdbc unpacks
 * {@code sqlite-<version>-<uuid>-libsqlitejdbc.so} into {@code java.io.tmpdir} and, before that, deletes
 * files of that pattern there; with these properties set it loads the library from the folder and its
 * clean-up and any fall-back unpacking stay inside the folder too. Must run before the first connection:
 * sqlite-jdbc reads the properties when it loads the library, once per JVM.
 */
public final class SqliteNativeLibrary {

	/** Where sqlite-jdbc loads the library from first. */
	public static final String LIBRARY_PATH_PROPERTY = "org.sqlite.lib.path";
	/** The library's file name in that folder. */
	public static final String LIBRARY_NAME_PROPERTY = "org.sqlite.lib.name";
	/** The folder sqlite-jdbc cleans up and unpacks into when the library above does not load. */
	public static final String TEMPORARY_FOLDER_PROPERTY = "org.sqlite.tmpdir";

	private static Path folder;

	private SqliteNativeLibrary() {
	}

	/** Prepares the folder once per JVM; later calls return the same folder. */
	public static synchronized Path prepare() throws IOException {
		if (folder != null) {
			return folder;
		}
		// sqlite-jdbc's own names for this machine (e.g. /org/sqlite/native/Linux/x86_64, libsqlitejdbc.so),
		// so musl, ARM and the other platforms it ships for are chosen exactly as it would choose them
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
