package io.mintage.trust;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * The authority's public key as a C header for the device verifier (firmware/README.md, "Compiling in your
 * authority key"): {@code static const uint8_t mintage_authority_key[65]}, the SEC1 uncompressed point
 * {@code mintage_verify()} takes, with the authority's name and fingerprint in a comment so a person can
 * check which authority a firmware trusts. The text depends on nothing but its inputs (no date, no
 * path), so the header can be committed and a change of anchor shows in a diff.
 */
public final class FirmwareAnchor {

	/** The include guard; products include the header as {@code mintage_anchor.h}. */
	static final String GUARD = "MINTAGE_ANCHOR_H";
	private static final int BYTES_PER_LINE = 16;
	private static final int COORDINATE_LENGTH = 32;

	private FirmwareAnchor() {
	}

	/**
	 * The header for the key of the authority's CA certificate, with its subject (RFC 2253) and the
	 * SHA-256 fingerprint of the certificate ({@link AuthorityCertificates#fingerprint}).
	 *
	 * @throws TrustException when the certificate is not a CA certificate or its key is not P-256
	 */
	public static String cHeader(X509Certificate authority) throws TrustException {
		Objects.requireNonNull(authority, "authority");
		String subject = AuthorityCertificates.subjectOf(authority);
		if (authority.getBasicConstraints() < 0) {
			throw new TrustException("the certificate " + subject
					+ " is not a CA certificate; export the authority's own certificate");
		}
		P256PublicKey key;
		try {
			key = P256PublicKey.fromJca(authority.getPublicKey());
		} catch (TrustException e) {
			throw new TrustException("the key of the CA certificate " + subject + " cannot be compiled into"
					+ " firmware: " + e.getMessage(), e);
		}
		return cHeader(key, subject, "SHA-256 " + AuthorityCertificates.fingerprint(authority)
				+ " (of the CA certificate)");
	}

	/**
	 * The header for a bare key; {@code subject} and {@code fingerprint} are only written into the comment
	 * (for the published TEST key of the test vectors, which has no certificate).
	 */
	public static String cHeader(P256PublicKey authorityKey, String subject, String fingerprint) {
		Objects.requireNonNull(authorityKey, "authorityKey");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(fingerprint, "fingerprint");
		byte[] key = authorityKey.bytes();
		StringBuilder out = new StringBuilder();
		out.append("/*\n");
		out.append(" * Mintage authority anchor: the authority's public key, which mintage_verify() checks every\n");
		out.append(" * device record against (firmware/README.md, \"Compiling in your authority key\").\n");
		out.append(" * Written by mintage admin export-anchor --c-header; do not edit, export it again.\n");
		out.append(" *\n");
		out.append(" * Authority:   ").append(commentSafe(subject)).append('\n');
		out.append(" * Fingerprint: ").append(commentSafe(fingerprint)).append('\n');
		out.append(" *\n");
		out.append(" * P-256, SEC1 uncompressed point: 0x04, X (32 bytes), Y (32 bytes), big-endian.\n");
		out.append(" */\n");
		out.append("#ifndef ").append(GUARD).append('\n');
		out.append("#define ").append(GUARD).append('\n');
		out.append('\n');
		out.append("#include <stdint.h>\n");
		out.append('\n');
		out.append("static const uint8_t mintage_authority_key[").append(P256PublicKey.LENGTH).append("] = {\n");
		out.append("    0x04,\n");
		bytes(out, "X", key, 1);
		bytes(out, "Y", key, 1 + COORDINATE_LENGTH);
		out.append("};\n");
		out.append('\n');
		out.append("#endif /* ").append(GUARD).append(" */\n");
		return out.toString();
	}

	private static void bytes(StringBuilder out, String name, byte[] key, int offset) {
		out.append("    /* ").append(name).append(" */\n");
		for (int line = 0; line < COORDINATE_LENGTH; line += BYTES_PER_LINE) {
			out.append("   ");
			for (int i = 0; i < BYTES_PER_LINE; i++) {
				int index = offset + line + i;
				out.append(String.format(" 0x%02x", key[index] & 0xFF));
				if (index < key.length - 1) {
					out.append(',');
				}
			}
			out.append('\n');
		}
	}

	/**
	 * A name on one comment line: a subject is chosen by the admin and may contain anything, so control
	 * characters (a new line) become spaces and the comment delimiters are split, so the text cannot end
	 * the comment and put code into every firmware that includes the header.
	 */
	static String commentSafe(String text) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			out.append(Character.isISOControl(c) ? ' ' : c);
		}
		String safe = out.toString();
		while (safe.contains("*/") || safe.contains("/*")) {
			safe = safe.replace("*/", "* /").replace("/*", "/ *");
		}
		return safe;
	}
}
