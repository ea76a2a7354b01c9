package io.mintage.station.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;

import io.mintage.core.command.CommandException;
import io.mintage.core.command.CommandFiles;
import io.mintage.core.sign.KeyLocation;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.KeyStores;
import io.mintage.core.sign.SigningException;
import io.mintage.trust.PemFiles;
import io.mintage.trust.RevocationList;
import io.mintage.trust.TrustException;

/**
 * The station's state folder: where its key is, its certificate and the authority it trusts, the
 * installed revocation list, and the accepted jobs. One place knows the file names.
 */
final class StationHome {

	static final String ALIAS = "station";

	private final Path folder;

	StationHome(Path stateDirectory) {
		this.folder = stateDirectory;
	}

	Path folder() {
		return folder;
	}

	Path keyLocationFile() {
		return folder.resolve("station-key.properties");
	}

	Path defaultKeystore() {
		return folder.resolve("station.p12");
	}

	Path requestFile() {
		return folder.resolve("station-request.pem");
	}

	Path certificateFile() {
		return folder.resolve("station.pem");
	}

	Path authorityFile() {
		return folder.resolve("authority.pem");
	}

	Path revocationFile() {
		return folder.resolve("revocations.crl");
	}

	Path ledgerFile() {
		return folder.resolve("ledger.db");
	}

	Path jobsFolder() {
		return folder.resolve("jobs");
	}

	boolean keyExists() {
		return Files.exists(keyLocationFile());
	}

	KeyLocation keyLocation() throws CommandException {
		try {
			return KeyLocation.load(keyLocationFile());
		} catch (SigningException e) {
			throw CommandException.failed("the station key: " + e.getMessage().replace("run init first",
					"run 'mintage station init' first"), e);
		}
	}

	KeyStoreSession open(KeyStores keyStores) throws CommandException {
		KeyLocation location = keyLocation();
		try {
			return keyStores.open(location);
		} catch (SigningException e) {
			throw CommandException.failed("the station key cannot be opened: " + e.getMessage(), e);
		}
	}

	X509Certificate certificate() throws CommandException {
		return installed(certificateFile(), "the station has no certificate yet: run 'mintage station install-cert'");
	}

	X509Certificate authority() throws CommandException {
		return installed(authorityFile(), "the station trusts no authority yet: run 'mintage station install-cert'");
	}

	Optional<RevocationList> revocations(X509Certificate authority) throws CommandException {
		if (!Files.exists(revocationFile())) {
			return Optional.empty();
		}
		try {
			return Optional.of(RevocationList.read(CommandFiles.read(revocationFile(), "the revocation list"), authority));
		} catch (TrustException e) {
			throw CommandException.failed("the installed revocation list " + revocationFile() + " is not valid: "
					+ e.getMessage(), e);
		}
	}

	private static X509Certificate installed(Path file, String missing) throws CommandException {
		if (!Files.exists(file)) {
			throw CommandException.failed(missing);
		}
		try {
			return PemFiles.readCertificate(file);
		} catch (TrustException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
	}
}
