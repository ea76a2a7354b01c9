package io.mintage.trust;

import java.util.Objects;
import java.util.Optional;

import io.mintage.core.DeviceUid;
import io.mintage.core.SerialNumber;
import io.mintage.trust.internal.P256;

/**
 * The station's side: signs device records for one batch certificate with its batch key. It refuses
 * to sign what the device would refuse for reasons it can see here (a serial outside the range, a key
 * that is not the one the certificate names), so no chip is written with a useless record.
 */
public final class RecordSigner {

	private final EcdsaSigningKey batchKey;
	private final BatchCertificate certificate;

	public RecordSigner(EcdsaSigningKey batchKey, BatchCertificate certificate) {
		this.batchKey = Objects.requireNonNull(batchKey, "batchKey");
		this.certificate = Objects.requireNonNull(certificate, "certificate");
	}

	public DeviceRecord sign(SerialNumber serial, DeviceUid uid, Optional<FirmwareHash> firmwareHash)
			throws TrustException {
		if (!certificate.serials().contains(serial)) {
			throw new TrustException("serial " + serial + " is outside the batch certificate's range "
					+ certificate.serials() + "; no record was signed");
		}
		DeviceRecord.Content content = new DeviceRecord.Content(certificate.productId(), serial, uid, firmwareHash,
				certificate);
		byte[] signed = content.signedBytes();
		EcdsaSignature signature = batchKey.sign(signed);
		if (!P256.verify(certificate.batchPublicKey(), signed, signature)) {
			throw new TrustException("the signature of " + batchKey + " does not verify with the batch certificate's "
					+ "batch_public_key (" + certificate.batchPublicKey() + "): the key is not the one quota "
					+ certificate.quotaId() + " certifies; no record was signed");
		}
		return new DeviceRecord(content, signature);
	}
}
