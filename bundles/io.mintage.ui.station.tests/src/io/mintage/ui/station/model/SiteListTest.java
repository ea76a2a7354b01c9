package io.mintage.ui.station.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mintage.station.engine.SiteAddress;

/** The station's site list on real files: what it reads, what it writes, and the file's mistakes in plain words. */
class SiteListTest {

	@TempDir
	Path station;

	@Test
	void noFileYetIsAnEmptyListThatSavesToTheStationFolder() throws Exception {
		SiteList sites = SiteList.load(station, Optional.empty());

		assertEquals(List.of(), sites.sites());
		assertFalse(sites.autoStart());
		assertEquals(Optional.of(station.resolve("sites.properties")), sites.file());
	}

	@Test
	void sitesAreInTheOrderOfTheirNumbersNotOfTheLines() throws Exception {
		write("""
				# the fixtures of line 3
				site.10=lpcisp:/dev/ttyUSB9
				site.2=stm32uart:/dev/ttyUSB1?baud=57600
				site.1 = stm32uart:/dev/serial/by-id/usb-FTDI_FT232R_A1-if00-port0
				auto-start=true
				""");

		SiteList sites = SiteList.load(station, Optional.empty());

		assertEquals(List.of(SiteAddress.parse("stm32uart:/dev/serial/by-id/usb-FTDI_FT232R_A1-if00-port0"),
				SiteAddress.parse("stm32uart:/dev/ttyUSB1?baud=57600"), SiteAddress.parse("lpcisp:/dev/ttyUSB9")),
				sites.sites());
		assertTrue(sites.autoStart());
	}

	@Test
	void savedListsReadBackTheSameNumberedFromOnePrivately() throws Exception {
		write("site.3=stm32uart:/dev/ttyUSB2\nsite.7=stm32uart:/dev/ttyUSB3\n");
		SiteList changed = SiteList.load(station, Optional.empty()).withoutSite(SiteAddress.parse("stm32uart:/dev/ttyUSB2"))
				.withSite(SiteAddress.parse("lpcisp:/dev/odd port\\name")).withAutoStart(true);

		changed.save();

		SiteList again = SiteList.load(station, Optional.empty());
		assertEquals(changed.sites(), again.sites());
		assertTrue(again.autoStart());
		String text = Files.readString(station.resolve("sites.properties"), StandardCharsets.UTF_8);
		assertTrue(text.contains("site.1=stm32uart:/dev/ttyUSB3\nsite.2=lpcisp:/dev/odd port\\\\name\nauto-start=true\n"),
				text);
		assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
				station.resolve("sites.properties"))));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"stie.2=stm32uart:/dev/ttyUSB1|unknown key 'stie.2'; the file has lines site.N=PROBE:PORT",
			"site.1=/dev/ttyUSB0|site.1: a site is PROBE:PORT such as stm32uart:/dev/ttyUSB0, not '/dev/ttyUSB0'",
			"auto-start=yes|auto-start is true or false, not 'yes'",
			"site.0=stm32uart:/dev/ttyUSB0|unknown key 'site.0'" })
	void mistakesInTheFileNameTheFileAndTheKey(String line, String message) throws Exception {
		write(line + "\n");

		IOException refused = assertThrows(IOException.class, () -> SiteList.load(station, Optional.empty()));

		assertTrue(refused.getMessage().startsWith(station.resolve("sites.properties") + ": " + message),
				refused.getMessage());
	}

	@Test
	void oneFixtureListedTwiceIsRefused() throws Exception {
		write("site.1=stm32uart:/dev/ttyUSB0\nsite.2=stm32uart:/dev/ttyUSB0\n");

		IOException refused = assertThrows(IOException.class, () -> SiteList.load(station, Optional.empty()));

		assertEquals(station.resolve("sites.properties") + ": site stm32uart:/dev/ttyUSB0 is listed twice; one fixture "
				+ "is one site", refused.getMessage());
		SiteList one = SiteList.load(station, Optional.of("stm32uart:/dev/ttyUSB0"));
		IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
				() -> one.withSite(SiteAddress.parse("stm32uart:/dev/ttyUSB0")));
		assertEquals("site stm32uart:/dev/ttyUSB0 is listed already", again.getMessage());
	}

	@Test
	void thePropertyGivesTheSitesOfOneRunAndLeavesTheFileAlone() throws Exception {
		write("this file is broken\n");

		SiteList sites = SiteList.load(station, Optional.of("stm32uart:/dev/ttyUSB0, lpcisp:/dev/ttyUSB1,"));

		assertEquals(List.of(SiteAddress.parse("stm32uart:/dev/ttyUSB0"), SiteAddress.parse("lpcisp:/dev/ttyUSB1")),
				sites.sites());
		assertEquals(Optional.empty(), sites.file());
		sites.withAutoStart(true).save();
		assertEquals("this file is broken\n", Files.readString(station.resolve("sites.properties")));
		IOException refused = assertThrows(IOException.class, () -> SiteList.load(station, Optional.of("ttyUSB0")));
		assertEquals("-Dmintage.sites: a site is PROBE:PORT such as stm32uart:/dev/ttyUSB0, not 'ttyUSB0'",
				refused.getMessage());
	}

	private void write(String text) throws IOException {
		Files.writeString(station.resolve("sites.properties"), text, StandardCharsets.UTF_8);
	}
}
