package io.mintage.admin.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import io.mintage.core.command.CommandException;
import io.mintage.core.sign.KeyLocation;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.KeyStores;
import io.mintage.core.sign.SigningException;
import io.mintage.trust.CmsSigner;
import io.mintage.trust.PemFiles;
import io.mintage.trust.TrustException;

/**
 * The authority's part of the admin state folder: where its key is ({@link KeyLocation}), its CA
 * certificate, and the registers of issued quotas and revocations. One place knows the file names.
 */
final class AuthorityHome {

	static final String ALIAS = "authority";

	private final Path folder;

	AuthorityHome(Path stateDirectory) {
		this.folder = stateDirectory.resolve("authority");
	}

	Path folder() {
		return folder;
	}

	Path keyLocationFile() {
		return folder.resolve("key.properties");
	}

	Path defaultKeystore() {
		return folder.resolve("authority.p12");
	}

	Path certificateFile() {
		return folder.resolve("authority.pem");
	}

	Path quotaRegister() {
		return folder.resolve("quotas.tsv");
	}

	Path revocationRegister() {
		return folder.resolve("revocations.tsv");
	}

	Path crlNumberFile() {
		return folder.resolve("crl-number");
	}

	Path stationsFolder() {
		return folder.resolve("stations");
	}

	QuotaRegister quotas() {
		return new QuotaRegister(quotaRegister());
	}

	RevocationRegister revocations() {
		return new RevocationRegister(revocationRegister(), crlNumberFile());
	}

	boolean exists() {
		return Files.exists(keyLocationFile()) || Files.exists(certificateFile());
	}

	/** Removes what a failed init wrote, so the next init starts clean. */
	void forget() {
		try {
			Files.deleteIfExists(certificateFile());
			Files.deleteIfExists(keyLocationFile());
		} catch (java.io.IOException e) {
			// init reports its own failure; a left-over file is named by the next init's refusal
		}
	}

	X509Certificate certificate() throws CommandException {
		if (!Files.exists(certificateFile())) {
			throw CommandException.failed("there is no authority yet in " + folder + ": run 'mintage admin init' first");
		}
		try {
			return PemFiles.readCertificate(certificateFile());
		} catch (TrustException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
	}

	/** Opens the authority's key store; close the result when done. */
	Opened open(KeyStores keyStores) throws CommandException {
		X509Certificate certificate = certificate();
		try {
			KeyLocation location = KeyLocation.load(keyLocationFile());
			KeyStoreSession session = keyStores.open(location);
			return new Opened(session, new CmsSigner(session, location.alias(), certificate));
		} catch (SigningException e) {
			throw CommandException.failed("the authority key cannot be opened: " + e.getMessage(), e);
		}
	}

	/** The open key store and the signer made of its authority key and CA certificate. */
	record Opened(KeyStoreSession session, CmsSigner signer) implements AutoCloseable {
		@Override
		public void close() {
			session.close();
		}
	}
}
