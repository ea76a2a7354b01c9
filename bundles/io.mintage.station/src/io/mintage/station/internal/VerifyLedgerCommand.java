package io.mintage.station.internal;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import io.mintage.core.command.Arguments;
import io.mintage.core.command.Command;
import io.mintage.core.command.CommandContext;
import io.mintage.core.command.CommandException;
import io.mintage.core.command.JsonWriter;
import io.mintage.ledger.Ledger;
import io.mintage.ledger.LedgerException;

/**
 * {@code station verify-ledger}: recomputes the ledger's hash chain from its first event and checks
 * every checkpoint's signature with the station certificate; names the first event that does not hold.
 */
@Component(service = Command.class, property = { Command.NAME + "=verify-ledger", Command.PRODUCT + "=station" })
public final class VerifyLedgerCommand implements Command {

	private static final String JSON = "--json";

	@Override
	public String summary() {
		return "check the ledger's hash chain and its signed checkpoints";
	}

	@Override
	public String usage() {
		return """
				verify-ledger [--json]

				Recomputes the hash chain of every ledger event and checks each checkpoint's signature
				with this station's certificate. Exit code 1 and the first event that does not hold
				when the ledger was changed outside Mintage.
				  --json  print one JSON object: events, checkpoints, intact, problem

				Example: mintage station verify-ledger""";
	}

	@Override
	public int run(CommandContext context, List<String> words) throws CommandException {
		Arguments arguments = Arguments.parse(words, Set.of(JSON), Set.of());
		if (!arguments.positionals().isEmpty()) {
			throw CommandException.usage("unexpected argument '" + arguments.positionals().get(0) + "'");
		}
		StationHome home = new StationHome(context.stateDirectory());
		if (!Files.exists(home.ledgerFile())) {
			throw CommandException.failed("this station has no ledger yet (" + home.ledgerFile() + ")");
		}
		Ledger.Verification result;
		try (Ledger ledger = Ledger.openReadOnly(home.ledgerFile())) {
			result = ledger.verify(home.certificate());
		} catch (LedgerException e) {
			throw CommandException.failed(e.getMessage(), e);
		}
		if (arguments.has(JSON)) {
			JsonWriter json = new JsonWriter().beginObject().number("events", result.events())
					.number("checkpoints", result.checkpoints()).bool("intact", result.intact());
			if (result.problem().isPresent()) {
				json.string("problem", result.problem().get());
			} else {
				json.nullValue("problem");
			}
			context.out().println(json.endObject().toString());
		} else if (result.intact()) {
			context.out().println("The ledger is intact: " + result.events() + " events chained, " + result.checkpoints()
					+ " checkpoints signed by this station.");
		}
		if (!result.intact()) {
			throw CommandException.failed("the ledger " + home.ledgerFile() + " does not hold: " + result.problem().orElse("?"));
		}
		return OK;
	}
}
