package io.mintage.trust.tests;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import io.mintage.core.sign.KeyStoreSession;
import io.mintage.testing.KeyStores;

/** The CMS objects with the authority and the station each in its own software keystore. */
class SoftCmsObjectsTest extends CmsObjectsConformance {

	@TempDir
	static Path keys;

	private static KeyStoreSession authorityStore;
	private static KeyStoreSession stationStore;
	private static CmsFixture fixture;

	@BeforeAll
	static void open() throws Exception {
		authorityStore = KeyStores.openSoft(keys, "authority");
		stationStore = KeyStores.openSoft(keys, "station");
		fixture = new CmsFixture(authorityStore, stationStore);
	}

	@AfterAll
	static void close() {
		authorityStore.close();
		stationStore.close();
	}

	@Override
	CmsFixture fixture() {
		return fixture;
	}

	@Override
	KeyStoreSession stationStore() {
		return stationStore;
	}
}
