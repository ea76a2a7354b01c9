package io.mintage.admin.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.mintage.core.command.CommandException;
import io.mintage.core.io.PrivateFiles;
import io.mintage.trust.QuotaTerms;

/**
 * Every quota this authority issued, one tab-separated line each, appended and forced to disk after
 * the quota key is written. Serial ranges of one product never overlap: two devices with the same
 * serial would both verify, and the royalty count could not tell them apart. (The admin database of a
 * later release takes this over; the file format is then imported.)
 */
final class QuotaRegister {

	record Entry(UUID quotaId, long product, long first, long count, String station) {
		boolean overlaps(long otherProduct, long otherFirst, long otherCount) {
			return product == otherProduct && first < otherFirst + otherCount && otherFirst < first + count;
		}
	}

	private final Path file;

	QuotaRegister(Path file) {
		this.file = file;
	}

	List<Entry> entries() throws CommandException {
		List<String> lines;
		try {
			lines = PrivateFiles.readLinesIfExists(file);
		} catch (IOException e) {
			throw CommandException.failed("the quota register " + file + " cannot be read: " + e.getMessage(), e);
		}
		List<Entry> entries = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String[] fields = lines.get(i).split("\t", -1);
			try {
				entries.add(new Entry(UUID.fromString(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
						Long.parseLong(fields[3]), fields[4]));
			} catch (RuntimeException e) {
				throw CommandException.failed("the quota register " + file + " is damaged at line " + (i + 1)
						+ "; no quota is issued until it is repaired");
			}
		}
		return entries;
	}

	/** The first issued quota whose serial range overlaps the given one for the same product. */
	Optional<Entry> overlapping(QuotaTerms terms) throws CommandException {
		long first = terms.serials().first().value();
		return entries().stream()
				.filter(entry -> entry.overlaps(terms.product().value(), first, terms.serials().count())).findFirst();
	}

	void add(QuotaTerms terms, String stationName) throws CommandException {
		String line = terms.quotaId() + "\t" + terms.product().value() + "\t" + terms.serials().first().value() + "\t"
				+ terms.serials().count() + "\t" + stationName.replace('\t', ' ').replace('\n', ' ') + "\n";
		try {
			PrivateFiles.appendDurably(file, line.getBytes(StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw CommandException.failed("the quota " + terms.quotaId() + " was written but could not be added to "
					+ file + " (" + e.getMessage() + "); add it by hand before issuing another quota", e);
		}
	}
}
