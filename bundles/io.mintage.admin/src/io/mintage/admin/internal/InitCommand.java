package io.mintage.admin.internal;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.sign.KeyLocation;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.KeyStores;
import io.mintage.core.sign.SigningException;
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.PemFiles;
import io.mintage.trust.TrustException;

/**
 * {@code admin init}: the key ceremony. Generates the authority key where the admin chose (software
 * keystore or PKCS#11 token) and its self-signed CA certificate, and prints the fingerprint that
 * stations compare when they install their certificate.
 */
@Component(service = Command.class, property = { Command.NAME + "=init", Command.PRODUCT + "=admin" })
public final class InitCommand implements Command {

	private static final String NAME = "--name";
	private static final String VALID_UNTIL = "--valid-until";
	private static final Duration DEFAULT_VALIDITY = Duration.ofDays(20 * 365);

	private final KeyStores keyStores;
	private final Clock clock;

	@Activate
	public InitCommand(@Reference KeyStores keyStores) {
		this(keyStores, Clock.systemUTC());
	}

	InitCommand(KeyStores keyStores, Clock clock) {
		this.keyStores = keyStores;
		this.clock = clock;
	}

	@Override
	public String summary() {
		return "create the authority: its key and self-signed CA certificate";
	}

	@Override
	public String usage() {
		return """
				init --name NAME [--valid-until DATE] [key location options]

				Generates the authority's P-256 key and its CA certificate (subject CN=NAME, valid
				until DATE, default 20 years). Everything the company issues is signed with this key;
				the firmware checks device records against it. Keep its passphrase or token safe.

				""" + KeyLocation.USAGE + """


				Example: MINTAGE_AUTHORITY_PASS=... mintage admin init --name "Acme Authority" \\
				           --passphrase-env MINTAGE_AUTHORITY_PASS""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Set<String> options = new HashSet<>(KeyLocation.OPTIONS);
		options.addAll(Set.of(NAME, VALID_UNTIL));
		Arguments arguments = Arguments.parse(words, Set.of(), options);
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("init takes no file arguments, got: " + String.join(" ", arguments.positionals()));
		}
		String name = arguments.required(NAME);
		Instant now = clock.instant();
		Instant notAfter = arguments.option(VALID_UNTIL).isPresent()
				? Arguments.parseEnd(VALID_UNTIL, arguments.option(VALID_UNTIL).get())
				: now.plus(DEFAULT_VALIDITY).truncatedTo(ChronoUnit.SECONDS);
		AuthorityHome home = new AuthorityHome(context.stateDirectory());
		if (home.exists()) {
			throw CommandException.failed("an authority exists already in " + home.folder()
					+ "; init never replaces one (move the folder away to start over)");
		}
		KeyLocation location = KeyLocation.fromArguments(arguments, context.workingDirectory(),
				home.defaultKeystore(), AuthorityHome.ALIAS);
		X509Certificate certificate;
		try (KeyStoreSession session = keyStores.open(location)) {
			session.generateKeyPair(location.alias());
			try {
				certificate = AuthorityCertificates.createAuthority(session, location.alias(), name, notAfter, clock);
				session.setCertificateChain(location.alias(), List.of(certificate));
				PemFiles.writeCertificate(home.certificateFile(), certificate);
				location.store(home.keyLocationFile());
			} catch (TrustException | SigningException | IOException e) {
				// no half-made authority: without its certificate and location the key is of no use
				home.forget();
				session.delete(location.alias());
				throw e;
			}
		} catch (SigningException | TrustException | IOException e) {
			throw CommandException.failed("no authority was created: " + e.getMessage(), e);
		}
		try {
			context.out().println("Authority '" + name + "' created in " + location.configuration().settings()
					.getOrDefault("file", "the token '" + location.configuration().settings().get("token-label") + "'"));
			context.out().println("CA certificate: " + home.certificateFile());
			context.out().println("Valid until:    " + certificate.getNotAfter().toInstant());
			context.out().println("SHA-256 fingerprint: " + AuthorityCertificates.fingerprint(certificate));
			context.out().println("Stations compare this fingerprint when they install their certificate.");
		} catch (TrustException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
		return OK;
	}
}
