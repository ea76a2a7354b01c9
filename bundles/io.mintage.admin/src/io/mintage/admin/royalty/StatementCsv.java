package io.mintage.admin.royalty;

import java.io.IOException;
import java.io.Writer;

/**
 * A royalty statement as CSV (RFC 4180: comma separated, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break): a header, one row per station and product, and a last row {@code TOTAL}.
 * Amounts with a full stop and no grouping, the currency as its ISO 4217 code, so a spreadsheet or a
 * script reads them without guessing. The column names are persisted (docs/formats.md).
 */
public final class StatementCsv {

	public static final String HEADER = "station,product,devices,royalty_per_device,amount,currency";

	private StatementCsv() {
	}

	public static void write(RoyaltyStatement statement, Writer out) throws IOException {
		String currency = statement.currency().getCurrencyCode();
		out.write(HEADER + "\r\n");
		for (RoyaltyLine line : statement.lines()) {
			out.write(field(line.station()) + "," + field(line.product()) + "," + line.devices() + ","
					+ statement.format(line.perDevice()) + "," + statement.format(line.amount()) + "," + currency + "\r\n");
		}
		out.write("TOTAL,," + statement.devices() + ",," + statement.format(statement.total()) + "," + currency + "\r\n");
		out.flush();
	}

	static String field(String value) {
		if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
			return value;
		}
		return '"' + value.replace("\"", "\"\"") + '"';
	}
}
