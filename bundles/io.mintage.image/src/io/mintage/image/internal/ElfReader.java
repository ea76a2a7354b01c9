package io.mintage.image.internal;

import java.util.Arrays;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.mintage.core.image.FirmwareImage;
import io.mintage.core.image.ImageBuilder;
import io.mintage.core.image.ImageFormatException;
import io.mintage.core.image.SourceLocation;
import io.mintage.image.ImageReader;
import io.mintage.image.ReadOptions;

/**
 * ELF32 little-endian ARM executables, as linked by arm-none-eabi-gcc, Keil (.axf) or IAR (.out).
 * <p>
 * The image is what the loadable program headers put into memory at their physical (load) address:
 * initialised data is linked to run in RAM but stored in flash, and flash is what gets programmed. Only
 * the bytes stored in the file (p_filesz) are taken; the rest up to p_memsz is .bss, which startup code
 * zeroes in RAM and which must never be written to flash. Sections are not looked at, so stripped files
 * read the same. All offsets and sizes come from the file, so they are added as longs and checked
 * against the file length before any byte is touched.
 */
@Component(service = ImageReader.class, property = ImageReader.FORMAT + "=elf")
public final class ElfReader implements ImageReader {

	private static final byte[] MAGIC = { 0x7F, 'E', 'L', 'F' };
	private static final int ELF_CLASS_32 = 1;
	private static final int LITTLE_ENDIAN = 1;
	private static final int CURRENT_VERSION = 1;
	private static final int TYPE_RELOCATABLE = 1;
	private static final int TYPE_EXECUTABLE = 2;
	private static final int TYPE_SHARED = 3;
	private static final int MACHINE_ARM = 40;
	private static final int HEADER_SIZE = 52;
	private static final int PROGRAM_HEADER_SIZE = 32;
	private static final int EXTENDED_PROGRAM_HEADER_COUNT = 0xFFFF;
	private static final long LOADABLE = 1;

	// Field offsets in the ELF32 header and program header, from the System V ABI.
	private static final int EI_CLASS = 4;
	private static final int EI_DATA = 5;
	private static final int EI_VERSION = 6;
	private static final int E_TYPE = 16;
	private static final int E_MACHINE = 18;
	private static final int E_ENTRY = 24;
	private static final int E_PHOFF = 28;
	private static final int E_PHENTSIZE = 42;
	private static final int E_PHNUM = 44;
	private static final int P_TYPE = 0;
	private static final int P_OFFSET = 4;
	private static final int P_PADDR = 12;
	private static final int P_FILESZ = 16;
	private static final int P_MEMSZ = 20;

	/** Machines a wrong file is likely built for, so the message can say more than a number. */
	private static final Map<Integer, String> MACHINE_NAMES = Map.of(3, "x86", 8, "MIPS", 62, "x86-64", 83, "AVR",
			94, "Xtensa (ESP32)", 183, "AArch64 (64-bit ARM)", 243, "RISC-V");

	@Override
	public String formatId() {
		return "elf";
	}

	@Override
	public String formatName() {
		return "ELF32 ARM";
	}

	@Override
	public boolean recognizes(String fileName, byte[] head) {
		return head.length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
	}

	@Override
	public FirmwareImage read(String fileName, byte[] content, ReadOptions options) throws ImageFormatException {
		ReaderChecks.refuseBaseAddress(fileName, options, formatName());
		Bytes file = new Bytes(fileName, content);
		checkIdentification(file);
		long type = file.u16(E_TYPE);
		if (type == TYPE_RELOCATABLE) {
			throw file.problem(E_TYPE, "this is a relocatable object file (.o), not a linked executable");
		}
		if (type != TYPE_EXECUTABLE && type != TYPE_SHARED) {
			throw file.problem(E_TYPE, "ELF file type " + type + " is not an executable (type 2)");
		}
		long machine = file.u16(E_MACHINE);
		if (machine != MACHINE_ARM) {
			String name = MACHINE_NAMES.get((int) machine);
			throw file.problem(E_MACHINE, "the ELF file is built for machine " + machine
					+ (name == null ? "" : " (" + name + ")") + ", not for ARM (machine 40)");
		}
		ImageBuilder image = new ImageBuilder(fileName, formatName()).erasedValue(options.erasedValue());
		long programHeaders = file.u32(E_PHOFF);
		addLoadableSegments(file, image, programHeaders);
		if (image.isEmpty()) {
			throw file.problem(programHeaders, "no loadable data: no PT_LOAD program header has bytes in the file");
		}
		return image.entryPoint(file.u32(E_ENTRY)).build();
	}

	private static void checkIdentification(Bytes file) throws ImageFormatException {
		if (file.length() < MAGIC.length || !Arrays.equals(file.content, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
			throw file.problem(0, "not an ELF file: it does not start with 0x7F 'E' 'L' 'F'");
		}
		if (file.length() < HEADER_SIZE) {
			throw file.problem(file.length(), "the file ends inside the ELF header, which takes " + HEADER_SIZE
					+ " bytes, but the file has " + file.length());
		}
		if (file.u8(EI_CLASS) != ELF_CLASS_32) {
			throw file.problem(EI_CLASS, file.u8(EI_CLASS) == 2
					? "this is a 64-bit ELF file; microcontroller firmware is ELF32"
					: "unknown ELF class " + file.u8(EI_CLASS) + " (1 is ELF32)");
		}
		if (file.u8(EI_DATA) != LITTLE_ENDIAN) {
			throw file.problem(EI_DATA, file.u8(EI_DATA) == 2
					? "this is a big-endian ELF file; Cortex-M firmware is little-endian"
					: "unknown ELF byte order " + file.u8(EI_DATA) + " (1 is little-endian)");
		}
		if (file.u8(EI_VERSION) != CURRENT_VERSION) {
			throw file.problem(EI_VERSION, "unknown ELF version " + file.u8(EI_VERSION) + " (1 is current)");
		}
	}

	private static void addLoadableSegments(Bytes file, ImageBuilder image, long tableOffset)
			throws ImageFormatException {
		long entrySize = file.u16(E_PHENTSIZE);
		long count = file.u16(E_PHNUM);
		if (count == 0) {
			throw file.problem(E_PHNUM, "the ELF file has no program headers, so nothing says what to load");
		}
		if (count == EXTENDED_PROGRAM_HEADER_COUNT) {
			throw file.problem(E_PHNUM, "more than 65534 program headers (extended numbering) is not supported");
		}
		if (entrySize < PROGRAM_HEADER_SIZE) {
			throw file.problem(E_PHENTSIZE, "program headers are said to take " + entrySize
					+ " bytes each, but an ELF32 program header takes " + PROGRAM_HEADER_SIZE);
		}
		long tableEnd = tableOffset + count * entrySize;
		if (tableEnd > file.length()) {
			throw file.problem(E_PHOFF, String.format("the program header table at offset 0x%X "
					+ "(%d entries of %d bytes) lies outside the file of %d bytes", tableOffset, count, entrySize,
					file.length()));
		}
		for (long entry = tableOffset; entry < tableEnd; entry += entrySize) {
			if (file.u32(entry + P_TYPE) == LOADABLE) {
				addSegment(file, image, entry);
			}
		}
	}

	private static void addSegment(Bytes file, ImageBuilder image, long entry) throws ImageFormatException {
		long offset = file.u32(entry + P_OFFSET);
		long address = file.u32(entry + P_PADDR);
		long size = file.u32(entry + P_FILESZ);
		long memorySize = file.u32(entry + P_MEMSZ);
		if (size == 0) {
			return;
		}
		if (size > memorySize) {
			throw file.problem(entry, String.format("a loadable segment has %d bytes in the file but only %d "
					+ "in memory, which no linker produces", size, memorySize));
		}
		if (offset + size > file.length()) {
			throw file.problem(entry, String.format(
					"the data of a loadable segment (offset 0x%X, %d bytes) runs past the end of the file of %d bytes",
					offset, size, file.length()));
		}
		image.add(address, Arrays.copyOfRange(file.content, (int) offset, (int) (offset + size)),
				SourceLocation.offset(entry));
	}

	/** Little-endian reads from the file; callers check the offsets against the length first. */
	private static final class Bytes {
		final String fileName;
		final byte[] content;

		Bytes(String fileName, byte[] content) {
			this.fileName = fileName;
			this.content = content;
		}

		int length() {
			return content.length;
		}

		int u8(long offset) {
			return content[(int) offset] & 0xFF;
		}

		long u16(long offset) {
			return u8(offset) | (long) u8(offset + 1) << 8;
		}

		long u32(long offset) {
			return u16(offset) | u16(offset + 2) << 16;
		}

		ImageFormatException problem(long offset, String problem) {
			return new ImageFormatException(fileName, SourceLocation.offset(offset), problem);
		}
	}
}
