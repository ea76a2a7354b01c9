package io.mintage.sim.lpc;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.mintage.serial.SerialSettings;
import io.mintage.sim.EmulatedChip;
import io.mintage.sim.EmulatorFactory;

/** The LPC11C24 UART ISP emulator as a service for the {@code sim} command. */
@Component(service = EmulatorFactory.class, property = EmulatorFactory.FAMILY + "=lpc11c24")
public final class LpcEmulatorFactory implements EmulatorFactory {

	/** The UID a chip gets when none is given. */
	static final byte[] DEFAULT_UID = { 0x10, 0x32, 0x54, 0x76, (byte) 0x98, (byte) 0xBA, (byte) 0xDC, (byte) 0xFE, 0x01,
			0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xAB, (byte) 0xCD, (byte) 0xEF };

	@Override
	public List<String> families() {
		return List.of("lpc11c24");
	}

	@Override
	public List<String> variants(String family) {
		return family.equals("lpc11c24") ? List.of("301") : List.of();
	}

	@Override
	public SerialSettings wire(int baudRate) {
		return SerialSettings.noParity(baudRate);
	}

	/**
	 * @param uid 16 bytes as a probe reads them: the four words N sends, each little-endian, so that
	 *            {@code --uid} and the UID a driver reports are the same hex
	 */
	@Override
	public EmulatedChip create(String family, Optional<String> variant, Optional<byte[]> uid, double flashTimeScale) {
		if (!family.equals("lpc11c24") || variant.isPresent() && !variant.get().equals("301")) {
			throw new IllegalArgumentException("the LPC emulator knows lpc11c24 (variant 301), not " + family
					+ variant.map(v -> ":" + v).orElse(""));
		}
		byte[] bytes = uid.orElse(DEFAULT_UID);
		if (bytes.length != 16) {
			throw new IllegalArgumentException("an LPC11C24 UID has 16 bytes (32 hex digits), not " + bytes.length);
		}
		return new LpcIspChip(LpcPartModel.LPC11C24, LpcIspChip.uidWords(bytes),
				LpcIspChip.datasheetTiming().scaled(flashTimeScale));
	}
}
