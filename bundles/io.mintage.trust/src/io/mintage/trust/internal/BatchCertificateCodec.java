package io.mintage.trust.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import io.mintage.core.SerialNumber;
import io.mintage.trust.BatchCertificate;
import io.mintage.trust.EcdsaSignature;
import io.mintage.trust.P256PublicKey;
import io.mintage.trust.ProductId;
import io.mintage.trust.RecordFormatException;
import io.mintage.trust.SerialRange;

/** The byte layout of a version 1 batch certificate, exactly as the table in docs/formats.md. */
public final class BatchCertificateCodec {

	public static final String OBJECT = "batch certificate";

	static final Field MAGIC = new Field("magic", 0, 4);
	static final Field VERSION = new Field("version", 4, 1);
	static final Field RESERVED_AFTER_VERSION = new Field("reserved", 5, 3);
	static final Field QUOTA_ID = new Field("quota_id", 8, 16);
	static final Field PRODUCT_ID = new Field("product_id", 24, 4);
	static final Field SERIAL_FIRST = new Field("serial_first", 28, 4);
	static final Field SERIAL_COUNT = new Field("serial_count", 32, 4);
	static final Field NOT_AFTER = new Field("not_after", 36, 8);
	static final Field BATCH_PUBLIC_KEY = new Field("batch_public_key", 44, P256PublicKey.LENGTH);
	static final Field RESERVED_AFTER_KEY = new Field("reserved", 109, 3);
	static final Field AUTHORITY_SIGNATURE = new Field("authority_signature", 112, EcdsaSignature.LENGTH);

	private BatchCertificateCodec() {
	}

	/** Bytes 0–111, which the authority signs. */
	public static byte[] encodeSigned(BatchCertificate.Content content) {
		ByteBuffer out = ByteBuffer.allocate(BatchCertificate.SIGNED_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
		out.put(BatchCertificate.MAGIC.getBytes(StandardCharsets.US_ASCII));
		out.put((byte) BatchCertificate.VERSION);
		out.position(QUOTA_ID.offset());
		// a UUID's bytes in their usual (RFC 4122, big-endian) order, as uuid_t and the CMS quota carry them
		out.order(ByteOrder.BIG_ENDIAN);
		out.putLong(content.quotaId().getMostSignificantBits());
		out.putLong(content.quotaId().getLeastSignificantBits());
		out.order(ByteOrder.LITTLE_ENDIAN);
		out.putInt((int) content.productId().value());
		out.putInt((int) content.serials().first().value());
		out.putInt((int) content.serials().count());
		out.putLong(content.notAfter().getEpochSecond());
		out.put(content.batchPublicKey().bytes());
		return out.array();
	}

	public static byte[] encode(BatchCertificate certificate) {
		ByteBuffer out = ByteBuffer.allocate(BatchCertificate.LENGTH);
		out.put(encodeSigned(certificate.content()));
		out.put(certificate.authoritySignature().bytes());
		return out.array();
	}

	public static BatchCertificate decode(byte[] bytes) throws RecordFormatException {
		if (bytes.length != BatchCertificate.LENGTH) {
			throw new RecordFormatException(OBJECT, -1, null, "a version 1 batch certificate has "
					+ BatchCertificate.LENGTH + " bytes, this one has " + bytes.length);
		}
		return decode(new FieldReader(OBJECT, bytes, 0, ""));
	}

	/** Checks magic and version first, as the device does, then every other field. */
	static BatchCertificate decode(FieldReader in) throws RecordFormatException {
		in.expectMagic(MAGIC, BatchCertificate.MAGIC);
		in.expectVersion(VERSION, BatchCertificate.VERSION);
		in.expectZero(RESERVED_AFTER_VERSION, "reserved");
		in.expectZero(RESERVED_AFTER_KEY, "reserved");
		ByteBuffer quotaId = ByteBuffer.wrap(in.bytes(QUOTA_ID));
		long serialFirst = in.uint32(SERIAL_FIRST);
		long serialCount = in.uint32(SERIAL_COUNT);
		if (serialCount == 0) {
			throw in.problem(SERIAL_COUNT, "the certificate covers no serial: serial_count is 0, expected at least 1");
		}
		if (serialFirst + serialCount > SerialRange.SERIAL_LIMIT) {
			throw in.problem(SERIAL_COUNT, SerialRange.describeOverflow(serialFirst, serialCount));
		}
		long notAfter = in.uint64(NOT_AFTER);
		// java.time ends in the year 1,000,000,000; a not_after beyond is no date an authority sets
		if (Long.compareUnsigned(notAfter, Instant.MAX.getEpochSecond()) > 0) {
			throw in.problem(NOT_AFTER, Long.toUnsignedString(notAfter)
					+ " seconds since 1970 is past the year 1,000,000,000, no date a certificate ends on");
		}
		byte[] batchKey = in.bytes(BATCH_PUBLIC_KEY);
		if ((batchKey[0] & 0xFF) != P256PublicKey.UNCOMPRESSED) {
			throw in.problem(BATCH_PUBLIC_KEY, String.format(
					"expected 0x04 (a SEC1 uncompressed point) as the key's first byte, found 0x%02x", batchKey[0] & 0xFF));
		}
		BatchCertificate.Content content = new BatchCertificate.Content(
				new UUID(quotaId.getLong(), quotaId.getLong()),
				new ProductId(in.uint32(PRODUCT_ID)),
				new SerialRange(new SerialNumber(serialFirst), serialCount),
				Instant.ofEpochSecond(notAfter),
				P256PublicKey.of(batchKey));
		return new BatchCertificate(content, EcdsaSignature.of(in.bytes(AUTHORITY_SIGNATURE)));
	}
}
