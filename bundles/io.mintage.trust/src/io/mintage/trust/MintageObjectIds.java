package io.mintage.trust;

/**
 * Mintage's object identifiers, the eContentType of its CMS objects (docs/formats.md, "Quota key, job
 * package and production report"). The arc is 2.25 followed by the decimal value of a UUID generated
 * once for Mintage (1f3df039-9459-4389-88a4-159b7f19379a): ITU-T X.667 lets anyone mint identifiers
 * under 2.25 from a UUID without registering them. Persisted: never renamed, never reused.
 */
public final class MintageObjectIds {

	/** 2.25.{UUID 1f3df039-9459-4389-88a4-159b7f19379a as an unsigned decimal}. */
	public static final String ARC = "2.25.41527670317924851046436450292276475802";
	/** ARC.1 holds the CMS content types. */
	private static final String CONTENT_TYPES = ARC + ".1";
	public static final String QUOTA_KEY = CONTENT_TYPES + ".1";
	public static final String JOB_PACKAGE = CONTENT_TYPES + ".2";
	public static final String PRODUCTION_REPORT = CONTENT_TYPES + ".3";

	private MintageObjectIds() {
	}
}
