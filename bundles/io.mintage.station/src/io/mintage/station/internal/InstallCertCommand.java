package io.mintage.station.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.KeyStores;
import java.security.GeneralSecurityException;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.PemFiles;
import io.mintage.trust.TrustException;

/**
 * {@code station install-cert CERT --authority CA}: installs the station certificate the admin issued
 * and the authority it chains to. The certificate must carry this station's key and verify against
 * the authority; the authority's fingerprint is printed for comparing with the admin's by phone. Once
 * an authority is installed, another one is refused: a station serves one company.
 */
@Component(service = Command.class, property = { Command.NAME + "=install-cert", Command.PRODUCT + "=station" })
public final class InstallCertCommand implements Command {

	private static final String AUTHORITY = "--authority";

	private final KeyStores keyStores;
	private final Clock clock;

	@Activate
	public InstallCertCommand(@Reference KeyStores keyStores) {
		this(keyStores, Clock.systemUTC());
	}

	InstallCertCommand(KeyStores keyStores, Clock clock) {
		this.keyStores = keyStores;
		this.clock = clock;
	}

	@Override
	public String summary() {
		return "install the station certificate and the authority certificate it chains to";
	}

	@Override
	public String usage() {
		return """
				install-cert CERT --authority CA

				Installs the station certificate from 'mintage admin enrol' and the authority's CA
				certificate. Compare the fingerprint it prints with the one the admin reads to you.

				Example: mintage station install-cert line3.pem --authority authority.pem""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(), Set.of(AUTHORITY));
		Path certificateFile = context.resolve(arguments.single("station certificate"));
		StationHome home = new StationHome(context.stateDirectory());
		try {
			X509Certificate station = PemFiles.readCertificate(certificateFile);
			X509Certificate authority = arguments.option(AUTHORITY).isPresent()
					? PemFiles.readCertificate(context.resolve(arguments.option(AUTHORITY).get()))
					: home.authority();
			if (Files.exists(home.authorityFile())
					&& !Arrays.equals(home.authority().getEncoded(), authority.getEncoded())) {
				throw CommandException.failed("this station trusts the authority "
						+ home.authority().getSubjectX500Principal().getName() + " already; it does not change to "
						+ authority.getSubjectX500Principal().getName());
			}
			AuthorityCertificates.verifyStation(station, authority, clock);
			try (KeyStoreSession session = home.open(keyStores)) {
				String alias = home.keyLocation().alias();
				if (!Arrays.equals(session.publicKey(alias).getEncoded(), station.getPublicKey().getEncoded())) {
					throw CommandException.failed("the certificate " + certificateFile + " is for another key than this"
							+ " station's (" + station.getSubjectX500Principal().getName() + "); nothing was installed");
				}
				session.setCertificateChain(alias, List.of(station, authority));
			}
			PemFiles.writeCertificate(home.authorityFile(), authority);
			PemFiles.writeCertificate(home.certificateFile(), station);
			context.out().println("Installed " + station.getSubjectX500Principal().getName() + ", valid until "
					+ station.getNotAfter().toInstant());
			context.out().println("Trusted authority " + authority.getSubjectX500Principal().getName());
			context.out().println("SHA-256 fingerprint: " + AuthorityCertificates.fingerprint(authority));
			context.out().println("Compare it with the fingerprint the admin gives you.");
			return OK;
		} catch (TrustException | GeneralSecurityException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
	}
}
