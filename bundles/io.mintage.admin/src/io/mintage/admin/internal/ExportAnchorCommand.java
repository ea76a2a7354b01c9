package io.mintage.admin.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.CommandFiles;
import io.mintage.trust.AuthorityCertificates;
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

	@Override
	public String summary() {
		return "export the authority's public key as a C header for firmware, or its CA certificate";
	}

	@Override
	public String usage() {
		return """
				export-anchor [--c-header FILE] [--pem FILE]

				  --c-header FILE   the authority's public key as a C header for the firmware's
				                    mintage_verify (build it with: make ANCHOR_HEADER=FILE)
				  --pem FILE        the authority's CA certificate, for stations and openssl

				Example: mintage admin export-anchor --c-header firmware/mintage_anchor.h""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(), Set.of(C_HEADER, PEM));
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		if (arguments.option(C_HEADER).isEmpty() && arguments.option(PEM).isEmpty()) {
			throw CommandException.usage("say what to export: " + C_HEADER + " FILE and/or " + PEM + " FILE");
		}
		X509Certificate authority = new AuthorityHome(context.stateDirectory()).certificate();
		try {
			if (arguments.option(C_HEADER).isPresent()) {
				Path header = context.resolve(arguments.option(C_HEADER).get());
				CommandFiles.write(header, FirmwareAnchor.cHeader(authority).getBytes(StandardCharsets.UTF_8),
						"the C header");
				context.out().println("C header with the authority key written to " + header);
			}
			if (arguments.option(PEM).isPresent()) {
				Path pem = context.resolve(arguments.option(PEM).get());
				PemFiles.writeCertificate(pem, authority);
				context.out().println("CA certificate written to " + pem);
			}
			context.out().println("SHA-256 fingerprint: " + AuthorityCertificates.fingerprint(authority));
			return OK;
		} catch (TrustException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
	}
}
