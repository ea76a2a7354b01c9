package io.mintage.trust;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import io.mintage.core.SerialNumber;
import io.mintage.core.sign.KeyStoreSession;
import io.mintage.trust.internal.Crypto;
import io.mintage.trust.internal.Der;
import io.mintage.trust.internal.Envelopes;
import io.mintage.trust.internal.P256;
import io.mintage.trust.internal.SignedCms;

/**
 * A quota key (docs/formats.md, "Quota key"): the authority's delegation of a count-limited right to
 * sign device records to one station. CMS SignedData by the authority over the quota's terms, the
 * batch certificate and the batch private key enveloped to the station certificate. Immutable; what
 * {@link #read} accepts is exactly what {@link #issue} writes.
 */
public final class QuotaKey {

	static final int VERSION = 1;
	private static final String WHAT = "the quota key";
	private static final AlgorithmIdentifier P256_KEY = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
			X9ObjectIdentifiers.prime256v1);

	private final QuotaTerms terms;
	private final BatchCertificate batchCertificate;
	private final byte[] stationCertificateHash;
	private final ASN1Encodable batchKey;
	private final IssuerAndSerialNumber recipient;
	private final Instant signedAt;
	private final byte[] encoded;

	private QuotaKey(QuotaTerms terms, BatchCertificate batchCertificate, byte[] stationCertificateHash,
			ASN1Encodable batchKey, IssuerAndSerialNumber recipient, Instant signedAt, byte[] encoded) {
		this.terms = terms;
		this.batchCertificate = batchCertificate;
		this.stationCertificateHash = stationCertificateHash;
		this.batchKey = batchKey;
		this.recipient = recipient;
		this.signedAt = signedAt;
		this.encoded = encoded;
	}

	/**
	 * Checks the station certificate was issued by the authority (valid at the clock), generates a fresh
	 * P-256 batch key pair in software, has the authority sign its batch certificate, envelopes the
	 * batch private key (PKCS#8) to the station certificate and signs it all with the authority key.
	 *
	 * @throws TrustException when the station certificate is not the authority's or not valid, the
	 *                        quota would outlive it or is already over, or the authority's key is not
	 *                        its certificate's
	 */
	public static QuotaKey issue(CmsSigner authority, X509Certificate station, QuotaTerms terms, Clock clock)
			throws TrustException {
		Objects.requireNonNull(authority, "authority");
		Objects.requireNonNull(station, "station");
		Objects.requireNonNull(terms, "terms");
		AuthorityCertificates.verifyStation(station, authority.certificate(), clock);
		Instant now = clock.instant();
		Instant stationEnd = station.getNotAfter().toInstant();
		if (terms.notAfter().isAfter(stationEnd)) {
			throw new TrustException("the quota " + terms.quotaId() + " would end on " + terms.notAfter()
					+ ", after the station certificate " + SignedCms.subjectQuoted(station) + " ends on " + stationEnd
					+ "; choose an end on or before that");
		}
		if (!terms.notAfter().isAfter(now)) {
			throw new TrustException("the quota " + terms.quotaId() + " would end on " + terms.notAfter()
					+ ", which is not after now (" + now + ")");
		}
		KeyPair batch = generateBatchKey();
		BatchCertificate certificate = new CertificateIssuer(
				EcdsaSigningKey.inBackend(authority.keys(), authority.alias()))
				.issue(new BatchCertificate.Content(terms.quotaId(), terms.product(), terms.serials(), terms.notAfter(),
						P256PublicKey.fromJca(batch.getPublic())));
		byte[] pkcs8 = batch.getPrivate().getEncoded();
		ContentInfo envelope;
		try {
			envelope = Envelopes.encrypt(pkcs8, station, "the batch key of quota " + terms.quotaId());
		} finally {
			Arrays.fill(pkcs8, (byte) 0);
		}
		ASN1EncodableVector content = new ASN1EncodableVector();
		content.add(new ASN1Integer(VERSION));
		content.add(Der.octets(Der.uuid(terms.quotaId())));
		content.add(Der.octets(sha256(station)));
		content.add(new ASN1Integer(terms.product().value()));
		content.add(new ASN1Integer(terms.serials().first().value()));
		content.add(new ASN1Integer(terms.serials().count()));
		content.add(Der.time(terms.notBefore()));
		content.add(Der.time(terms.notAfter()));
		content.add(Der.octets(certificate.encode()));
		content.add(envelope);
		byte[] encoded = SignedCms.sign(authority, MintageObjectIds.QUOTA_KEY, Der.encode(new DERSequence(content)),
				SignedCms.signingTime(now), WHAT);
		// what the station will check, checked before the quota key leaves the authority
		return read(encoded, authority.certificate());
	}

	private static KeyPair generateBatchKey() throws TrustException {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Crypto.BC);
			generator.initialize(new ECGenParameterSpec("secp256r1"), Crypto.RANDOM);
			return generator.generateKeyPair();
		} catch (GeneralSecurityException e) {
			throw new TrustException("no batch key could be generated: " + Der.plain(e), e);
		}
	}

	/**
	 * Reads a quota key strictly: canonical DER of exactly the profile, signed by exactly the authority
	 * certificate {@code authority}, its content well-formed, its batch certificate matching the terms
	 * and signed by the authority key. Time and station are not checked here: {@link #checkFor} does.
	 */
	public static QuotaKey read(byte[] encoded, X509Certificate authority) throws TrustException {
		Objects.requireNonNull(authority, "authority");
		SignedCms.Verified verified = SignedCms.read(encoded, MintageObjectIds.QUOTA_KEY, WHAT,
				SignedCms.isAuthority(authority, WHAT));
		try {
			return decode(verified, authority, encoded.clone());
		} catch (RuntimeException e) {
			throw new TrustException(WHAT + "'s content is malformed: " + Der.plain(e), e);
		}
	}

	private static QuotaKey decode(SignedCms.Verified verified, X509Certificate authority, byte[] encoded)
			throws TrustException {
		String what = WHAT + "'s content";
		ASN1Sequence content = Der.sequence(Der.parse(verified.content(), what), 10, what);
		Der.version(content.getObjectAt(0), VERSION, WHAT);
		UUID quotaId = Der.uuid(content.getObjectAt(1), what + ": quotaId");
		byte[] stationHash = Der.octets(content.getObjectAt(2), 32, what + ": stationCertificateHash");
		long product = Der.unsigned32(content.getObjectAt(3), what + ": productId");
		long first = Der.unsigned32(content.getObjectAt(4), what + ": serialFirst");
		long count = Der.integer(content.getObjectAt(5), 1, SerialRange.SERIAL_LIMIT, what + ": serialCount");
		Instant notBefore = Der.time(content.getObjectAt(6), what + ": notBefore");
		Instant notAfter = Der.time(content.getObjectAt(7), what + ": notAfter");
		byte[] certificateBytes = Der.octets(content.getObjectAt(8), BatchCertificate.LENGTH,
				what + ": batchCertificate");
		IssuerAndSerialNumber recipient = Envelopes.check(content.getObjectAt(9), "the batch key in " + WHAT);
		QuotaTerms terms;
		try {
			terms = new QuotaTerms(quotaId, new ProductId(product), new SerialRange(new SerialNumber(first), count),
					notBefore, notAfter);
		} catch (IllegalArgumentException e) {
			throw new TrustException(WHAT + " has invalid terms: " + Der.plain(e));
		}
		BatchCertificate certificate;
		try {
			certificate = BatchCertificate.decode(certificateBytes);
		} catch (RecordFormatException e) {
			throw new TrustException(WHAT + "'s batch certificate is malformed: " + Der.plain(e));
		}
		BatchCertificate.Content certified = certificate.content();
		if (!certified.quotaId().equals(quotaId) || !certified.productId().equals(terms.product())
				|| !certified.serials().equals(terms.serials()) || !certified.notAfter().equals(notAfter)) {
			throw new TrustException(WHAT + "'s batch certificate (" + certificate + ") does not match its terms ("
					+ terms + ")");
		}
		if (!P256.verify(P256PublicKey.fromJca(authority.getPublicKey()), certificate.signedBytes(),
				certificate.authoritySignature())) {
			throw new TrustException(WHAT + "'s batch certificate is not signed by the authority "
					+ SignedCms.subjectQuoted(authority));
		}
		return new QuotaKey(terms, certificate, stationHash, content.getObjectAt(9), recipient, verified.signedAt(),
				encoded);
	}

	public QuotaTerms terms() {
		return terms;
	}

	public BatchCertificate batchCertificate() {
		return batchCertificate;
	}

	/** SHA-256 of the DER of the station certificate the quota is for. */
	public byte[] stationCertificateHash() {
		return stationCertificateHash.clone();
	}

	public Instant signedAt() {
		return signedAt;
	}

	/** The file: DER ContentInfo. */
	public byte[] encoded() {
		return encoded.clone();
	}

	/** The station certificate's issuer and serial number the batch key is enveloped to. */
	IssuerAndSerialNumber recipient() {
		return recipient;
	}

	/**
	 * Refuses, in plain words, a quota key for another station certificate than {@code station}, and
	 * one not yet valid or expired at {@code now} ({@code notBefore} and {@code notAfter} themselves are
	 * within).
	 */
	public void checkFor(X509Certificate station, Instant now) throws TrustException {
		Objects.requireNonNull(station, "station");
		Objects.requireNonNull(now, "now");
		if (!Arrays.equals(sha256(station), stationCertificateHash)) {
			throw new TrustException("the quota key is for another station (quota " + terms.quotaId()
					+ " is for the station certificate with SHA-256 " + shortHash(stationCertificateHash)
					+ "…, not for " + SignedCms.subjectQuoted(station) + ", " + shortHash(sha256(station)) + "…)");
		}
		if (now.isBefore(terms.notBefore())) {
			throw new TrustException("the quota key of quota " + terms.quotaId() + " is not valid before "
					+ terms.notBefore() + " (checked at " + now + ")");
		}
		if (now.isAfter(terms.notAfter())) {
			throw new TrustException("the quota key of quota " + terms.quotaId() + " expired on " + terms.notAfter()
					+ " (checked at " + now + ")");
		}
	}

	/**
	 * Decrypts the batch key with the station key {@code stationAlias} of {@code station} (the ECDH runs
	 * in the store's provider, so a token's key never leaves the token) and checks its public half is
	 * the batch certificate's {@code batch_public_key}.
	 */
	public KeyPair unwrapBatchKey(KeyStoreSession station, String stationAlias) throws TrustException {
		Objects.requireNonNull(station, "station");
		Objects.requireNonNull(stationAlias, "stationAlias");
		String what = "the batch key of quota " + terms.quotaId();
		byte[] pkcs8 = Envelopes.decrypt(batchKey, station, stationAlias, what);
		try {
			PrivateKeyInfo info = PrivateKeyInfo.getInstance(Der.parse(pkcs8, what));
			if (!P256_KEY.equals(info.getPrivateKeyAlgorithm())) {
				throw new TrustException(what + " is not an EC P-256 private key");
			}
			PrivateKey privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			BigInteger d = ((ECPrivateKey) privateKey).getS();
			if (d.signum() <= 0 || d.compareTo(P256.order()) >= 0
					|| !P256.publicKeyOf(d).equals(batchCertificate.batchPublicKey())) {
				throw new TrustException(what + " is not the key of its batch certificate's batch_public_key ("
						+ batchCertificate.batchPublicKey() + ")");
			}
			PublicKey publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
					new SubjectPublicKeyInfo(P256_KEY, batchCertificate.batchPublicKey().bytes()).getEncoded()));
			return new KeyPair(publicKey, privateKey);
		} catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
			throw new TrustException(what + " is not a readable P-256 private key: " + Der.plain(e), e);
		} finally {
			Arrays.fill(pkcs8, (byte) 0);
		}
	}

	static byte[] sha256(X509Certificate certificate) {
		return P256.sha256(SignedCms.encoded(certificate));
	}

	private static String shortHash(byte[] hash) {
		return HexFormat.of().withUpperCase().formatHex(hash, 0, 8);
	}

	@Override
	public String toString() {
		return "quota key of " + terms + ", signed at " + signedAt;
	}
}
