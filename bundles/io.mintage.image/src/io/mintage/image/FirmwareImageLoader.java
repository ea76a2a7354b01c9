package io.mintage.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.mintage.core.image.ImageFormatException;

/**
 * Reads a firmware file with the right {@link ImageReader}: the one named by the caller, else the one
 * its extension stands for, else the one that recognises its first bytes. Every failure, from a
 * missing file to a bad checksum, is an {@link ImageFormatException} in plain words naming the file.
 */
@Component(service = FirmwareImageLoader.class)
public final class FirmwareImageLoader {

	/** Largest file read; far above any supported chip's flash, low enough to never exhaust the heap. */
	public static final int MAX_FILE_SIZE = 64 * 1024 * 1024;

	/** Only raw binary has no addresses of its own, so only it takes a base address. */
	public static final String RAW_BINARY = "bin";

	private static final int SNIFF_LENGTH = 512;

	private static final Map<String, String> FORMAT_BY_EXTENSION = Map.ofEntries(
			Map.entry("hex", "ihex"), Map.entry("ihex", "ihex"), Map.entry("ihx", "ihex"),
			Map.entry("srec", "srec"), Map.entry("s19", "srec"), Map.entry("s28", "srec"), Map.entry("s37", "srec"),
			Map.entry("mot", "srec"), Map.entry("s", "srec"),
			Map.entry("elf", "elf"), Map.entry("axf", "elf"), Map.entry("out", "elf"),
			Map.entry("bin", RAW_BINARY));

	// Written by the DS bind/unbind methods while loads may run on other threads; loads are far more
	// frequent than reader changes, which is the case copy-on-write is made for.
	private final List<ImageReader> readers = new CopyOnWriteArrayList<>();

	/** For Declarative Services, which then binds the readers. */
	public FirmwareImageLoader() {
	}

	/** For use without OSGi, e.g. in tests: a loader with a fixed set of readers. */
	public FirmwareImageLoader(Collection<? extends ImageReader> readers) {
		this.readers.addAll(readers);
	}

	@Reference(service = ImageReader.class, cardinality = ReferenceCardinality.MULTIPLE,
			policy = ReferencePolicy.DYNAMIC, unbind = "removeReader")
	void addReader(ImageReader reader) {
		readers.add(reader);
	}

	void removeReader(ImageReader reader) {
		readers.remove(reader);
	}

	/** Ids of the formats that can be read now, sorted, e.g. [bin, elf, ihex, srec]. */
	public List<String> formatIds() {
		return readers.stream().map(ImageReader::formatId).distinct().sorted().toList();
	}

	/**
	 * Reads a file from disk.
	 *
	 * @param file      where the file is
	 * @param shownName the file as the user gave it, for messages
	 * @param formatId  the format to read it as, or {@code null} to tell from the name and content
	 */
	public LoadedImage load(Path file, String shownName, String formatId, ReadOptions options)
			throws ImageFormatException {
		return read(shownName, readCapped(file, shownName), formatId, options);
	}

	/** Same as {@link #load(Path, String, String, ReadOptions)}, naming the file by its path. */
	public LoadedImage load(Path file, ReadOptions options) throws ImageFormatException {
		return load(file, file.toString(), null, options);
	}

	/**
	 * Reads a file already in memory.
	 *
	 * @param formatId the format to read it as, or {@code null} to tell from the name and content
	 */
	public LoadedImage read(String fileName, byte[] content, String formatId, ReadOptions options)
			throws ImageFormatException {
		ImageReader reader = formatId != null ? readerById(fileName, formatId) : detect(fileName, content);
		boolean rawBinary = RAW_BINARY.equals(reader.formatId());
		if (!rawBinary && options.baseAddress().isPresent()) {
			throw new ImageFormatException(fileName, null, "--base applies to raw binary files only; this file is "
					+ reader.formatName() + ", which states its own addresses");
		}
		return new LoadedImage(reader.read(fileName, content, options), reader.formatId(), reader.formatName(),
				rawBinary && options.baseAddress().isEmpty());
	}

	private ImageReader readerById(String fileName, String formatId) throws ImageFormatException {
		return find(formatId).orElseThrow(() -> new ImageFormatException(fileName, null,
				"unknown format '" + formatId + "'; known formats are " + String.join(", ", formatIds())));
	}

	private ImageReader detect(String fileName, byte[] content) throws ImageFormatException {
		String byExtension = FORMAT_BY_EXTENSION.get(extensionOf(fileName));
		if (byExtension != null) {
			return find(byExtension).orElseThrow(() -> new ImageFormatException(fileName, null,
					"no reader for '" + byExtension + "' files is installed; known formats are "
							+ String.join(", ", formatIds())));
		}
		byte[] head = Arrays.copyOf(content, Math.min(content.length, SNIFF_LENGTH));
		List<ImageReader> candidates = readers.stream().filter(reader -> recognizes(reader, fileName, head))
				.toList();
		if (candidates.size() == 1) {
			return candidates.get(0);
		}
		String why = candidates.isEmpty()
				? "its name ends in no known extension and its content looks like none of "
						+ readers.stream().map(ImageReader::formatName).collect(Collectors.joining(", "))
				: "its content could be any of "
						+ candidates.stream().map(ImageReader::formatName).collect(Collectors.joining(", "));
		throw new ImageFormatException(fileName, null, "cannot tell the format of this file: " + why
				+ "; give --format " + String.join("|", formatIds()));
	}

	// A reader is third-party code as far as the loader knows; sniffing must not let one broken reader
	// stop the others from being asked.
	private static boolean recognizes(ImageReader reader, String fileName, byte[] head) {
		try {
			return reader.recognizes(fileName, head.clone());
		} catch (RuntimeException e) {
			return false;
		}
	}

	private Optional<ImageReader> find(String formatId) {
		return readers.stream().filter(reader -> reader.formatId().equals(formatId)).findFirst();
	}

	private static String extensionOf(String fileName) {
		String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
		int dot = name.lastIndexOf('.');
		return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	private static byte[] readCapped(Path file, String shownName) throws ImageFormatException {
		if (Files.isDirectory(file)) {
			throw new ImageFormatException(shownName, null, "is a folder, not a firmware file");
		}
		try (InputStream in = Files.newInputStream(file)) {
			byte[] content = in.readNBytes(MAX_FILE_SIZE + 1);
			if (content.length > MAX_FILE_SIZE) {
				throw new ImageFormatException(shownName, null, "the file is larger than "
						+ MAX_FILE_SIZE / (1024 * 1024) + " MiB, far more than any supported chip holds");
			}
			return content;
		} catch (NoSuchFileException e) {
			throw new ImageFormatException(shownName, null, "no such file (looked for " + file.toAbsolutePath() + ")");
		} catch (AccessDeniedException e) {
			throw new ImageFormatException(shownName, null, "cannot read the file: permission denied");
		} catch (IOException e) {
			throw new ImageFormatException(shownName, null, "cannot read the file: " + e.getMessage());
		}
	}
}
