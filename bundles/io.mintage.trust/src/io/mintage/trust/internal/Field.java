package io.mintage.trust.internal;

/** One field of a fixed layout in docs/formats.md: its name there, byte offset and size. */
public record Field(String name, int offset, int size) {

	public int end() {
		return offset + size;
	}
}
