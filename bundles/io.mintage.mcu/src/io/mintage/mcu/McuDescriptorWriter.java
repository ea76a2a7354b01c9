package io.mintage.mcu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.mintage.core.MemoryRegion;
import io.mintage.core.mcu.McuVariant;
import io.mintage.core.mcu.McuVariant.UidLocation;
import io.mintage.core.mcu.Protection;
import io.mintage.core.mcu.Quirk;
import io.mintage.core.mcu.SupplyRanges;
import io.mintage.mcu.json.Json;
import io.mintage.mcu.json.JsonValue;
import io.mintage.mcu.json.JsonValue.JsonArray;
import io.mintage.mcu.json.JsonValue.JsonBoolean;
import io.mintage.mcu.json.JsonValue.JsonNull;
import io.mintage.mcu.json.JsonValue.JsonNumber;
import io.mintage.mcu.json.JsonValue.JsonObject;
import io.mintage.mcu.json.JsonValue.JsonString;

/**
 * Writes a descriptor back as text, every variant spelled out (no {@code defaults}). Reading the
 * output gives an equal {@link McuDescriptor}: the conformance kit checks that round trip, which
 * proves the reader loses nothing a family wrote.
 */
public final class McuDescriptorWriter {

	private McuDescriptorWriter() {
	}

	public static String write(McuDescriptor descriptor) {
		return Json.write(toJson(descriptor));
	}

	public static JsonObject toJson(McuDescriptor descriptor) {
		Map<String, JsonValue> top = new LinkedHashMap<>();
		top.put("format", number(McuDescriptor.FORMAT));
		top.put("family", string(descriptor.family()));
		top.put("name", string(descriptor.displayName()));
		top.put("source", string(descriptor.source()));
		List<JsonValue> variants = new ArrayList<>();
		for (McuVariant variant : descriptor.variants()) {
			variants.add(variant(variant));
		}
		top.put("variants", new JsonArray(variants, 0));
		return new JsonObject(top, 0);
	}

	private static JsonObject variant(McuVariant v) {
		Map<String, JsonValue> m = new LinkedHashMap<>();
		m.put("name", string(v.name()));
		m.put("deviceIds", new JsonArray(v.deviceIds().stream().map(id -> (JsonValue) hex(id)).toList(), 0));
		m.put("flash", region(v.flash()));
		m.put("sectors", sectors(v.sectors()));
		m.put("writeGranularity", number(v.writeGranularity()));
		m.put("erasedValue", hex(v.erasedValue()));
		m.put("ram", region(v.ram()));
		m.put("uid", uid(v.uid()));
		if (v.undocumentedUid().isPresent()) {
			m.put("undocumentedUid", uid(v.undocumentedUid()));
		}
		m.put("flashSizeRegister", v.flashSizeRegister().isPresent() ? hex(v.flashSizeRegister().getAsLong()) : new JsonNull(0));
		m.put("bootloaderRam", new JsonArray(v.bootloaderRam().stream().map(r -> (JsonValue) region(r)).toList(), 0));
		m.put("systemRegions", new JsonArray(v.systemRegions().stream().map(McuDescriptorWriter::systemRegion).toList(), 0));
		Map<String, JsonValue> record = new LinkedHashMap<>();
		record.put("default", string(key(McuDescriptorReader.PLACEMENTS, v.recordPlacement())));
		record.put("options", new JsonArray(
				v.recordPlacements().stream().map(p -> (JsonValue) string(key(McuDescriptorReader.PLACEMENTS, p))).toList(), 0));
		m.put("record", new JsonObject(record, 0));
		m.put("protection", protection(v.protection()));
		m.put("erase", string(key(McuDescriptorReader.ERASE_KINDS, v.eraseKind())));
		v.supplyRanges().ifPresent(supply -> m.put("supplyRanges", supplyRanges(supply)));
		m.put("quirks", new JsonArray(v.quirks().stream().map(McuDescriptorWriter::quirk).toList(), 0));
		Map<String, JsonValue> notes = new LinkedHashMap<>();
		new TreeMap<>(v.unverified()).forEach((field, why) -> notes.put(field, string(why)));
		m.put("unverified", new JsonObject(notes, 0));
		m.put("source", string(v.source()));
		return new JsonObject(m, 0);
	}

	private static JsonValue supplyRanges(SupplyRanges supply) {
		Map<String, JsonValue> m = new LinkedHashMap<>();
		m.put("address", hex(supply.address()));
		List<JsonValue> ranges = new ArrayList<>();
		for (SupplyRanges.Range range : supply.ranges()) {
			Map<String, JsonValue> r = new LinkedHashMap<>();
			r.put("fromMillivolts", number(range.fromMillivolts()));
			r.put("toMillivolts", number(range.toMillivolts()));
			r.put("code", hex(range.code()));
			r.put("programWidth", number(range.programWidth()));
			ranges.add(new JsonObject(r, 0));
		}
		m.put("ranges", new JsonArray(ranges, 0));
		return new JsonObject(m, 0);
	}

	private static JsonValue sectors(List<MemoryRegion> sectors) {
		Map<String, JsonValue> m = new LinkedHashMap<>();
		// The reader names uniform pages "page n" and listed sectors "sector n"; keep the same spelling.
		if (!sectors.isEmpty() && sectors.get(0).name().startsWith("page ")) {
			m.put("uniform", size(sectors.get(0).size()));
			return new JsonObject(m, 0);
		}
		List<JsonValue> runs = new ArrayList<>();
		int i = 0;
		while (i < sectors.size()) {
			long size = sectors.get(i).size();
			int count = 0;
			while (i < sectors.size() && sectors.get(i).size() == size) {
				i++;
				count++;
			}
			Map<String, JsonValue> run = new LinkedHashMap<>();
			run.put("size", size(size));
			run.put("count", number(count));
			runs.add(new JsonObject(run, 0));
		}
		m.put("runs", new JsonArray(runs, 0));
		return new JsonObject(m, 0);
	}

	private static JsonValue region(MemoryRegion r) {
		Map<String, JsonValue> m = new LinkedHashMap<>();
		m.put("start", hex(r.start()));
		m.put("size", size(r.size()));
		return new JsonObject(m, 0);
	}

	private static JsonValue systemRegion(MemoryRegion r) {
		Map<String, JsonValue> m = new LinkedHashMap<>();
		m.put("name", string(r.name()));
		m.put("kind", string(key(McuDescriptorReader.SYSTEM_KINDS, r.kind())));
		m.put("start", hex(r.start()));
		m.put("size", size(r.size()));
		return new JsonObject(m, 0);
	}

	private static JsonValue uid(Optional<UidLocation> uid) {
		if (uid.isEmpty()) {
			return new JsonNull(0);
		}
		Map<String, JsonValue> m = new LinkedHashMap<>();
		m.put("access", string(key(McuDescriptorReader.UID_ACCESS, uid.get().access())));
		if (uid.get().access() == UidLocation.Access.MEMORY) {
			m.put("address", hex(uid.get().address()));
		}
		m.put("length", number(uid.get().length()));
		return new JsonObject(m, 0);
	}

	private static JsonValue protection(Protection p) {
		Map<String, JsonValue> m = new LinkedHashMap<>();
		m.put("scheme", string(key(McuDescriptorReader.SCHEMES, p.scheme())));
		m.put("address", hex(p.address()));
		m.put("width", number(p.width()));
		List<JsonValue> levels = new ArrayList<>();
		for (Protection.Level level : p.levels()) {
			Map<String, JsonValue> l = new LinkedHashMap<>();
			l.put("name", string(level.name()));
			l.put("rank", number(level.rank()));
			l.put("value", level.value().isPresent() ? hex(level.value().getAsLong()) : string("other"));
			l.put("setBy", string(key(McuDescriptorReader.SET_BY, level.setBy())));
			l.put("policy", string(key(McuDescriptorReader.POLICIES, level.policy())));
			l.put("effect", string(level.effect()));
			levels.add(new JsonObject(l, 0));
		}
		m.put("levels", new JsonArray(levels, 0));
		return new JsonObject(m, 0);
	}

	private static JsonValue quirk(Quirk q) {
		Map<String, JsonValue> m = new LinkedHashMap<>();
		m.put("id", string(q.id()));
		m.put("text", string(q.description()));
		m.put("verified", new JsonBoolean(q.verified(), 0));
		m.put("source", string(q.source()));
		return new JsonObject(m, 0);
	}

	private static <E> String key(Map<String, E> words, E value) {
		return words.entrySet().stream().filter(e -> e.getValue() == value).map(Map.Entry::getKey).findFirst()
				.orElseThrow(() -> new IllegalArgumentException(value + " has no descriptor spelling"));
	}

	private static JsonString hex(long value) {
		return string(String.format("0x%X", value));
	}

	private static JsonValue size(long bytes) {
		return bytes % 1024 == 0 ? string(bytes / 1024 + "K") : number(bytes);
	}

	private static JsonString string(String s) {
		return new JsonString(s, 0);
	}

	private static JsonNumber number(long n) {
		return new JsonNumber(n, 0);
	}
}
