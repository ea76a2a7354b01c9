package io.mintage.trust;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;

import io.mintage.core.sign.KeyStoreSession;
import io.mintage.trust.internal.Der;
import io.mintage.trust.internal.Envelopes;
import io.mintage.trust.internal.RecordOptionsCodec;
import io.mintage.trust.internal.SignedCms;

/**
 * A production job package (docs/formats.md, "Job package"): what a station needs to make one
 * product — the job's name and product, the firmware (described, and its file enveloped to the
 * station), how to make records, and the quota key whose batch key signs them — signed by the
 * authority. Immutable; what {@link #read} accepts is exactly what {@link #issue} writes.
 */
public final class JobPackage {

	static final int VERSION = 1;
	private static final String WHAT = "the job package";

	private final UUID jobId;
	private final String name;
	private final ProductInfo product;
	private final FirmwareInfo firmware;
	private final ASN1Encodable firmwareFile;
	private final RecordOptions recordOptions;
	private final QuotaKey quota;
	private final Instant signedAt;
	private final byte[] encoded;

	private JobPackage(UUID jobId, String name, ProductInfo product, FirmwareInfo firmware, ASN1Encodable firmwareFile,
			RecordOptions recordOptions, QuotaKey quota, Instant signedAt, byte[] encoded) {
		this.jobId = jobId;
		this.name = name;
		this.product = product;
		this.firmware = firmware;
		this.firmwareFile = firmwareFile;
		this.recordOptions = recordOptions;
		this.quota = quota;
		this.signedAt = signedAt;
		this.encoded = encoded;
	}

	/**
	 * Makes and signs the job package for {@code station}: the firmware file's bytes are enveloped to
	 * the station certificate; {@code quota} is included whole.
	 *
	 * @throws TrustException when the station certificate is not the authority's or not valid, the quota
	 *                        key is not this authority's, is for another product or another station, or
	 *                        has expired
	 */
	public static JobPackage issue(CmsSigner authority, X509Certificate station, UUID jobId, String name,
			ProductInfo product, FirmwareInfo firmware, byte[] firmwareFile, RecordOptions options, QuotaKey quota,
			Clock clock) throws TrustException {
		Objects.requireNonNull(authority, "authority");
		Objects.requireNonNull(station, "station");
		Objects.requireNonNull(jobId, "jobId");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(product, "product");
		Objects.requireNonNull(firmware, "firmware");
		Objects.requireNonNull(firmwareFile, "firmwareFile");
		Objects.requireNonNull(options, "options");
		Objects.requireNonNull(quota, "quota");
		AuthorityCertificates.verifyStation(station, authority.certificate(), clock);
		QuotaKey checked = QuotaKey.read(quota.encoded(), authority.certificate());
		QuotaTerms terms = checked.terms();
		if (!terms.product().equals(product.id())) {
			throw new TrustException("the quota key of quota " + terms.quotaId() + " is for product " + terms.product()
					+ ", not for the job's product " + product.id() + " (" + product.name() + "); no job package was made");
		}
		if (!Arrays.equals(checked.stationCertificateHash(), QuotaKey.sha256(station))) {
			throw new TrustException("the quota key of quota " + terms.quotaId()
					+ " is bound to another station, not to " + SignedCms.subjectQuoted(station)
					+ "; no job package was made");
		}
		Instant now = clock.instant();
		if (now.isAfter(terms.notAfter())) {
			throw new TrustException("the quota key of quota " + terms.quotaId() + " expired on " + terms.notAfter()
					+ "; no job package was made");
		}
		for (String text : new String[] { name, product.name(), product.mcuFamily(), firmware.fileName(),
				firmware.version() }) {
			if (!Der.isUtf8(text)) {
				throw new TrustException("the job's text '" + text + "' has characters UTF-8 cannot hold (unpaired"
						+ " surrogates); no job package was made");
			}
		}
		if (firmwareFile.length == 0) {
			throw new TrustException("the firmware file " + firmware.fileName() + " is empty");
		}
		ContentInfo file = Envelopes.encrypt(firmwareFile, station, "the firmware file " + firmware.fileName());

		ASN1EncodableVector productFields = new ASN1EncodableVector();
		productFields.add(new ASN1Integer(product.id().value()));
		productFields.add(Der.utf8(product.name()));
		productFields.add(Der.utf8(product.mcuFamily()));
		ASN1EncodableVector firmwareFields = new ASN1EncodableVector();
		firmwareFields.add(Der.utf8(firmware.fileName()));
		firmwareFields.add(Der.utf8(firmware.version()));
		firmwareFields.add(Der.octets(firmware.imageSha256()));
		firmwareFields.add(new ASN1Integer(firmware.imageStart()));
		firmwareFields.add(new ASN1Integer(firmware.imageLength()));
		firmwareFields.add(file);
		ASN1EncodableVector content = new ASN1EncodableVector();
		content.add(new ASN1Integer(VERSION));
		content.add(Der.octets(Der.uuid(jobId)));
		content.add(Der.octets(QuotaKey.sha256(station)));
		content.add(Der.utf8(name));
		content.add(new DERSequence(productFields));
		content.add(new DERSequence(firmwareFields));
		content.add(RecordOptionsCodec.encode(options));
		content.add(Der.parse(checked.encoded(), "the quota key"));
		byte[] encoded = SignedCms.sign(authority, MintageObjectIds.JOB_PACKAGE, Der.encode(new DERSequence(content)),
				SignedCms.signingTime(now), WHAT);
		return read(encoded, authority.certificate());
	}

	/**
	 * Reads a job package strictly: canonical DER of exactly the profile, signed by exactly the authority
	 * certificate {@code authority}; the quota key inside is read with {@link QuotaKey#read}; the job's
	 * product is the quota's and job, quota and both envelopes name the same station.
	 */
	public static JobPackage read(byte[] encoded, X509Certificate authority) throws TrustException {
		Objects.requireNonNull(authority, "authority");
		SignedCms.Verified verified = SignedCms.read(encoded, MintageObjectIds.JOB_PACKAGE, WHAT,
				SignedCms.isAuthority(authority, WHAT));
		try {
			return decode(verified, authority, encoded.clone());
		} catch (RuntimeException e) {
			throw new TrustException(WHAT + "'s content is malformed: " + Der.plain(e), e);
		}
	}

	private static JobPackage decode(SignedCms.Verified verified, X509Certificate authority, byte[] encoded)
			throws TrustException {
		String what = WHAT + "'s content";
		ASN1Sequence content = Der.sequence(Der.parse(verified.content(), what), 8, what);
		Der.version(content.getObjectAt(0), VERSION, WHAT);
		UUID jobId = Der.uuid(content.getObjectAt(1), what + ": jobId");
		byte[] stationHash = Der.octets(content.getObjectAt(2), 32, what + ": stationCertificateHash");
		String name = Der.utf8(content.getObjectAt(3), what + ": name");

		ASN1Sequence productFields = Der.sequence(content.getObjectAt(4), 3, what + ": product");
		ProductInfo product = new ProductInfo(
				new ProductId(Der.unsigned32(productFields.getObjectAt(0), what + ": product id")),
				Der.utf8(productFields.getObjectAt(1), what + ": product name"),
				Der.utf8(productFields.getObjectAt(2), what + ": product mcuFamily"));

		ASN1Sequence firmwareFields = Der.sequence(content.getObjectAt(5), 6, what + ": firmware");
		String fileName = Der.utf8(firmwareFields.getObjectAt(0), what + ": firmware fileName");
		String version = Der.utf8(firmwareFields.getObjectAt(1), what + ": firmware version");
		byte[] imageSha256 = Der.octets(firmwareFields.getObjectAt(2), FirmwareInfo.SHA256_LENGTH,
				what + ": firmware imageSha256");
		long imageStart = Der.unsigned32(firmwareFields.getObjectAt(3), what + ": firmware imageStart");
		long imageLength = Der.integer(firmwareFields.getObjectAt(4), 1, SerialRange.SERIAL_LIMIT,
				what + ": firmware imageLength");
		FirmwareInfo firmware;
		try {
			firmware = new FirmwareInfo(fileName, version, imageSha256, imageStart, imageLength);
		} catch (IllegalArgumentException e) {
			throw new TrustException(what + ": the firmware is invalid: " + Der.plain(e));
		}
		ASN1Encodable file = firmwareFields.getObjectAt(5);
		IssuerAndSerialNumber fileRecipient = Envelopes.check(file, "the firmware file in " + WHAT);

		RecordOptions options = RecordOptionsCodec.decode(content.getObjectAt(6), what + ": recordOptions");

		QuotaKey quota;
		try {
			quota = QuotaKey.read(Der.encode(content.getObjectAt(7)), authority);
		} catch (TrustException e) {
			throw new TrustException(WHAT + " holds an unacceptable quota key: " + e.getMessage(), e);
		}
		if (!quota.terms().product().equals(product.id())) {
			throw new TrustException(WHAT + " is for product " + product.id() + " but its quota key for product "
					+ quota.terms().product());
		}
		if (!Arrays.equals(quota.stationCertificateHash(), stationHash) || !quota.recipient().equals(fileRecipient)) {
			throw new TrustException(WHAT + " and its quota key are for different stations");
		}
		return new JobPackage(jobId, name, product, firmware, file, options, quota, verified.signedAt(), encoded);
	}

	public UUID jobId() {
		return jobId;
	}

	public String name() {
		return name;
	}

	public ProductInfo product() {
		return product;
	}

	public FirmwareInfo firmware() {
		return firmware;
	}

	public RecordOptions recordOptions() {
		return recordOptions;
	}

	public QuotaKey quota() {
		return quota;
	}

	public Instant signedAt() {
		return signedAt;
	}

	/** The file: DER ContentInfo. */
	public byte[] encoded() {
		return encoded.clone();
	}

	/**
	 * Decrypts the firmware file with the station key {@code stationAlias} of {@code station}; the
	 * caller parses it and compares the image's SHA-256 with {@link FirmwareInfo#imageSha256()}.
	 */
	public byte[] decryptFirmware(KeyStoreSession station, String stationAlias) throws TrustException {
		Objects.requireNonNull(station, "station");
		Objects.requireNonNull(stationAlias, "stationAlias");
		return Envelopes.decrypt(firmwareFile, station, stationAlias,
				"the firmware file " + firmware.fileName() + " of job " + jobId);
	}

	@Override
	public String toString() {
		return "job package " + jobId + " '" + name + "': " + product.name() + " (" + product.id() + "), " + firmware
				+ ", " + quota;
	}
}
