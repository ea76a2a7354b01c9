package io.mintage.station.internal;

import java.io.IOException;
import java.nio.file.Path;
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
import io.mintage.core.command.CommandFiles;
import io.mintage.core.sign.KeyLocation;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.KeyStores;
import io.mintage.core.sign.SigningException;
import io.mintage.trust.EnrolmentRequest;
import io.mintage.trust.PemFiles;
import io.mintage.trust.TrustException;

/**
 * {@code station init}: generates the station key where the factory chose (software keystore or
 * PKCS#11 token) and writes the enrolment request the admin turns into the station certificate.
 */
@Component(service = Command.class, property = { Command.NAME + "=init", Command.PRODUCT + "=station" })
public final class InitCommand implements Command {

	private static final String NAME = "--name";
	private static final String OUT = "--out";

	private final KeyStores keyStores;

	@Activate
	public InitCommand(@Reference KeyStores keyStores) {
		this.keyStores = keyStores;
	}

	@Override
	public String summary() {
		return "create the station key and its enrolment request for the admin";
	}

	@Override
	public String usage() {
		return """
				init --name NAME [--out REQUEST] [key location options]

				Generates the station's P-256 key and writes an enrolment request (PKCS#10) for the
				admin, who answers with the station certificate ('mintage admin enrol').

				  --name NAME      the station's name, e.g. "Acme Line 3" (its certificate's CN)
				  --out REQUEST    where to write the request (default NAME.csr)

				""" + KeyLocation.USAGE + """


				Example: MINTAGE_STATION_PASS=... mintage station init --name "Line 3" \\
				           --passphrase-env MINTAGE_STATION_PASS""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Set<String> options = new HashSet<>(KeyLocation.OPTIONS);
		options.addAll(Set.of(NAME, OUT));
		Arguments arguments = Arguments.parse(words, Set.of(), options);
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("init takes no file arguments, got: " + String.join(" ", arguments.positionals()));
		}
		String name = arguments.required(NAME);
		StationHome home = new StationHome(context.stateDirectory());
		if (home.keyExists()) {
			throw CommandException.failed("this station has a key already (" + home.keyLocationFile()
					+ "); init never replaces it. Its request is " + home.requestFile());
		}
		KeyLocation location = KeyLocation.fromArguments(arguments, context.workingDirectory(), home.defaultKeystore(),
				StationHome.ALIAS);
		Path out = context.resolve(
				arguments.option(OUT).orElse(CommandFiles.fileNameFor(name, "station") + ".csr"));
		try (KeyStoreSession session = keyStores.open(location)) {
			session.generateKeyPair(location.alias());
			try {
				EnrolmentRequest request = EnrolmentRequest.create(session, location.alias(), name);
				PemFiles.writeRequest(home.requestFile(), request);
				PemFiles.writeRequest(out, request);
				location.store(home.keyLocationFile());
			} catch (TrustException | IOException e) {
				session.delete(location.alias());
				throw e;
			}
		} catch (SigningException | TrustException | IOException e) {
			throw CommandException.failed("the station was not set up: " + e.getMessage(), e);
		}
		context.out().println("Station key for '" + name + "' created; enrolment request written to " + out);
		context.out().println("Send the request to the admin ('mintage admin enrol'), then install the certificate"
				+ " you get back with 'mintage station install-cert CERT --authority AUTHORITY'.");
		return OK;
	}
}
