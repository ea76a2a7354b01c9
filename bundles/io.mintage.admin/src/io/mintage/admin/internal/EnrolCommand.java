package io.mintage.admin.internal;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import io.mintage.trust.AuthorityCertificates;
import io.mintage.trust.EnrolmentRequest;
import io.mintage.trust.PemFiles;
import io.mintage.trust.TrustException;

/**
 * {@code admin enrol REQUEST}: turns a station's PKCS#10 request into its X.509 certificate, after the
 * request proved the station holds its key. A copy stays in the admin state for revocation.
 */
@Component(service = Command.class, property = { Command.NAME + "=enrol", Command.PRODUCT + "=admin" })
public final class EnrolCommand implements Command {

	private static final String OUT = "--out";
	private static final String VALID_UNTIL = "--valid-until";
	private static final Duration DEFAULT_VALIDITY = Duration.ofDays(5 * 365);

	private final KeyStores keyStores;
	private final Clock clock;

	@Activate
	public EnrolCommand(@Reference KeyStores keyStores) {
		this(keyStores, Clock.systemUTC());
	}

	EnrolCommand(KeyStores keyStores, Clock clock) {
		this.keyStores = keyStores;
		this.clock = clock;
	}

	@Override
	public String summary() {
		return "issue a station certificate for a station's enrolment request";
	}

	@Override
	public String usage() {
		return """
				enrol REQUEST [--out CERT] [--valid-until DATE]

				Checks the station's enrolment request (PKCS#10, from 'mintage station init') and
				issues its certificate, signed by the authority key. Give the certificate and the
				authority certificate to the station ('mintage station install-cert').

				  --out CERT          where to write the certificate (default: NAME.pem after the
				                      station's name)
				  --valid-until DATE  end of the certificate (default 5 years, at most the CA's end)

				Example: mintage admin enrol line3.csr --out line3.pem""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(), Set.of(OUT, VALID_UNTIL));
		Path requestFile = context.resolve(arguments.single("request file"));
		AuthorityHome home = new AuthorityHome(context.stateDirectory());
		try (AuthorityHome.Opened authority = home.open(keyStores)) {
			X509Certificate ca = authority.signer().certificate();
			EnrolmentRequest request = PemFiles.readRequest(requestFile);
			Instant notAfter = arguments.option(VALID_UNTIL).isPresent()
					? Arguments.parseEnd(VALID_UNTIL, arguments.option(VALID_UNTIL).get())
					: earliest(clock.instant().plus(DEFAULT_VALIDITY).truncatedTo(ChronoUnit.SECONDS),
							ca.getNotAfter().toInstant());
			X509Certificate station = AuthorityCertificates.issueStation(authority.session(), authority.signer().alias(),
					ca, request, notAfter, clock);
			Path out = context.resolve(
					arguments.option(OUT).orElse(CommandFiles.fileNameFor(request.stationName(), "station") + ".pem"));
			PemFiles.writeCertificate(home.stationsFolder().resolve(station.getSerialNumber().toString(16) + ".pem"),
					station);
			PemFiles.writeCertificate(out, station);
			context.out().println("Station certificate for '" + request.stationName() + "' written to " + out);
			context.out().println("Serial number: " + station.getSerialNumber().toString(16));
			context.out().println("Valid until:   " + station.getNotAfter().toInstant());
			context.out().println("Give the station this file and the authority certificate " + home.certificateFile()
					+ " (fingerprint " + AuthorityCertificates.fingerprint(ca) + ").");
			return OK;
		} catch (TrustException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
	}

	private static Instant earliest(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}
}
