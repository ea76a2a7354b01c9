package io.mintage.admin.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.mintage.admin.AdminStore;
import io.mintage.admin.ReportCheckResult;
import io.mintage.admin.internal.Audit;
import io.mintage.admin.internal.Meta;
import io.mintage.admin.internal.Migrations;
import io.mintage.testing.DocsFiles;

/**
 * Persisted names are written down: every table, column, index and trigger of every schema step (read
 * from the step scripts themselves, so a new step is checked too), the meta names, the audit actions and
 * the files appear in docs/formats.md, "Admin database", in code format; every report check id has its
 * row in "Report checks".
 */
class AdminFormatsDocTest {

	private static final Pattern TABLE = Pattern.compile("CREATE TABLE (\\w+) \\((.*)\\);", Pattern.DOTALL);
	private static final Pattern NAMED = Pattern.compile("CREATE (?:UNIQUE )?(?:INDEX|TRIGGER) (\\w+)");

	@Test
	void everyPersistedNameIsInFormatsMd() throws Exception {
		String formats = Files.readString(DocsFiles.file("formats.md"), StandardCharsets.UTF_8);
		int start = formats.indexOf("## Admin database");
		assertTrue(start >= 0, "docs/formats.md has no section \"Admin database\"");
		int end = formats.indexOf("\n## ", start + 1);
		String section = end < 0 ? formats.substring(start) : formats.substring(start, end);

		Set<String> names = new LinkedHashSet<>(List.of(AdminStore.DATABASE_FILE, AdminStore.DATABASE_FILE + ".lock",
				"schema_version", "version", "step", "applied_ms", Meta.FILES_IMPORTED, Meta.LAST_CRL_NUMBER));
		names.addAll(Audit.ACTIONS);
		names.addAll(Migrations.STEPS);
		for (String step : Migrations.STEPS) {
			names.addAll(namesIn(script(step)));
		}
		List<String> missing = names.stream().filter(name -> !section.contains("`" + name + "`")).toList();
		assertTrue(missing.isEmpty(), "docs/formats.md, \"Admin database\", does not name " + missing);
	}

	@Test
	void everyReportCheckIdIsInTheReportChecksTable() throws Exception {
		String formats = Files.readString(DocsFiles.file("formats.md"), StandardCharsets.UTF_8);
		int start = formats.indexOf("### Report checks");
		assertTrue(start >= 0, "docs/formats.md has no section \"Report checks\"");
		int end = formats.indexOf("\n## ", start + 1);
		String section = end < 0 ? formats.substring(start) : formats.substring(start, end);
		List<String> missing = ReportCheckResult.IDS.stream().filter(id -> !section.contains("| `" + id + "` |")).toList();
		assertTrue(missing.isEmpty(), "docs/formats.md, \"Report checks\", has no row for " + missing);
	}

	static String script(String step) throws Exception {
		try (InputStream in = AdminStore.class.getResourceAsStream("/sql/" + step)) {
			assertNotNull(in, "the bundle carries sql/" + step);
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
		}
	}

	/** Tables and their columns, indexes and triggers a step creates. */
	static List<String> namesIn(String script) {
		List<String> names = new ArrayList<>();
		for (String statement : script.split(";\\s*\\n")) {
			String sql = statement.strip() + ";";
			Matcher table = TABLE.matcher(sql);
			if (table.find()) {
				names.add(table.group(1));
				for (String definition : topLevel(table.group(2))) {
					String first = definition.strip().split("\\s+")[0];
					if (!List.of("CHECK", "UNIQUE", "PRIMARY", "FOREIGN", "CONSTRAINT").contains(first)) {
						names.add(first);
					}
				}
			}
			Matcher named = NAMED.matcher(sql);
			if (named.find()) {
				names.add(named.group(1));
			}
		}
		return names;
	}

	/** The comma-separated parts of a column list, commas inside parentheses left alone. */
	private static List<String> topLevel(String list) {
		List<String> parts = new ArrayList<>();
		int depth = 0;
		StringBuilder part = new StringBuilder();
		for (char c : list.toCharArray()) {
			if (c == '(') {
				depth++;
			} else if (c == ')') {
				depth--;
			} else if (c == ',' && depth == 0) {
				parts.add(part.toString());
				part.setLength(0);
				continue;
			}
			part.append(c);
		}
		parts.add(part.toString());
		return parts;
	}
}
