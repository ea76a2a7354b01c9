package io.mintage.admin.internal;

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

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.Authority;
import io.mintage.admin.AuthorityInfo;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.JsonWriter;
import io.mintage.core.sign.KeyLocation;

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

	private final AdminStore store;
	private final Clock clock;

	@Activate
	public InitCommand(@Reference AdminStore store) {
		this(store, Clock.systemUTC());
	}

	InitCommand(AdminStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@Override
	public String summary() {
		return "create the authority: its key and self-signed CA certificate";
	}

	@Override
	public String usage() {
		return """
				init --name NAME [--valid-until DATE] [key location options] [--json]

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
		Arguments arguments = Arguments.parse(words, Set.of(AdminCommands.JSON), options);
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("init takes no file arguments, got: " + String.join(" ", arguments.positionals()));
		}
		String name = arguments.required(NAME);
		Instant notAfter = arguments.option(VALID_UNTIL).isPresent()
				? Arguments.parseEnd(VALID_UNTIL, arguments.option(VALID_UNTIL).get())
				: clock.instant().plus(DEFAULT_VALIDITY).truncatedTo(ChronoUnit.SECONDS);
		Admin admin = AdminCommands.open(store, context);
		Authority authority = admin.authority();
		KeyLocation location = KeyLocation.fromArguments(arguments, context.workingDirectory(),
				authority.defaultKeystore(), Authority.ALIAS);
		AuthorityInfo created;
		try {
			created = authority.create(name, notAfter, location);
		} catch (AdminException e) {
			throw AdminCommands.failed(e);
		}
		if (arguments.has(AdminCommands.JSON)) {
			AdminCommands.print(context, AdminCommands.authority(new JsonWriter().beginObject(), "authority", created)
					.string("certificateFile", AdminHome.certificateFile(admin.home()).toString()).endObject());
			return OK;
		}
		context.out().println("Authority '" + name + "' created in " + created.keyLocation());
		context.out().println("CA certificate: " + AdminHome.certificateFile(admin.home()));
		context.out().println("Valid until:    " + created.notAfter());
		context.out().println("SHA-256 fingerprint: " + created.fingerprint());
		context.out().println("Stations compare this fingerprint when they install their certificate.");
		return OK;
	}
}
