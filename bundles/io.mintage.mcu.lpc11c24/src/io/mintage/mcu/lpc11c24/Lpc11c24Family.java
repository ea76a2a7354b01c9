package io.mintage.mcu.lpc11c24;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.mintage.core.MemoryRegion;
import io.mintage.core.mcu.McuFamily;
import io.mintage.core.mcu.McuVariant;
import io.mintage.mcu.DescribedMcuFamily;

/**
 * The LPC11C24: data from descriptor/lpc11c24.json, plus the two things the NXP boot ROM needs that
 * no STM32 does: the vector-table checksum in word 7 and sector 0 programmed last.
 */
@Component(service = McuFamily.class, property = McuFamily.ID + "=lpc11c24")
public final class Lpc11c24Family extends DescribedMcuFamily {

	public Lpc11c24Family() {
		super(Lpc11c24Family.class, "descriptor/lpc11c24.json");
	}

	/** Address order, except that the sector holding the vector table goes last (it makes the image valid). */
	@Override
	public List<MemoryRegion> writeOrder(McuVariant variant, List<MemoryRegion> sectors) {
		List<MemoryRegion> ordered = new ArrayList<>(super.writeOrder(variant, sectors));
		for (int i = 0; i < ordered.size(); i++) {
			if (ordered.get(i).contains(VectorChecksum.VECTOR_TABLE)) {
				ordered.add(ordered.remove(i));
				break;
			}
		}
		return ordered;
	}

	@Override
	public byte[] prepareSector(McuVariant variant, MemoryRegion sector, byte[] content) {
		return sector.contains(VectorChecksum.VECTOR_TABLE) ? VectorChecksum.apply(sector, content) : content;
	}
}
