package io.mintage.admin.internal;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
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
import io.mintage.core.sign.KeyStores;
import io.mintage.trust.ProductId;
import io.mintage.trust.QuotaKey;
import io.mintage.trust.QuotaTerms;

/**
 * {@code admin issue-quota}: a quota key for one station — the batch certificate for a serial range
 * and the batch private key encrypted to the station — signed by the authority.
 */
@Component(service = Command.class, property = { Command.NAME + "=issue-quota", Command.PRODUCT + "=admin" })
public final class IssueQuotaCommand implements Command {

	private static final String OUT = "--out";

	private final KeyStores keyStores;
	private final Clock clock;

	@Activate
	public IssueQuotaCommand(@Reference KeyStores keyStores) {
		this(keyStores, Clock.systemUTC());
	}

	IssueQuotaCommand(KeyStores keyStores, Clock clock) {
		this.keyStores = keyStores;
		this.clock = clock;
	}

	@Override
	public String summary() {
		return "issue a quota key: the right for one station to sign N device records of a product";
	}

	@Override
	public String usage() {
		return """
				issue-quota --station CERT --product ID --count N --serial-start S --valid-until DATE
				            [--valid-from DATE] [--out FILE]

				  --station CERT      the station's certificate (from 'mintage admin enrol')
				  --product ID        the product id the firmware checks (0 .. 4294967295, or 0x...)
				""" + QuotaOptions.USAGE + """

				  --out FILE          where to write the quota key (default quota-ID.mquota)

				Example: mintage admin issue-quota --station line3.pem --product 0x13572468 \\
				           --count 1000 --serial-start 100000 --valid-until 2027-06-30""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Set<String> options = new HashSet<>(QuotaOptions.OPTIONS);
		options.addAll(Set.of(QuotaOptions.STATION, QuotaOptions.PRODUCT, OUT));
		Arguments arguments = Arguments.parse(words, Set.of(), options);
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		ProductId product = QuotaOptions.product(arguments);
		QuotaTerms terms = QuotaOptions.terms(arguments, product, clock);
		AuthorityHome home = new AuthorityHome(context.stateDirectory());
		try (AuthorityHome.Opened authority = home.open(keyStores)) {
			X509Certificate station = QuotaOptions.station(authority,
					context.resolve(arguments.required(QuotaOptions.STATION)), clock);
			QuotaKey quota = QuotaOptions.issue(home, authority, station, terms, clock);
			Path out = context.resolve(arguments.option(OUT).orElse("quota-" + terms.quotaId() + ".mquota"));
			CommandFiles.write(out, quota.encoded(), "the quota key");
			context.out().println("Quota " + terms.quotaId() + " for " + station.getSubjectX500Principal().getName()
					+ ": product " + product + ", serials " + terms.serials() + ", valid " + terms.notBefore() + " to "
					+ terms.notAfter());
			context.out().println("Written to " + out);
			return OK;
		}
	}
}
