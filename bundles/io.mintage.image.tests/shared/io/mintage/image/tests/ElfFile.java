package io.mintage.image.tests;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a minimal ELF32 little-endian ARM executable: the header, a program header table right after
 * it and the segment data after that. Tests then break single fields with {@link #patch32} etc.
 */
public final class ElfFile {

	public static final int HEADER_SIZE = 52;
	public static final int PROGRAM_HEADER_SIZE = 32;
	public static final int PT_LOAD = 1;
	public static final int PT_NOTE = 4;

	private final List<ProgramHeader> programHeaders = new ArrayList<>();
	private long entry;

	private record ProgramHeader(int type, long virtualAddress, long physicalAddress, byte[] data, long memorySize) {
	}

	public ElfFile entry(long address) {
		this.entry = address;
		return this;
	}

	/** A PT_LOAD segment running at one address and stored at another, with memorySize >= data. */
	public ElfFile load(long virtualAddress, long physicalAddress, byte[] data, long memorySize) {
		programHeaders.add(new ProgramHeader(PT_LOAD, virtualAddress, physicalAddress, data, memorySize));
		return this;
	}

	public ElfFile load(long address, byte[] data) {
		return load(address, address, data, data.length);
	}

	public ElfFile segment(int type, long address, byte[] data) {
		programHeaders.add(new ProgramHeader(type, address, address, data, data.length));
		return this;
	}

	/** Offset of the n-th program header in the written file. */
	public static int programHeaderOffset(int index) {
		return HEADER_SIZE + index * PROGRAM_HEADER_SIZE;
	}

	public byte[] bytes() {
		int dataOffset = HEADER_SIZE + programHeaders.size() * PROGRAM_HEADER_SIZE;
		int total = dataOffset + programHeaders.stream().mapToInt(header -> header.data.length).sum();
		ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
		out.put(new byte[] { 0x7F, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
		out.putShort((short) 2); // e_type: executable
		out.putShort((short) 40); // e_machine: ARM
		out.putInt(1); // e_version
		out.putInt((int) entry);
		out.putInt(HEADER_SIZE); // e_phoff
		out.putInt(0); // e_shoff: no section headers, as a reader must not need them
		out.putInt(0x05000200); // e_flags: EABI version 5, soft float
		out.putShort((short) HEADER_SIZE);
		out.putShort((short) PROGRAM_HEADER_SIZE);
		out.putShort((short) programHeaders.size());
		out.putShort((short) 40); // e_shentsize
		out.putShort((short) 0); // e_shnum
		out.putShort((short) 0); // e_shstrndx
		int offset = dataOffset;
		for (ProgramHeader header : programHeaders) {
			out.putInt(header.type);
			out.putInt(offset);
			out.putInt((int) header.virtualAddress);
			out.putInt((int) header.physicalAddress);
			out.putInt(header.data.length);
			out.putInt((int) header.memorySize);
			out.putInt(5); // p_flags: R+X
			out.putInt(4); // p_align
			offset += header.data.length;
		}
		for (ProgramHeader header : programHeaders) {
			out.put(header.data);
		}
		return out.array();
	}

	public static byte[] patch8(byte[] file, int offset, int value) {
		byte[] copy = file.clone();
		copy[offset] = (byte) value;
		return copy;
	}

	public static byte[] patch16(byte[] file, int offset, int value) {
		byte[] copy = file.clone();
		ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putShort(offset, (short) value);
		return copy;
	}

	public static byte[] patch32(byte[] file, int offset, long value) {
		byte[] copy = file.clone();
		ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, (int) value);
		return copy;
	}
}
