package io.mintage.mcu;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mintage.core.MemoryRegion;
import io.mintage.core.MemoryRegion.Kind;
import io.mintage.core.mcu.EraseKind;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.mcu.McuVariant.UidLocation;
import io.mintage.core.mcu.Protection;
import io.mintage.core.mcu.Quirk;
import io.mintage.core.mcu.RecordPlacement;
import io.mintage.core.mcu.SupplyRanges;
import io.mintage.mcu.json.Json;
import io.mintage.mcu.json.JsonSyntaxException;
import io.mintage.mcu.json.JsonValue;
import io.mintage.mcu.json.JsonValue.JsonArray;
import io.mintage.mcu.json.JsonValue.JsonBoolean;
import io.mintage.mcu.json.JsonValue.JsonNull;
import io.mintage.mcu.json.JsonValue.JsonNumber;
import io.mintage.mcu.json.JsonValue.JsonObject;
import io.mintage.mcu.json.JsonValue.JsonString;

/**
 * Reads and validates an MCU family descriptor (format in docs/adding-an-mcu.md). Everything a probe
 * or the production engine relies on is checked here, once, so they never meet a variant whose
 * sectors leave a hole in flash or whose UID lies in RAM. Every refusal is a
 * {@link McuDescriptorException} naming the file, line, field path and reason.
 */
public final class McuDescriptorReader {

	/** The fields a variant (or {@code defaults}) may have; {@code unverified} keys must be among them. */
	static final List<String> VARIANT_FIELDS = List.of("name", "deviceIds", "flash", "sectors", "writeGranularity",
			"erasedValue", "ram", "uid", "undocumentedUid", "flashSizeRegister", "bootloaderRam", "systemRegions",
			"record", "protection", "erase", "supplyRanges", "quirks", "unverified", "source");

	private static final Pattern FAMILY_ID = Pattern.compile("[a-z][a-z0-9]*");
	private static final Pattern QUIRK_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
	private static final Pattern HEX = Pattern.compile("0x([0-9A-Fa-f]{1,8})");
	private static final Pattern SCALED = Pattern.compile("([0-9]{1,7})([KM])");

	static final Map<String, Kind> SYSTEM_KINDS = Map.of("system", Kind.SYSTEM, "otp", Kind.OTP, "option-bytes",
			Kind.OPTION_BYTES);
	static final Map<String, UidLocation.Access> UID_ACCESS = Map.of("memory", UidLocation.Access.MEMORY,
			"isp-command", UidLocation.Access.ISP_COMMAND);
	/** The names are the placements' own persisted ids, which job packages use too. */
	static final Map<String, RecordPlacement> PLACEMENTS = Map.of(RecordPlacement.LAST_ERASE_UNIT.id(),
			RecordPlacement.LAST_ERASE_UNIT, RecordPlacement.OTP.id(), RecordPlacement.OTP);
	static final Map<String, EraseKind> ERASE_KINDS = Map.of("stm32-erase", EraseKind.STM32_ERASE,
			"stm32-extended-erase", EraseKind.STM32_EXTENDED_ERASE, "lpc-prepare-erase", EraseKind.LPC_PREPARE_ERASE);
	static final Map<String, Protection.Scheme> SCHEMES = Map.of("stm32-rdp", Protection.Scheme.STM32_RDP,
			"stm32f1-rdp", Protection.Scheme.STM32F1_RDP, "lpc-crp", Protection.Scheme.LPC_CRP);
	static final Map<String, Protection.SetBy> SET_BY = Map.of("default", Protection.SetBy.DEFAULT,
			"readout-protect-command", Protection.SetBy.READOUT_PROTECT_COMMAND, "readout-unprotect-command",
			Protection.SetBy.READOUT_UNPROTECT_COMMAND, "option-bytes", Protection.SetBy.OPTION_BYTES, "image-word",
			Protection.SetBy.IMAGE_WORD);
	static final Map<String, Protection.Policy> POLICIES = Map.of("allowed", Protection.Policy.ALLOWED,
			"explicit-only", Protection.Policy.EXPLICIT_ONLY, "refused", Protection.Policy.REFUSED);

	private final String file;

	private McuDescriptorReader(String file) {
		this.file = file;
	}

	/**
	 * Reads a descriptor from the bundle of {@code anchor} (the family's component class).
	 *
	 * @param resource path inside the bundle, e.g. {@code descriptor/stm32f1.json}
	 */
	public static McuDescriptor load(Class<?> anchor, String resource) {
		String file = displayName(anchor, resource);
		try (InputStream in = anchor.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new McuDescriptorException(file, 0, "", "the descriptor is not in the bundle (check build.properties bin.includes)");
			}
			return read(in.readNBytes(Json.MAX_LENGTH + 1), file);
		} catch (IOException e) {
			throw new McuDescriptorException(file, 0, "", "could not be read: " + e.getMessage());
		}
	}

	/** "bundle/resource" when running in OSGi, the resource path otherwise. */
	static String displayName(Class<?> anchor, String resource) {
		try {
			org.osgi.framework.Bundle bundle = org.osgi.framework.FrameworkUtil.getBundle(anchor);
			return bundle == null ? resource : bundle.getSymbolicName() + "/" + resource;
		} catch (NoClassDefFoundError notInOsgi) {
			return resource;
		}
	}

	/** @param file the name used in every error message */
	public static McuDescriptor read(byte[] content, String file) {
		JsonValue root;
		try {
			root = Json.parse(content);
		} catch (JsonSyntaxException e) {
			throw new McuDescriptorException(file, e.line(), e.path(), e.reason() + " (column " + e.column() + ")");
		}
		McuDescriptorReader reader = new McuDescriptorReader(file);
		return reader.descriptor(reader.new Node(root, ""));
	}

	private McuDescriptor descriptor(Node root) {
		Fields top = root.fields();
		Node formatNode = top.required("format");
		long format = formatNode.number();
		if (format != McuDescriptor.FORMAT) {
			throw formatNode.error("format " + format + " is not known; this version reads format " + McuDescriptor.FORMAT);
		}
		Node familyNode = top.required("family");
		String family = familyNode.text();
		if (!FAMILY_ID.matcher(family).matches()) {
			throw familyNode.error("\"" + family + "\" is not a family id: lower-case letters and digits, starting with a letter");
		}
		String displayName = top.required("name").text();
		String source = top.required("source").text();
		Optional<Node> defaultsNode = top.optional("defaults");
		Node variantsNode = top.required("variants");
		top.finish();

		Map<String, Node> defaults = new LinkedHashMap<>();
		if (defaultsNode.isPresent()) {
			Fields d = defaultsNode.get().fields();
			for (String forbidden : List.of("name", "deviceIds")) {
				Optional<Node> n = d.optional(forbidden);
				if (n.isPresent()) {
					throw n.get().error("\"" + forbidden + "\" belongs to each variant, not to the defaults");
				}
			}
			defaults.putAll(d.members);
		}

		List<Node> variantNodes = variantsNode.items();
		if (variantNodes.isEmpty()) {
			throw variantsNode.error("a family needs at least one variant");
		}
		List<McuVariant> variants = new ArrayList<>();
		Map<Long, String> idOwners = new HashMap<>();
		Set<String> names = new LinkedHashSet<>();
		for (Node variantNode : variantNodes) {
			McuVariant variant = variant(variantNode, defaults, idOwners);
			if (!names.add(variant.name())) {
				throw variantNode.fields().required("name").error("the name \"" + variant.name() + "\" is used by another variant");
			}
			variants.add(variant);
		}
		return new McuDescriptor(family, displayName, source, variants);
	}

	private McuVariant variant(Node node, Map<String, Node> defaults, Map<Long, String> idOwners) {
		Fields own = node.fields();
		Map<String, Node> merged = new LinkedHashMap<>(defaults);
		merged.putAll(own.members);
		// quirks and unverified notes add up; every other field of the variant replaces the default
		merged.remove("quirks");
		merged.remove("unverified");
		Fields f = new Fields(node, merged);

		Node nameNode = f.required("name");
		String name = nameNode.text();
		Node idsNode = f.required("deviceIds");
		List<Long> ids = new ArrayList<>();
		for (Node idNode : idsNode.items()) {
			long id = idNode.number(1, 0xFFFF_FFFFL);
			String owner = idOwners.putIfAbsent(id, name);
			if (owner != null) {
				throw idNode.error(String.format("device ID 0x%X is already the ID of variant \"%s\"; a probe could not tell them apart", id, owner));
			}
			ids.add(id);
		}
		if (ids.isEmpty()) {
			throw idsNode.error("a variant needs at least one device ID, or a probe can never recognise it");
		}
		Node flashNode = f.required("flash");
		MemoryRegion flash = region(flashNode, "flash", Kind.FLASH);
		Node sectorsNode = f.required("sectors");
		List<MemoryRegion> sectors = sectors(sectorsNode, flash);
		Node granularityNode = f.required("writeGranularity");
		int granularity = granularityNode.integer(1, 4096);
		if (Integer.bitCount(granularity) != 1) {
			throw granularityNode.error(granularity + " is not a power of two");
		}
		for (MemoryRegion sector : sectors) {
			if (sector.size() % granularity != 0) {
				throw granularityNode.error(granularity + " bytes does not divide the size of " + sector);
			}
		}
		int erasedValue = f.required("erasedValue").integer(0, 0xFF);
		Node ramNode = f.required("ram");
		MemoryRegion ram = region(ramNode, "RAM", Kind.RAM);
		if (overlaps(flash, ram)) {
			throw ramNode.error(ram + " overlaps " + flash);
		}
		Node systemNode = f.required("systemRegions");
		List<MemoryRegion> systemRegions = new ArrayList<>();
		for (Node regionNode : systemNode.items()) {
			MemoryRegion region = systemRegion(regionNode);
			if (overlaps(region, flash) || overlaps(region, ram)) {
				throw regionNode.error(region + " overlaps main flash or RAM");
			}
			for (MemoryRegion other : systemRegions) {
				if (overlaps(region, other)) {
					throw regionNode.error(region + " overlaps " + other);
				}
			}
			systemRegions.add(region);
		}

		Node uidNode = f.required("uid");
		Optional<UidLocation> uid = uid(uidNode, systemRegions);
		Optional<Node> undocumentedNode = f.optional("undocumentedUid");
		Optional<UidLocation> undocumentedUid = undocumentedNode.isPresent() ? uid(undocumentedNode.get(), systemRegions)
				: Optional.empty();

		Node sizeRegisterNode = f.required("flashSizeRegister");
		OptionalLong flashSizeRegister = OptionalLong.empty();
		if (!sizeRegisterNode.isNull()) {
			long address = sizeRegisterNode.number(0, 0xFFFF_FFFFL);
			if (systemRegions.stream().noneMatch(r -> r.kind() == Kind.SYSTEM && r.contains(address, address + 2))) {
				throw sizeRegisterNode.error(String.format(
						"0x%08X (2 bytes) is not inside a \"system\" region of systemRegions", address));
			}
			flashSizeRegister = OptionalLong.of(address);
		}

		List<MemoryRegion> bootloaderRam = new ArrayList<>();
		for (Node regionNode : f.required("bootloaderRam").items()) {
			MemoryRegion region = region(regionNode, "bootloader RAM", Kind.RAM);
			if (!ram.contains(region.start(), region.end())) {
				throw regionNode.error(region + " is not inside " + ram);
			}
			bootloaderRam.add(region);
		}

		Node recordNode = f.required("record");
		Fields record = recordNode.fields();
		Node defaultPlacementNode = record.required("default");
		RecordPlacement placement = defaultPlacementNode.choice(PLACEMENTS);
		Node optionsNode = record.required("options");
		record.finish();
		List<RecordPlacement> placements = new ArrayList<>();
		for (Node optionNode : optionsNode.items()) {
			RecordPlacement option = optionNode.choice(PLACEMENTS);
			if (placements.contains(option)) {
				throw optionNode.error("\"" + optionNode.text() + "\" is listed twice");
			}
			if (option == RecordPlacement.OTP && systemRegions.stream().noneMatch(r -> r.kind() == Kind.OTP)) {
				throw optionNode.error("OTP is offered but systemRegions lists no \"otp\" region");
			}
			if (option == RecordPlacement.LAST_ERASE_UNIT && sectors.size() < 2) {
				throw optionNode.error("flash has a single erase unit: the record would share it with the firmware's vector table");
			}
			placements.add(option);
		}
		if (!placements.contains(placement)) {
			throw defaultPlacementNode.error("the default \"" + defaultPlacementNode.text() + "\" is not among the options");
		}

		Protection protection = protection(f.required("protection"), flash, systemRegions);
		EraseKind eraseKind = f.required("erase").choice(ERASE_KINDS);
		Optional<Node> supplyNode = f.optional("supplyRanges");
		Optional<SupplyRanges> supplyRanges = supplyNode.isPresent()
				? Optional.of(supplyRanges(supplyNode.get(), flash, ram))
				: Optional.empty();
		String source = f.required("source").text();
		f.finish();

		List<Quirk> quirks = new ArrayList<>();
		Map<String, String> unverified = new LinkedHashMap<>();
		for (Node part : List.of(Optional.ofNullable(defaults.get("quirks")), own.optional("quirks")).stream()
				.flatMap(Optional::stream).toList()) {
			for (Node quirkNode : part.items()) {
				Quirk quirk = quirk(quirkNode);
				if (quirks.stream().anyMatch(q -> q.id().equals(quirk.id()))) {
					throw quirkNode.error("the quirk \"" + quirk.id() + "\" is listed twice for variant \"" + name + "\"");
				}
				quirks.add(quirk);
			}
		}
		for (Node part : List.of(Optional.ofNullable(defaults.get("unverified")), own.optional("unverified")).stream()
				.flatMap(Optional::stream).toList()) {
			Fields notes = part.fields();
			for (Map.Entry<String, Node> note : notes.members.entrySet()) {
				String field = note.getKey();
				String top = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
				if (!VARIANT_FIELDS.contains(top) || top.equals("unverified")) {
					throw note.getValue().error("\"" + field + "\" is not a variant field; unverified notes name one of " + VARIANT_FIELDS);
				}
				unverified.put(field, note.getValue().text());
			}
		}

		boolean undocumentedQuirk = quirks.stream().anyMatch(q -> q.id().equals(Quirk.UID_UNDOCUMENTED));
		if (uid.isEmpty() && !undocumentedQuirk) {
			throw uidNode.error("no UID and no \"" + Quirk.UID_UNDOCUMENTED + "\" quirk saying why: UID-bound records need one or the other");
		}
		if (undocumentedNode.isPresent()) {
			if (uid.isPresent()) {
				throw undocumentedNode.get().error("a variant with a documented uid has no undocumentedUid");
			}
			if (!undocumentedQuirk) {
				throw undocumentedNode.get().error("an undocumentedUid needs the \"" + Quirk.UID_UNDOCUMENTED + "\" quirk explaining the risk");
			}
		}

		return new McuVariant(name, ids, flash, sectors, granularity, erasedValue, ram, uid, undocumentedUid,
				flashSizeRegister, bootloaderRam, systemRegions, placement, placements, protection, eraseKind, quirks,
				unverified, source, supplyRanges);
	}

	/**
	 * {@code {"address": "0xFFFF0000", "ranges": [{"fromMillivolts": 2700, "toMillivolts": 3600, "code":
	 * "0x03", "programWidth": 4}, …]}}: ascending, not overlapping, each code once.
	 */
	private SupplyRanges supplyRanges(Node node, MemoryRegion flash, MemoryRegion ram) {
		Fields f = node.fields();
		Node addressNode = f.required("address");
		long address = addressNode.number(0, 0xFFFF_FFFCL);
		Node rangesNode = f.required("ranges");
		f.finish();
		if (address % 4 != 0 || flash.contains(address, address + 4) || ram.contains(address, address + 4)) {
			throw addressNode.error(String.format(
					"0x%08X is not a word-aligned location outside main flash and RAM, as the bootloader's virtual one is",
					address));
		}
		List<SupplyRanges.Range> ranges = new ArrayList<>();
		Set<Integer> codes = new LinkedHashSet<>();
		for (Node rangeNode : rangesNode.items()) {
			Fields r = rangeNode.fields();
			Node fromNode = r.required("fromMillivolts");
			int from = fromNode.integer(1000, 5500);
			Node toNode = r.required("toMillivolts");
			int to = toNode.integer(1000, 5500);
			Node codeNode = r.required("code");
			int code = codeNode.integer(0, 0xFF);
			Node widthNode = r.required("programWidth");
			int width = widthNode.integer(1, 8);
			r.finish();
			if (to <= from) {
				throw toNode.error(to + " mV is not above fromMillivolts (" + from + " mV)");
			}
			if (Integer.bitCount(width) != 1) {
				throw widthNode.error(width + " bytes is not a program width (1, 2, 4 or 8)");
			}
			if (!codes.add(code)) {
				throw codeNode.error(String.format("the code 0x%02X selects another range already", code));
			}
			if (!ranges.isEmpty() && from < ranges.get(ranges.size() - 1).toMillivolts()) {
				throw fromNode.error(from + " mV starts inside the range before (up to "
						+ ranges.get(ranges.size() - 1).toMillivolts() + " mV): ranges go up and do not overlap");
			}
			ranges.add(new SupplyRanges.Range(from, to, code, width));
		}
		if (ranges.isEmpty()) {
			throw rangesNode.error("at least one supply range is needed");
		}
		return new SupplyRanges(address, ranges);
	}

	private MemoryRegion region(Node node, String name, Kind kind) {
		Fields f = node.fields();
		Node startNode = f.required("start");
		long start = startNode.number(0, 0xFFFF_FFFFL);
		Node sizeNode = f.required("size");
		long size = sizeNode.number(1, 1L << 32);
		f.finish();
		if (start + size > 1L << 32) {
			throw sizeNode.error(String.format("0x%X + 0x%X bytes runs past the end of the 32-bit address space", start, size));
		}
		return new MemoryRegion(name, kind, start, size);
	}

	private MemoryRegion systemRegion(Node node) {
		Fields f = node.fields();
		String name = f.required("name").text();
		Kind kind = f.required("kind").choice(SYSTEM_KINDS);
		Node startNode = f.required("start");
		long start = startNode.number(0, 0xFFFF_FFFFL);
		Node sizeNode = f.required("size");
		long size = sizeNode.number(1, 1L << 32);
		f.finish();
		if (start + size > 1L << 32) {
			throw sizeNode.error(String.format("0x%X + 0x%X bytes runs past the end of the 32-bit address space", start, size));
		}
		return new MemoryRegion(name, kind, start, size);
	}

	private List<MemoryRegion> sectors(Node node, MemoryRegion flash) {
		Fields f = node.fields();
		Optional<Node> uniform = f.optional("uniform");
		Optional<Node> runs = f.optional("runs");
		f.finish();
		if (uniform.isPresent() == runs.isPresent()) {
			throw node.error("give either \"uniform\" (one page size) or \"runs\" (sizes and counts), exactly one of them");
		}
		List<MemoryRegion> sectors = new ArrayList<>();
		long address = flash.start();
		if (uniform.isPresent()) {
			long page = uniform.get().number(1, flash.size());
			if (flash.size() % page != 0) {
				throw uniform.get().error(page + " bytes does not divide the flash size of " + flash.size() + " bytes");
			}
			for (int i = 0; address < flash.end(); i++, address += page) {
				sectors.add(new MemoryRegion("page " + i, Kind.FLASH, address, page));
			}
			return sectors;
		}
		List<Node> runNodes = runs.get().items();
		if (runNodes.isEmpty()) {
			throw runs.get().error("at least one run of sectors is needed");
		}
		int index = 0;
		for (Node runNode : runNodes) {
			Fields run = runNode.fields();
			Node sizeNode = run.required("size");
			long size = sizeNode.number(1, flash.size());
			int count = run.required("count").integer(1, 4096);
			run.finish();
			for (int i = 0; i < count; i++, index++, address += size) {
				if (address + size > flash.end()) {
					throw runNode.error(String.format("sector %d (0x%08X + %d bytes) runs past the end of flash at 0x%08X",
							index, address, size, flash.end()));
				}
				sectors.add(new MemoryRegion("sector " + index, Kind.FLASH, address, size));
			}
		}
		if (address != flash.end()) {
			throw runs.get().error(String.format("the sectors end at 0x%08X but flash ends at 0x%08X: they must cover it exactly",
					address, flash.end()));
		}
		return sectors;
	}

	private Optional<UidLocation> uid(Node node, List<MemoryRegion> systemRegions) {
		if (node.isNull()) {
			return Optional.empty();
		}
		Fields f = node.fields();
		UidLocation.Access access = f.required("access").choice(UID_ACCESS);
		Node lengthNode = f.required("length");
		int length = lengthNode.integer(1, 16);
		Optional<Node> addressNode = f.optional("address");
		f.finish();
		if (access == UidLocation.Access.ISP_COMMAND) {
			if (addressNode.isPresent()) {
				throw addressNode.get().error("a UID read by an ISP command has no address");
			}
			return Optional.of(new UidLocation(0, length, access));
		}
		if (addressNode.isEmpty()) {
			throw node.error("a UID read from memory needs an \"address\"");
		}
		long address = addressNode.get().number(0, 0xFFFF_FFFFL);
		if (systemRegions.stream().noneMatch(r -> (r.kind() == Kind.SYSTEM || r.kind() == Kind.OTP)
				&& r.contains(address, address + length))) {
			throw addressNode.get().error(String.format(
					"0x%08X + %d bytes is not inside a \"system\" or \"otp\" region of systemRegions", address, length));
		}
		return Optional.of(new UidLocation(address, length, access));
	}

	private Protection protection(Node node, MemoryRegion flash, List<MemoryRegion> systemRegions) {
		Fields f = node.fields();
		Protection.Scheme scheme = f.required("scheme").choice(SCHEMES);
		Node addressNode = f.required("address");
		long address = addressNode.number(0, 0xFFFF_FFFFL);
		Node widthNode = f.required("width");
		int width = widthNode.integer(1, 4);
		Node levelsNode = f.required("levels");
		f.finish();
		if (Integer.bitCount(width) != 1) {
			throw widthNode.error(width + " is not 1, 2 or 4 bytes");
		}
		if (scheme == Protection.Scheme.LPC_CRP) {
			if (!flash.contains(address, address + width)) {
				throw addressNode.error(String.format("the CRP word at 0x%08X is not inside %s", address, flash));
			}
		} else if (systemRegions.stream().noneMatch(r -> r.kind() == Kind.OPTION_BYTES && r.contains(address, address + width))) {
			throw addressNode.error(String.format("the RDP setting at 0x%08X is not inside an \"option-bytes\" region", address));
		}
		List<Protection.Level> levels = new ArrayList<>();
		boolean other = false;
		for (Node levelNode : levelsNode.items()) {
			Fields l = levelNode.fields();
			String name = l.required("name").text();
			Node rankNode = l.required("rank");
			int rank = rankNode.integer(0, 15);
			Node valueNode = l.required("value");
			OptionalLong value;
			if (valueNode.value instanceof JsonString s && s.value().equals("other")) {
				if (other) {
					throw valueNode.error("only one level can be \"other\" (any value no other level names)");
				}
				other = true;
				value = OptionalLong.empty();
			} else {
				long v = valueNode.number(0, (1L << (8 * width)) - 1);
				if (levels.stream().anyMatch(x -> x.value().isPresent() && x.value().getAsLong() == v)) {
					throw valueNode.error(String.format("0x%X is already the value of another level", v));
				}
				value = OptionalLong.of(v);
			}
			Protection.SetBy setBy = l.required("setBy").choice(SET_BY);
			Protection.Policy policy = l.required("policy").choice(POLICIES);
			String effect = l.required("effect").text();
			l.finish();
			if (!levels.isEmpty() && rank < levels.get(levels.size() - 1).rank()) {
				throw rankNode.error("levels are listed from least to most protected; rank " + rank + " comes after rank "
						+ levels.get(levels.size() - 1).rank());
			}
			levels.add(new Protection.Level(name, rank, value, setBy, policy, effect));
		}
		if (levels.isEmpty()) {
			throw levelsNode.error("at least the unprotected level is needed");
		}
		return new Protection(scheme, address, width, levels);
	}

	private Quirk quirk(Node node) {
		Fields f = node.fields();
		Node idNode = f.required("id");
		String id = idNode.text();
		if (!QUIRK_ID.matcher(id).matches()) {
			throw idNode.error("\"" + id + "\" is not a quirk id: lower-case words joined by '-'");
		}
		String text = f.required("text").text();
		boolean verified = f.required("verified").bool();
		String source = f.required("source").text();
		f.finish();
		return new Quirk(id, text, verified, source);
	}

	private static boolean overlaps(MemoryRegion a, MemoryRegion b) {
		return a.start() < b.end() && b.start() < a.end();
	}

	/** A value and where it is: everything needed to refuse it in words. */
	private final class Node {
		final JsonValue value;
		final String path;

		Node(JsonValue value, String path) {
			this.value = value;
			this.path = path;
		}

		McuDescriptorException error(String reason) {
			return new McuDescriptorException(file, value.line(), path, reason);
		}

		boolean isNull() {
			return value instanceof JsonNull;
		}

		Fields fields() {
			if (!(value instanceof JsonObject object)) {
				throw error("must be an object { … }, found " + value.kind());
			}
			Map<String, Node> members = new LinkedHashMap<>();
			object.members().forEach((k, v) -> members.put(k, new Node(v, path.isEmpty() ? k : path + "." + k)));
			return new Fields(this, members);
		}

		List<Node> items() {
			if (!(value instanceof JsonArray array)) {
				throw error("must be an array [ … ], found " + value.kind());
			}
			List<Node> items = new ArrayList<>();
			for (int i = 0; i < array.items().size(); i++) {
				items.add(new Node(array.items().get(i), path + "[" + i + "]"));
			}
			return items;
		}

		String text() {
			if (!(value instanceof JsonString s)) {
				throw error("must be a string, found " + value.kind());
			}
			if (s.value().isBlank()) {
				throw error("must not be empty");
			}
			return s.value();
		}

		boolean bool() {
			if (!(value instanceof JsonBoolean b)) {
				throw error("must be true or false, found " + value.kind());
			}
			return b.value();
		}

		/** A whole number, "0x…" hexadecimal, or a size such as "16K" / "1M" (binary units). */
		long number() {
			if (value instanceof JsonNumber n) {
				return n.value();
			}
			if (value instanceof JsonString s) {
				Matcher hex = HEX.matcher(s.value());
				if (hex.matches()) {
					return Long.parseLong(hex.group(1), 16);
				}
				Matcher scaled = SCALED.matcher(s.value());
				if (scaled.matches()) {
					return Long.parseLong(scaled.group(1)) * (scaled.group(2).equals("K") ? 1024 : 1024 * 1024);
				}
				throw error("\"" + s.value() + "\" is not a number: write 1234, \"0x1FFF\" (up to 8 hex digits), \"16K\" or \"1M\"");
			}
			throw error("must be a number, found " + value.kind());
		}

		long number(long min, long max) {
			long n = number();
			if (n < min || n > max) {
				throw error(String.format("%d (0x%X) is outside %d..%d", n, n, min, max));
			}
			return n;
		}

		int integer(int min, int max) {
			return (int) number(min, max);
		}

		<E> E choice(Map<String, E> choices) {
			String word = text();
			E choice = choices.get(word);
			if (choice == null) {
				throw error("\"" + word + "\" is not one of " + choices.keySet().stream().sorted().toList());
			}
			return choice;
		}
	}

	/** The fields of one object, so that a missing field and an unknown one are both refused. */
	private final class Fields {
		final Node owner;
		final Map<String, Node> members;
		final Set<String> known = new LinkedHashSet<>();

		Fields(Node owner, Map<String, Node> members) {
			this.owner = owner;
			this.members = members;
		}

		Node required(String name) {
			known.add(name);
			Node node = members.get(name);
			if (node == null) {
				throw new McuDescriptorException(file, owner.value.line(), owner.path.isEmpty() ? name : owner.path + "." + name,
						"the field is missing");
			}
			return node;
		}

		Optional<Node> optional(String name) {
			known.add(name);
			return Optional.ofNullable(members.get(name));
		}

		void finish() {
			for (Map.Entry<String, Node> member : members.entrySet()) {
				if (!known.contains(member.getKey())) {
					throw member.getValue().error("unknown field \"" + member.getKey() + "\"; known here: " + known);
				}
			}
		}
	}
}
