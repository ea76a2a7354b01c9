package io.mintage.trust.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mintage.trust.MintageObjectIds;
import io.mintage.trust.ReportEvent;
import io.mintage.trust.internal.Der;
import io.mintage.trust.internal.RecordOptionsCodec;
import io.mintage.testing.DocsFiles;

/** docs/formats.md, "Quota key, job package and production report (CMS)", says what the code does. */
class CmsFormatsTest {

	@Test
	void theObjectIdentifiersAreThoseOfTheDocument() throws Exception {
		String formats = Files.readString(DocsFiles.file("formats.md"));
		String arc = "2.25." + new BigInteger("1f3df039-9459-4389-88a4-159b7f19379a".replace("-", ""), 16);
		assertEquals(arc, MintageObjectIds.ARC, "the arc is the UUID 1f3df039-9459-4389-88a4-159b7f19379a");
		assertTrue(formats.contains("Mintage's arc is `" + MintageObjectIds.ARC + "`"));
		assertEquals(MintageObjectIds.ARC + ".1.1", MintageObjectIds.QUOTA_KEY);
		assertEquals(MintageObjectIds.ARC + ".1.2", MintageObjectIds.JOB_PACKAGE);
		assertEquals(MintageObjectIds.ARC + ".1.3", MintageObjectIds.PRODUCTION_REPORT);
	}

	@Test
	void theChainHashVectorOfTheDocumentIsWhatTheCodeComputes() throws Exception {
		ReportEvent event = new ReportEvent(1, "job-loaded", Instant.parse("2026-03-01T08:00:00Z"),
				UUID.fromString("7d4c1a2b-0000-4000-8000-00000000c0de"), Optional.empty(), OptionalLong.empty(),
				Optional.empty(), Optional.of("fuzz.bin"));
		String hash = HexFormat.of().formatHex(event.chainHash(new byte[32]));
		assertEquals("5ac580b530baad0d688c463f092f68dfdbd88ce9f04ce57dff16b5164c91615d", hash);
		String formats = Files.readString(DocsFiles.file("formats.md"));
		assertTrue(formats.contains("chain hash:              " + hash), "formats.md shows the vector");
	}

	@Test
	void theRecordOptionsVectorOfTheDocumentIsWhatTheCodeWrites() throws Exception {
		String der = HexFormat.of().formatHex(Der.encode(RecordOptionsCodec.encode(CmsFixture.OPTIONS)));
		assertEquals("30230101ff80076c6576656c20318101ff820f6c6173742d65726173652d756e69748301ff", der);
		String formats = Files.readString(DocsFiles.file("formats.md"));
		assertTrue(formats.contains("\n  " + der + "\n"), "formats.md shows the vector");
		for (String field : List.of("bindFirmwareHash", "protection", "allowUnprotect", "recordPlacement",
				"acceptUndocumentedUid")) {
			assertTrue(formats.contains("  - `" + field + "`: "), "formats.md explains " + field);
		}
	}
}
