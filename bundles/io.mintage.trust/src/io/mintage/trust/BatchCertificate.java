package io.mintage.trust;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.mintage.trust.internal.BatchCertificateCodec;

/**
 * A batch certificate, version 1 (docs/formats.md): the authority's delegation to one batch key of the
 * right to sign device records for a range of serials of one product, until {@code not_after}.
 * Immutable; {@link #decode(byte[])} takes exactly what {@link #encode()} writes.
 */
public final class BatchCertificate {

	public static final int LENGTH = 176;
	/** Bytes 0–111 are signed by the authority. */
	public static final int SIGNED_LENGTH = 112;
	public static final String MAGIC = "MTBC";
	public static final int VERSION = 1;

	/** What the authority signs: everything but its signature. */
	public record Content(UUID quotaId, ProductId productId, SerialRange serials, Instant notAfter,
			P256PublicKey batchPublicKey) {

		public Content {
			Objects.requireNonNull(quotaId, "quotaId");
			Objects.requireNonNull(productId, "productId");
			Objects.requireNonNull(serials, "serials");
			Objects.requireNonNull(notAfter, "notAfter");
			Objects.requireNonNull(batchPublicKey, "batchPublicKey");
			// the certificate holds whole seconds since 1970 as an unsigned number: anything else would not come back
			if (notAfter.getNano() != 0 || notAfter.getEpochSecond() < 0) {
				throw new IllegalArgumentException("not_after is whole seconds from 1970-01-01T00:00:00Z on, not "
						+ notAfter);
			}
		}

		/** Bytes 0–111 of the certificate, which the authority signs. */
		public byte[] signedBytes() {
			return BatchCertificateCodec.encodeSigned(this);
		}
	}

	private final Content content;
	private final EcdsaSignature authoritySignature;

	public BatchCertificate(Content content, EcdsaSignature authoritySignature) {
		this.content = Objects.requireNonNull(content, "content");
		this.authoritySignature = Objects.requireNonNull(authoritySignature, "authoritySignature");
	}

	/**
	 * Reads a certificate and refuses anything that is not exactly a version 1 certificate: magic,
	 * version, zero reserved bytes, at least one serial, a range within 32 bits, a SEC1 uncompressed key.
	 * Signatures are not checked here; {@link RecordVerifier} does.
	 */
	public static BatchCertificate decode(byte[] bytes) throws RecordFormatException {
		return BatchCertificateCodec.decode(bytes);
	}

	/** The 176 bytes of docs/formats.md. */
	public byte[] encode() {
		return BatchCertificateCodec.encode(this);
	}

	/** Bytes 0–111, which {@link #authoritySignature()} signs. */
	public byte[] signedBytes() {
		return content.signedBytes();
	}

	public Content content() {
		return content;
	}

	public UUID quotaId() {
		return content.quotaId();
	}

	public ProductId productId() {
		return content.productId();
	}

	public SerialRange serials() {
		return content.serials();
	}

	public Instant notAfter() {
		return content.notAfter();
	}

	public P256PublicKey batchPublicKey() {
		return content.batchPublicKey();
	}

	public EcdsaSignature authoritySignature() {
		return authoritySignature;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof BatchCertificate that && that.content.equals(content)
				&& that.authoritySignature.equals(authoritySignature);
	}

	@Override
	public int hashCode() {
		return Objects.hash(content, authoritySignature);
	}

	@Override
	public String toString() {
		return "batch certificate of quota " + quotaId() + ": product " + productId() + ", serials " + serials()
				+ ", not after " + notAfter();
	}
}
