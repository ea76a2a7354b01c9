package io.mintage.ledger.tests;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.mintage.core.sign.KeyStoreSession;
import io.mintage.ledger.Ledger;
import io.mintage.testing.KeyStores;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.CmsSigner;
import io.mintage.trust.EnrolmentRequest;

/**
 * An authority and an enrolled station, each key in its own real software keystore opened through the
 * signing backend in the OSGi registry: the station signs checkpoints and reports, the authority is what
 * a report is read against.
 */
final class StationKeys implements AutoCloseable {

	static final String AUTHORITY = "authority";
	static final String STATION = "station";

	final KeyStoreSession authorityStore;
	final KeyStoreSession stationStore;
	final X509Certificate authority;
	final X509Certificate station;
	final CmsSigner stationSigner;

	StationKeys(Path folder) throws Exception {
		Clock clock = Clock.systemUTC();
		Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		authorityStore = KeyStores.openSoft(folder, "authority");
		stationStore = KeyStores.openSoft(folder, "station");
		authorityStore.generateKeyPair(AUTHORITY);
		stationStore.generateKeyPair(STATION);
		authority = AuthorityCertificates.createAuthority(authorityStore, AUTHORITY, "Mintage Test Authority",
				now.plus(Duration.ofDays(3650)), clock);
		station = AuthorityCertificates.issueStation(authorityStore, AUTHORITY, authority,
				EnrolmentRequest.create(stationStore, STATION, "Station 1"), now.plus(Duration.ofDays(365)), clock);
		stationSigner = new CmsSigner(stationStore, STATION, station);
	}

	/** Checkpoints signed by the station key, as the station engine signs them. */
	Ledger.CheckpointSigner checkpointSigner() {
		return message -> stationStore.sign(STATION, message);
	}

	@Override
	public void close() {
		authorityStore.close();
		stationStore.close();
	}
}
