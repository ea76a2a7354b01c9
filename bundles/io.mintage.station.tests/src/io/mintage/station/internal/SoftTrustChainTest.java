package io.mintage.station.internal;

import java.nio.file.Path;
import java.util.List;

/** The trust chain with the authority and station keys in encrypted software keystores. */
class SoftTrustChainTest extends TrustChainTest {

	@Override
	List<String> keyOptions(Path folder, String role) throws Exception {
		return softOptions(folder, role);
	}

	@Override
	void clearKeys() {
		// every test has its own keystore files in its own folder
	}
}
