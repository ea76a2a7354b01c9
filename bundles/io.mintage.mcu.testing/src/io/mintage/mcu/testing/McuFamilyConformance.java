package io.mintage.mcu.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.mintage.core.MemoryRegion;
import io.mintage.core.mcu.McuFamily;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.mcu.McuVariant.UidLocation;
import io.mintage.core.mcu.Protection;
import io.mintage.core.mcu.Quirk;
import io.mintage.core.mcu.RecordPlacement;
import io.mintage.mcu.DescribedMcuFamily;
import io.mintage.mcu.McuDescriptor;
import io.mintage.mcu.McuDescriptorException;
import io.mintage.mcu.McuDescriptorReader;
import io.mintage.mcu.McuDescriptorWriter;
import io.mintage.mcu.json.Json;
import io.mintage.mcu.json.JsonValue;

/**
 * What every MCU family bundle must satisfy. A family's test fragment subclasses this, names its family
 * id and adds tests of the facts that matter for that family. The family is taken from the OSGi service
 * registry, as the products find it, never constructed by hand.
 */
public abstract class McuFamilyConformance {

	/** A device record, version 1 (docs/formats.md): every offered place must hold one. */
	public static final int DEVICE_RECORD_SIZE = 304;

	private static final long SERVICE_WAIT_MS = 5_000;

	private ServiceTracker<McuFamily, McuFamily> tracker;
	private BundleContext context;

	/** The family under test, e.g. {@code stm32f1}. */
	protected abstract String familyId();

	/** The family service, found by {@link McuFamily#ID}; available in every test. */
	protected McuFamily family;

	@BeforeEach
	final void findFamilyService() throws InvalidSyntaxException, InterruptedException {
		context = FrameworkUtil.getBundle(getClass()).getBundleContext();
		String filter = "(&(objectClass=" + McuFamily.class.getName() + ")(" + McuFamily.ID + "=" + familyId() + "))";
		tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
		tracker.open();
		family = tracker.waitForService(SERVICE_WAIT_MS);
		assertNotNull(family, "no McuFamily service with " + McuFamily.ID + "=" + familyId() + " within "
				+ SERVICE_WAIT_MS + " ms: is the bundle in the test runtime, is Felix SCR running, is the descriptor valid?");
	}

	@AfterEach
	final void closeTracker() {
		tracker.close();
	}

	protected final DescribedMcuFamily described() {
		assertTrue(family instanceof DescribedMcuFamily, "the family is not a DescribedMcuFamily, so the kit cannot read its descriptor");
		return (DescribedMcuFamily) family;
	}

	protected final byte[] descriptorBytes() throws IOException {
		DescribedMcuFamily described = described();
		try (InputStream in = described.descriptorAnchor().getClassLoader()
				.getResourceAsStream(described.descriptorResource())) {
			assertNotNull(in, described.descriptorResource() + " is not in the bundle");
			return in.readAllBytes();
		}
	}

	@Test
	final void exactlyOneServiceHasTheFamilyProperty() throws InvalidSyntaxException {
		Collection<ServiceReference<McuFamily>> references = context.getServiceReferences(McuFamily.class,
				"(" + McuFamily.ID + "=" + familyId() + ")");
		assertEquals(1, references.size(), "services registered with " + McuFamily.ID + "=" + familyId());
	}

	@Test
	final void idMatchesTheServicePropertyAndHasAName() {
		assertEquals(familyId(), family.id());
		assertFalse(family.displayName().isBlank(), "display name");
		assertFalse(family.variants().isEmpty(), "variants");
	}

	@Test
	final void sectorsAreContiguousInsideFlashAndCoverIt() {
		for (McuVariant v : family.variants()) {
			assertFalse(v.sectors().isEmpty(), v.name() + ": no sectors");
			long next = v.flash().start();
			for (MemoryRegion sector : v.sectors()) {
				assertEquals(next, sector.start(), v.name() + ": gap or overlap before " + sector);
				assertTrue(v.flash().contains(sector.start(), sector.end()), v.name() + ": " + sector + " outside flash");
				next = sector.end();
			}
			assertEquals(v.flash().end(), next, v.name() + ": sectors do not reach the end of flash");
		}
	}

	@Test
	final void writeGranularityDividesEverySectorAndErasedValueIsAByte() {
		for (McuVariant v : family.variants()) {
			assertTrue(v.writeGranularity() > 0 && Integer.bitCount(v.writeGranularity()) == 1, v.name());
			for (MemoryRegion sector : v.sectors()) {
				assertEquals(0, sector.size() % v.writeGranularity(), v.name() + ": " + sector);
			}
			assertTrue(v.erasedValue() >= 0 && v.erasedValue() <= 0xFF, v.name());
		}
	}

	@Test
	final void everyRecordPlaceHoldsARecordAndStaysClearOfTheImageStart() {
		for (McuVariant v : family.variants()) {
			assertTrue(v.recordPlacements().contains(v.recordPlacement()), v.name());
			for (RecordPlacement placement : v.recordPlacements()) {
				MemoryRegion region = v.recordRegion(placement);
				assertTrue(region.size() >= DEVICE_RECORD_SIZE, v.name() + ": " + region + " is smaller than a record");
				if (placement == RecordPlacement.OTP) {
					assertEquals(MemoryRegion.Kind.OTP, region.kind(), v.name());
				} else {
					assertTrue(v.flash().contains(region.start(), region.end()), v.name() + ": " + region + " outside flash");
					MemoryRegion first = v.sectors().get(0);
					assertTrue(region.start() >= first.end(),
							v.name() + ": the record's " + region + " shares the first erase unit with the vector table");
				}
			}
		}
	}

	@Test
	final void recordStaysInsideASmallerReportedFlash() {
		for (McuVariant v : family.variants()) {
			long half = v.flash().size() / 2;
			if (v.sectorAt(v.flash().start() + half).map(s -> s.start() == v.flash().start() + half).orElse(false)) {
				McuVariant small = v.forFlashSize(half);
				assertEquals(half, small.flash().size(), v.name());
				MemoryRegion record = small.recordRegion(RecordPlacement.LAST_ERASE_UNIT);
				assertEquals(small.flash().end(), record.end(), v.name() + ": the record is not in the last erase unit");
			}
		}
	}

	@Test
	final void uidIsInASystemAreaOrAbsentWithTheQuirk() {
		for (McuVariant v : family.variants()) {
			if (v.uid().isEmpty()) {
				assertTrue(v.hasQuirk(Quirk.UID_UNDOCUMENTED),
						v.name() + ": no UID and no \"" + Quirk.UID_UNDOCUMENTED + "\" quirk telling a job why");
				v.undocumentedUid().ifPresent(uid -> assertUidInSystemArea(v, uid));
				continue;
			}
			UidLocation uid = v.uid().get();
			assertTrue(uid.length() >= 1 && uid.length() <= 16, v.name() + ": a record holds 1-16 UID bytes");
			if (uid.access() == UidLocation.Access.MEMORY) {
				assertUidInSystemArea(v, uid);
			}
		}
	}

	private static void assertUidInSystemArea(McuVariant v, UidLocation uid) {
		long end = uid.address() + uid.length();
		assertFalse(v.flash().contains(uid.address()) || v.ram().contains(uid.address()), v.name() + ": UID in flash or RAM");
		assertTrue(v.systemRegions().stream().anyMatch(r -> (r.kind() == MemoryRegion.Kind.SYSTEM
				|| r.kind() == MemoryRegion.Kind.OTP) && r.contains(uid.address(), end)), v.name() + ": UID outside every system/ID area");
	}

	@Test
	final void deviceIdsAreUniqueAcrossVariantsAndFindTheirVariant() {
		Map<Long, String> owners = new HashMap<>();
		for (McuVariant v : family.variants()) {
			assertFalse(v.deviceIds().isEmpty(), v.name());
			for (long id : v.deviceIds()) {
				String other = owners.put(id, v.name());
				if (other != null) {
					fail(String.format("device ID 0x%X belongs to both %s and %s", id, other, v.name()));
				}
				assertSame(v, family.variantForDeviceId(id).orElseThrow(), v.name());
			}
		}
	}

	@Test
	final void bootloaderRamAndSystemRegionsStayOutOfTheWay() {
		for (McuVariant v : family.variants()) {
			for (MemoryRegion r : v.bootloaderRam()) {
				assertTrue(v.ram().contains(r.start(), r.end()), v.name() + ": bootloader " + r + " outside RAM");
			}
			for (MemoryRegion r : v.systemRegions()) {
				assertFalse(overlaps(r, v.flash()) || overlaps(r, v.ram()), v.name() + ": " + r + " overlaps flash or RAM");
			}
			v.flashSizeRegister().ifPresent(a -> assertTrue(v.systemRegions().stream().anyMatch(r -> r.contains(a, a + 2)),
					v.name() + ": flash-size register outside the system regions"));
		}
	}

	@Test
	final void protectionStartsOpenAndNamesEveryValueOnce() {
		for (McuVariant v : family.variants()) {
			List<Protection.Level> levels = v.protection().levels();
			assertFalse(levels.isEmpty(), v.name() + ": no protection levels");
			assertEquals(0, levels.get(0).rank(), v.name());
			assertEquals(Protection.Policy.ALLOWED, levels.get(0).policy(), v.name() + ": the open level must be allowed");
			assertTrue(levels.stream().filter(l -> l.value().isEmpty()).count() <= 1, v.name());
			for (Protection.Level level : levels) {
				level.value().ifPresent(value -> assertSame(level, v.protection().levelOf(value).orElseThrow(), v.name()));
			}
		}
	}

	@Test
	final void descriptorRoundTripsThroughTheWriter() throws IOException {
		McuDescriptor loaded = described().descriptor();
		String written = McuDescriptorWriter.write(loaded);
		assertEquals(loaded, McuDescriptorReader.read(written.getBytes(StandardCharsets.UTF_8), "written"));
		assertEquals(loaded, McuDescriptorReader.read(descriptorBytes(), "again"), "the file reads the same twice");
		assertEquals(family.variants(), loaded.variants());
	}

	/** One deliberate break of an expanded copy of the family's own descriptor, and the field it must name. */
	public record Mutation(String description, String field, UnaryOperator<JsonValue> apply) {
		@Override
		public String toString() {
			return description;
		}
	}

	static Stream<Mutation> mutations() {
		return Stream.of(
				new Mutation("family missing", "family", root -> JsonPaths.remove(root, "family")),
				new Mutation("unknown format", "format", root -> JsonPaths.set(root, "format", JsonPaths.value("2"))),
				new Mutation("write granularity not a power of two", "variants[0].writeGranularity",
						root -> JsonPaths.set(root, "variants[0].writeGranularity", JsonPaths.value("3"))),
				new Mutation("flash size not a number", "variants[0].flash.size",
						root -> JsonPaths.set(root, "variants[0].flash.size", JsonPaths.value("\"lots\""))),
				new Mutation("sectors do not cover flash", "variants[0].sectors.runs",
						root -> JsonPaths.set(root, "variants[0].sectors",
								JsonPaths.value("{\"runs\": [{\"size\": 256, \"count\": 1}]}"))),
				new Mutation("unknown field", "variants[0].colour",
						root -> JsonPaths.set(root, "variants[0].colour", JsonPaths.value("\"blue\""))),
				new Mutation("device ID used twice", "deviceIds[0]", root -> {
					JsonValue copy = JsonPaths.set(JsonPaths.get(root, "variants[0]"), "name", JsonPaths.value("\"copy\""));
					int end = ((JsonValue.JsonArray) JsonPaths.get(root, "variants")).items().size();
					return JsonPaths.set(root, "variants[" + end + "]", copy);
				}),
				new Mutation("UID in RAM", "variants[0].uid.address", root -> JsonPaths.set(root, "variants[0].uid",
						JsonPaths.value("{\"access\": \"memory\", \"address\": "
								+ Json.write(JsonPaths.get(root, "variants[0].ram.start")).trim() + ", \"length\": 12}"))),
				new Mutation("erased value not a byte", "variants[0].erasedValue",
						root -> JsonPaths.set(root, "variants[0].erasedValue", JsonPaths.value("256"))),
				new Mutation("unknown protection scheme", "variants[0].protection.scheme",
						root -> JsonPaths.set(root, "variants[0].protection.scheme", JsonPaths.value("\"magic\""))),
				new Mutation("default record place not offered", "variants[0].record.default",
						root -> JsonPaths.set(root, "variants[0].record.options", JsonPaths.value("[]"))),
				new Mutation("bootloader RAM outside RAM", "variants[0].bootloaderRam[0]",
						root -> JsonPaths.set(root, "variants[0].bootloaderRam[0]",
								JsonPaths.value("{\"start\": \"0x40000000\", \"size\": 16}"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("mutations")
	final void aBrokenCopyOfTheDescriptorIsRefusedNamingFileAndField(Mutation mutation) {
		JsonValue expanded = McuDescriptorWriter.toJson(described().descriptor());
		byte[] broken = Json.write(mutation.apply().apply(expanded)).getBytes(StandardCharsets.UTF_8);
		String file = "broken-" + familyId() + ".json";
		McuDescriptorException e = assertThrows(McuDescriptorException.class, () -> McuDescriptorReader.read(broken, file),
				mutation.description());
		assertEquals(file, e.file(), e.getMessage());
		assertTrue(e.field().endsWith(mutation.field()), "expected the field " + mutation.field() + " in: " + e.getMessage());
		assertTrue(e.line() > 0, "no line in: " + e.getMessage());
		assertTrue(e.getMessage().startsWith(file + ", line "), e.getMessage());
	}

	@Test
	final void aSyntaxErrorInTheDescriptorNamesFileAndLine() throws IOException {
		String text = new String(descriptorBytes(), StandardCharsets.UTF_8);
		int last = text.lastIndexOf('}');
		String broken = text.substring(0, last) + ",\n}";
		McuDescriptorException e = assertThrows(McuDescriptorException.class,
				() -> McuDescriptorReader.read(broken.getBytes(StandardCharsets.UTF_8), "trailing-comma.json"));
		assertTrue(e.getMessage().startsWith("trailing-comma.json, line "), e.getMessage());
		assertTrue(e.reason().contains("trailing commas"), e.getMessage());
	}

	private static boolean overlaps(MemoryRegion a, MemoryRegion b) {
		return a.start() < b.end() && b.start() < a.end();
	}
}
