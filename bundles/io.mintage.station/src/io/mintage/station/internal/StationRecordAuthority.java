package io.mintage.station.internal;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.core.command.CommandException;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.SigningException;
import io.mintage.station.engine.JobStoppedException;
import io.mintage.station.engine.RecordAuthority;
import io.mintage.trust.EcdsaSigningKey;
import io.mintage.trust.FirmwareHash;
import io.mintage.trust.JobPackage;
import io.mintage.trust.P256PublicKey;
import io.mintage.trust.RecordSigner;
import io.mintage.trust.RecordVerifier;
import io.mintage.trust.RevocationList;
import io.mintage.trust.TrustException;

/**
 * The station's keys for one job, open for a whole run: the job's batch key signs device records, the
 * station key signs ledger checkpoints. Every record is checked as the chip will check it before it
 * leaves here; the job is checked again (certificate, revocation, validity) before every authorization.
 */
final class StationRecordAuthority implements RecordAuthority {

	private final KeyStoreSession session;
	private final JobPackage job;
	private final X509Certificate station;
	private final X509Certificate authority;
	private final Optional<RevocationList> revocations;
	private final Clock clock;
	private final RecordSigner signer;
	private final RecordVerifier verifier;
	private final EcdsaSigningKey stationKey;
	private final Optional<FirmwareHash> boundHash;
	private final FirmwareHash firmwareHash;
	private final String batchAlias;

	/**
	 * @param session the station's key store, open; the caller closes it after the run
	 */
	StationRecordAuthority(StationHome home, KeyStoreSession session, JobPackage job, Clock clock)
			throws CommandException {
		this.job = job;
		this.clock = clock;
		this.station = home.certificate();
		this.authority = home.authority();
		this.revocations = home.revocations(authority);
		JobChecks.usable(job, station, authority, revocations, clock);
		this.session = session;
		this.batchAlias = AcceptCommand.batchAlias(job.quota().terms());
		try {
			this.signer = new RecordSigner(EcdsaSigningKey.inBackend(session, batchAlias),
					job.quota().batchCertificate());
			this.stationKey = EcdsaSigningKey.inBackend(session, StationHome.ALIAS);
			this.verifier = new RecordVerifier(P256PublicKey.fromJca(authority.getPublicKey()), job.product().id(), clock);
		} catch (TrustException | RuntimeException e) {
			throw CommandException.failed("the keys of job '" + job.name() + "' cannot be used: " + e.getMessage(), e);
		}
		this.firmwareHash = FirmwareHash.of(job.firmware().imageSha256());
		this.boundHash = job.recordOptions().bindFirmwareHash() ? Optional.of(firmwareHash) : Optional.empty();
	}

	/**
	 * Decrypts the job's batch key ahead of need: a software key is decrypted at its first use, and its
	 * 600,000 passphrase iterations (about 1.5 s here) would otherwise fall on the run's first device. A
	 * device that comes sooner waits for this decryption, as it would have for its own.
	 */
	void decryptBatchKeyAhead() {
		try {
			session.privateKey(batchAlias);
		} catch (SigningException | RuntimeException e) {
			// the same failure is reported, in words, where the key is used
		}
	}

	@Override
	public void checkUsable() throws JobStoppedException {
		try {
			JobChecks.usable(job, station, authority, revocations, clock);
		} catch (CommandException e) {
			throw new JobStoppedException(e.getMessage(), e);
		}
	}

	@Override
	public byte[] sign(SerialNumber serial, DeviceUid uid) throws Exception {
		byte[] record = signer.sign(serial, uid, boundHash).encode();
		verifier.verify(record, uid, firmwareHash);
		return record;
	}

	@Override
	public void check(byte[] record, DeviceUid uid) throws Exception {
		verifier.verify(record, uid, firmwareHash);
	}

	@Override
	public byte[] signCheckpoint(byte[] message) throws Exception {
		return stationKey.sign(message).toDer();
	}
}
