package io.mintage.admin.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.AuthorityInfo;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.CommandFiles;
import io.mintage.core.command.JsonWriter;
import io.mintage.trust.FirmwareAnchor;
import io.mintage.trust.PemFiles;
import io.mintage.trust.TrustException;

/**
 * {@code admin export-anchor}: what others need to trust the authority — the C header the firmware
 * compiles in, and the CA certificate stations install. Public material only; no key is opened.
 */
@Component(service = Command.class, property = { Command.NAME + "=export-anchor", Command.PRODUCT + "=admin" })
public final class ExportAnchorCommand implements Command {

	private static final String C_HEADER = "--c-header";
	private static final String PEM = "--pem";

	private final AdminStore store;

	@Activate
	public ExportAnchorCommand(@Reference AdminStore store) {
		this.store = store;
	}

	@Override
	public String summary() {
		return "export the authority's public key as a C header for firmware, or its CA certificate";
	}

	@Override
	public String usage() {
		return """
				export-anchor [--c-header FILE] [--pem FILE] [--json]

				  --c-header FILE   the authority's public key as a C header for the firmware's
				                    mintage_verify (build it with: make ANCHOR_HEADER=FILE)
				  --pem FILE        the authority's CA certificate, for stations and openssl

				Example: mintage admin export-anchor --c-header firmware/mintage_anchor.h""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(AdminCommands.JSON), Set.of(C_HEADER, PEM));
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		if (arguments.option(C_HEADER).isEmpty() && arguments.option(PEM).isEmpty()) {
			throw CommandException.usage("say what to export: " + C_HEADER + " FILE and/or " + PEM + " FILE");
		}
		AuthorityInfo info;
		try {
			info = AdminCommands.open(store, context).authority().require();
		} catch (AdminException e) {
			throw AdminCommands.failed(e);
		}
		X509Certificate authority = info.certificate();
		boolean json = arguments.has(AdminCommands.JSON);
		JsonWriter out = new JsonWriter().beginObject();
		try {
			if (arguments.option(C_HEADER).isPresent()) {
				Path header = context.resolve(arguments.option(C_HEADER).get());
				CommandFiles.write(header, FirmwareAnchor.cHeader(authority).getBytes(StandardCharsets.UTF_8),
						"the C header");
				out.string("cHeader", header.toString());
				if (!json) {
					context.out().println("C header with the authority key written to " + header);
				}
			}
			if (arguments.option(PEM).isPresent()) {
				Path pem = context.resolve(arguments.option(PEM).get());
				PemFiles.writeCertificate(pem, authority);
				out.string("pem", pem.toString());
				if (!json) {
					context.out().println("CA certificate written to " + pem);
				}
			}
		} catch (TrustException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
		if (json) {
			AdminCommands.print(context, out.string("fingerprint", info.fingerprint()).endObject());
		} else {
			context.out().println("SHA-256 fingerprint: " + info.fingerprint());
		}
		return OK;
	}
}
