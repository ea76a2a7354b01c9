package io.mintage.station.internal;

import java.util.Arrays;
import java.util.HexFormat;

import io.mintage.core.command.CommandException;
import io.mintage.core.image.FirmwareImage;
import io.mintage.core.image.ImageFormatException;
import io.mintage.image.FirmwareImageLoader;
import io.mintage.image.LoadedImage;
import io.mintage.image.ReadOptions;
import io.mintage.trust.JobPackage;

/** The firmware image of a job, read from its file and checked to be the image the job describes. */
final class JobFirmware {

	private JobFirmware() {
	}

	/** The decrypted firmware must be the image the admin described, byte for byte of its span. */
	static FirmwareImage image(FirmwareImageLoader loader, JobPackage job, byte[] firmware) throws CommandException {
		String name = job.firmware().fileName();
		FirmwareImage image;
		try {
			LoadedImage loaded = loader.read(name, firmware, null, ReadOptions.defaults());
			image = loaded.image();
			if (loaded.baseAddressAssumed() && image.lowestAddress() != job.firmware().imageStart()) {
				// a raw binary states no address: it goes where the admin placed it
				image = loader.read(name, firmware, null,
						ReadOptions.defaults().withBaseAddress(job.firmware().imageStart())).image();
			}
		} catch (ImageFormatException e) {
			throw CommandException.failed("the firmware in job '" + job.name() + "' cannot be read: " + e.getMessage(), e);
		}
		if (!Arrays.equals(HexFormat.of().parseHex(image.sha256()), job.firmware().imageSha256())
				|| image.lowestAddress() != job.firmware().imageStart() || image.span() != job.firmware().imageLength()) {
			throw CommandException.failed("the firmware in job '" + job.name() + "' is not the image the job describes"
					+ " (SHA-256 " + image.sha256() + " at 0x" + Long.toHexString(image.lowestAddress()) + ", expected "
					+ HexFormat.of().formatHex(job.firmware().imageSha256()) + " at 0x"
					+ Long.toHexString(job.firmware().imageStart()) + ")");
		}
		return image;
	}
}
