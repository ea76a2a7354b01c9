package io.mintage.station.internal;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.CommandFiles;
import io.mintage.trust.RevocationList;
import io.mintage.trust.TrustException;

/**
 * {@code station install-revocations CRL}: installs the authority's revocation list. Only a list
 * signed by the trusted authority and newer than the installed one is taken, so an old list cannot
 * bring a revoked station back.
 */
@Component(service = Command.class, property = { Command.NAME + "=install-revocations",
		Command.PRODUCT + "=station" })
public final class InstallRevocationsCommand implements Command {

	@Override
	public String summary() {
		return "install the authority's revocation list; jobs for revoked stations are refused";
	}

	@Override
	public String usage() {
		return """
				install-revocations CRL

				Installs the revocation list from 'mintage admin revoke'. A list that is not signed by
				this station's authority, or older than the installed one, is refused.

				Example: mintage station install-revocations revocations.crl""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(), Set.of());
		Path file = context.resolve(arguments.single("revocation list"));
		StationHome home = new StationHome(context.stateDirectory());
		X509Certificate authority = home.authority();
		X509Certificate self = home.certificate();
		byte[] encoded = CommandFiles.read(file, "the revocation list");
		RevocationList list;
		try {
			list = RevocationList.read(encoded, authority);
		} catch (TrustException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
		Optional<RevocationList> installed = home.revocations(authority);
		if (installed.isPresent() && installed.get().number().compareTo(list.number()) >= 0) {
			throw CommandException.failed("the revocation list " + file + " is number " + list.number()
					+ ", not newer than the installed number " + installed.get().number() + "; nothing was changed");
		}
		CommandFiles.write(home.revocationFile(), list.encoded(), "the revocation list");
		context.out().println("Installed revocation list number " + list.number() + " with " + list.entries().size()
				+ " revoked station(s); next one due " + list.nextUpdate());
		if (list.revokes(self)) {
			context.err().println("Warning: this station's own certificate is revoked; it accepts no more jobs.");
		}
		return OK;
	}
}
