package io.mintage.image;

import io.mintage.core.image.FirmwareImage;

/**
 * What the {@link FirmwareImageLoader} made of a file.
 *
 * @param image              the image
 * @param formatId           id of the reader that read it, e.g. "ihex"
 * @param formatName         name of that format for people
 * @param baseAddressAssumed true when a raw binary file was placed at 0 because no base address was
 *                           given, so the caller can warn: flashing it there is rarely what was meant
 */
public record LoadedImage(FirmwareImage image, String formatId, String formatName, boolean baseAddressAssumed) {
}
