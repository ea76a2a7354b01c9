package io.mintage.admin.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mintage.admin.Admin;
import io.mintage.admin.AdminException;
import io.mintage.admin.AdminStore;
import io.mintage.admin.AuthorityInfo;
import io.mintage.admin.Station;
import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.CommandFiles;
import io.mintage.core.command.JsonWriter;
import io.mintage.trust.EnrolmentRequest;
import io.mintage.trust.PemFiles;
import io.mintage.trust.TrustException;

/**
 * {@code admin enrol REQUEST}: turns a station's PKCS#10 request into its X.509 certificate, after the
 * request proved the station holds its key. The admin database records the station.
 */
@Component(service = Command.class, property = { Command.NAME + "=enrol", Command.PRODUCT + "=admin" })
public final class EnrolCommand implements Command {

	private static final String OUT = "--out";
	private static final String VALID_UNTIL = "--valid-until";

	private final AdminStore store;

	@Activate
	public EnrolCommand(@Reference AdminStore store) {
		this.store = store;
	}

	@Override
	public String summary() {
		return "issue a station certificate for a station's enrolment request";
	}

	@Override
	public String usage() {
		return """
				enrol REQUEST [--out CERT] [--valid-until DATE] [--json]

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
		Arguments arguments = Arguments.parse(words, Set.of(AdminCommands.JSON), Set.of(OUT, VALID_UNTIL));
		Path requestFile = context.resolve(arguments.single("request file"));
		Optional<Instant> notAfter = arguments.option(VALID_UNTIL).isPresent()
				? Optional.of(Arguments.parseEnd(VALID_UNTIL, arguments.option(VALID_UNTIL).get()))
				: Optional.empty();
		Admin admin = AdminCommands.open(store, context);
		try {
			AuthorityInfo authority = admin.authority().require();
			EnrolmentRequest request = PemFiles.readRequest(requestFile);
			Station station = admin.stations().enrol(request, notAfter);
			Path out = context.resolve(
					arguments.option(OUT).orElse(CommandFiles.fileNameFor(request.stationName(), "station") + ".pem"));
			PemFiles.writeCertificate(out, station.certificate().orElseThrow());
			if (arguments.has(AdminCommands.JSON)) {
				JsonWriter json = new JsonWriter().beginObject().beginObject("station");
				AdminCommands.station(json, station, Instant.now()).endObject();
				AdminCommands.print(context, json.string("certificateFile", out.toString())
						.string("authorityFingerprint", authority.fingerprint()).endObject());
				return OK;
			}
			context.out().println("Station certificate for '" + request.stationName() + "' written to " + out);
			context.out().println("Serial number: " + station.serial());
			context.out().println("Valid until:   " + station.notAfter().orElseThrow());
			context.out().println("Give the station this file and the authority certificate "
					+ AdminHome.certificateFile(admin.home()) + " (fingerprint " + authority.fingerprint() + ").");
			return OK;
		} catch (TrustException e) {
			throw CommandException.failed(e.getMessage(), e);
		} catch (AdminException e) {
			throw AdminCommands.failed(e);
		}
	}
}
