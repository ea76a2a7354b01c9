package io.mintage.admin.internal;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
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
import io.mintage.trust.PemFiles;
import io.mintage.trust.TrustException;

/**
 * {@code admin import-authority}: the other way to get an authority than {@code init}'s key ceremony —
 * take over one that exists (its CA certificate and its key in a software key store or on a token),
 * after checking that the key is the certificate's.
 */
@Component(service = Command.class, property = { Command.NAME + "=import-authority", Command.PRODUCT + "=admin" })
public final class ImportAuthorityCommand implements Command {

	private static final String CERTIFICATE = "--certificate";
	private static final String ALIAS = "--alias";

	private final AdminStore store;

	@Activate
	public ImportAuthorityCommand(@Reference AdminStore store) {
		this.store = store;
	}

	@Override
	public String summary() {
		return "take over an existing authority: its CA certificate and its key";
	}

	@Override
	public String usage() {
		return """
				import-authority --certificate FILE (--keystore FILE | --pkcs11-module LIB --token-label L)
				                 [--alias NAME] [key location options] [--json]

				Takes over an authority made elsewhere: its self-signed CA certificate (PEM) and its
				EC P-256 key, in a PKCS#12 key store or on a PKCS#11 token under NAME (default
				'authority'). The key must prove it is the certificate's by signing; the certificate
				must be a valid CA certificate that may sign certificates, revocation lists and CMS
				content. Nothing is copied: the key stays where it is and is used from there.

				""" + KeyLocation.USAGE + """


				Example: MINTAGE_AUTHORITY_PASS=... mintage admin import-authority --certificate acme-ca.pem \\
				           --keystore /secure/acme-ca.p12 --passphrase-env MINTAGE_AUTHORITY_PASS""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Set<String> options = new HashSet<>(KeyLocation.OPTIONS);
		options.addAll(Set.of(CERTIFICATE, ALIAS));
		Arguments arguments = Arguments.parse(words, Set.of(AdminCommands.JSON), options);
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("import-authority takes no file arguments, got: "
					+ String.join(" ", arguments.positionals()));
		}
		Path certificateFile = context.resolve(arguments.required(CERTIFICATE));
		if (arguments.option(KeyLocation.KEYSTORE).isEmpty() && arguments.option(KeyLocation.PKCS11_MODULE).isEmpty()) {
			throw CommandException.usage("say where the authority's key is: " + KeyLocation.KEYSTORE + " FILE or "
					+ KeyLocation.PKCS11_MODULE + " LIB with " + KeyLocation.TOKEN_LABEL + " LABEL");
		}
		String alias = arguments.option(ALIAS).orElse(Authority.ALIAS);
		X509Certificate certificate;
		try {
			certificate = PemFiles.readCertificate(certificateFile);
		} catch (TrustException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
		Admin admin = AdminCommands.open(store, context);
		Authority authority = admin.authority();
		KeyLocation location = KeyLocation.fromArguments(arguments, context.workingDirectory(),
				authority.defaultKeystore(), alias);
		AuthorityInfo imported;
		try {
			imported = authority.importExisting(certificate, location);
		} catch (AdminException e) {
			throw AdminCommands.failed(e);
		}
		if (arguments.has(AdminCommands.JSON)) {
			AdminCommands.print(context, AdminCommands.authority(new JsonWriter().beginObject(), "authority", imported)
					.string("certificateFile", AdminHome.certificateFile(admin.home()).toString()).endObject());
			return OK;
		}
		context.out().println("Authority " + imported.subject() + " imported; its key: " + imported.keyLocation());
		context.out().println("CA certificate: " + AdminHome.certificateFile(admin.home()));
		context.out().println("Valid until:    " + imported.notAfter());
		context.out().println("SHA-256 fingerprint: " + imported.fingerprint());
		return OK;
	}
}
