package io.mintage.mcu;

import java.util.List;

import io.mintage.core.mcu.McuFamily;
import io.mintage.core.mcu.McuVariant;

/**
 * An {@link McuFamily} that is its descriptor: a family bundle's component extends this, names its
 * descriptor file, and overrides {@link McuFamily}'s default methods only where the family truly
 * behaves differently. The descriptor is read and validated when the component is created, so a
 * broken file means no family service and an error naming the file, field and reason.
 */
public abstract class DescribedMcuFamily implements McuFamily {

	private final McuDescriptor descriptor;
	private final Class<?> anchor;
	private final String resource;

	/**
	 * @param anchor   a class of the family bundle (the component itself), whose bundle holds the file
	 * @param resource the descriptor's path in that bundle, e.g. {@code descriptor/stm32f1.json}
	 */
	protected DescribedMcuFamily(Class<?> anchor, String resource) {
		this.anchor = anchor;
		this.resource = resource;
		this.descriptor = McuDescriptorReader.load(anchor, resource);
	}

	@Override
	public final String id() {
		return descriptor.family();
	}

	@Override
	public final String displayName() {
		return descriptor.displayName();
	}

	@Override
	public final List<McuVariant> variants() {
		return descriptor.variants();
	}

	public final McuDescriptor descriptor() {
		return descriptor;
	}

	/** The class whose bundle holds the descriptor, and the file's path there (for the conformance kit). */
	public final Class<?> descriptorAnchor() {
		return anchor;
	}

	public final String descriptorResource() {
		return resource;
	}
}
