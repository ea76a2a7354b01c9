package io.mintage.trust.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import io.mintage.trust.CmsSigner;
import io.mintage.trust.TrustException;

/**
 * CMS SignedData (RFC 5652) in Mintage's profile (docs/formats.md): version 3, one SignerInfo named by
 * issuer and serial number, SHA-256 and ecdsa-with-SHA256, signed attributes exactly contentType,
 * messageDigest and signingTime, the content encapsulated, exactly the signer's certificate, no CRLs,
 * no unsigned attributes, DER. BouncyCastle builds and verifies; the signature is made inside the
 * backend that holds the key ({@link BackendContentSigner}). Reading refuses anything else.
 */
public final class SignedCms {

	/** SHA-256 without parameters, as RFC 5754 says to write it. */
	static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
	static final AlgorithmIdentifier ECDSA_WITH_SHA256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
	private static final int SIGNED_DATA_VERSION = 3;
	private static final int SIGNER_INFO_VERSION = 1;

	/** What a reader gets once the profile and the signature are checked. */
	public record Verified(byte[] content, X509Certificate signer, Instant signedAt) {
	}

	/**
	 * Decides whether the certificate inside is an acceptable signer, before the signature is checked:
	 * the trusted authority's, byte for byte, or a station's the authority issued.
	 */
	@FunctionalInterface
	public interface SignerCheck {
		void check(X509Certificate signer, Instant signedAt) throws TrustException;
	}

	private SignedCms() {
	}

	/**
	 * Signs {@code content} (the DER of the object's content) as eContent of type {@code contentType}
	 * with signingTime {@code signedAt} (whole seconds) and returns the DER ContentInfo.
	 */
	public static byte[] sign(CmsSigner signer, String contentType, byte[] content, Instant signedAt, String what)
			throws TrustException {
		Objects.requireNonNull(signer, "signer");
		if (signedAt.getNano() != 0) {
			throw new IllegalArgumentException("signingTime is whole seconds, not " + signedAt);
		}
		BackendContentSigner contentSigner = new BackendContentSigner(signer.keys(), signer.alias());
		try {
			if (!Arrays.equals(signer.keys().publicKey(signer.alias()).getEncoded(),
					signer.certificate().getPublicKey().getEncoded())) {
				throw new TrustException("the " + contentSigner.describe() + " is not the key of the certificate "
						+ subject(signer.certificate()) + "; " + what + " was not signed");
			}
			CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
			generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
					new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC).build())
					.setSignedAttributeGenerator(new ProfileAttributes(signedAt))
					.build(contentSigner, signer.certificate()));
			generator.addCertificate(new JcaX509CertificateHolder(signer.certificate()));
			CMSSignedData signed = generator.generate(
					new CMSProcessableByteArray(new ASN1ObjectIdentifier(contentType), content), true);
			return Der.encode(signed.toASN1Structure());
		} catch (RuntimeOperatorException e) {
			throw new TrustException(Der.plain(e) + "; " + what + " was not signed", e);
		} catch (CMSException | OperatorCreationException | CertificateEncodingException e) {
			Throwable cause = e.getCause() instanceof RuntimeOperatorException operator ? operator : e;
			throw new TrustException(what + " could not be signed: " + Der.plain(cause), e);
		} catch (GeneralSecurityException e) {
			throw new TrustException(contentSigner.describe() + ": cannot read the public key: " + Der.plain(e), e);
		}
	}

	/**
	 * Reads {@code encoded} strictly: canonical DER of a ContentInfo holding SignedData of exactly the
	 * profile with eContentType {@code contentType}; the signer certificate passes {@code check}; the
	 * signature verifies with its key. {@code what} names the object in messages ("the quota key").
	 */
	public static Verified read(byte[] encoded, String contentType, String what, SignerCheck check)
			throws TrustException {
		ASN1Primitive parsed = Der.parse(encoded, what);
		try {
			return verify(parsed, contentType, what, check);
		} catch (RuntimeException e) {
			// BouncyCastle's getInstance methods throw IllegalArgumentException for a wrong structure
			throw new TrustException(what + " is not a CMS SignedData object of Mintage's profile: " + Der.plain(e), e);
		}
	}

	/**
	 * Reads the frame of a SignedData whose eContent was taken out, for a reader that streams the content
	 * itself ({@code io.mintage.trust.ProductionReportReader}): {@code skeleton} is the DER ContentInfo
	 * exactly as the file has it but with an empty eContent. Everything {@link #read} checks is checked
	 * here but the content digest: the profile, the signer, and the signature over the signed attributes,
	 * whose contentType must be {@code contentType}. The messageDigest the signature covers is returned;
	 * the caller compares it with the SHA-256 of the content it streamed ({@link Detached#checkDigest}).
	 */
	public static Detached readDetached(byte[] skeleton, String contentType, String what, SignerCheck check)
			throws TrustException {
		ASN1Primitive parsed = Der.parse(skeleton, what);
		try {
			Profiled profiled = profile(parsed, contentType, what, check);
			return new Detached(profiled.signer(), profiled.signedAt(), signedDigest(profiled, what), what);
		} catch (RuntimeException e) {
			throw new TrustException(what + " is not a CMS SignedData object of Mintage's profile: " + Der.plain(e), e);
		}
	}

	/** What {@link #readDetached} found: a signer whose signature holds over a content digest still to compare. */
	public static final class Detached {

		private final X509Certificate signer;
		private final Instant signedAt;
		private final byte[] messageDigest;
		private final String what;

		Detached(X509Certificate signer, Instant signedAt, byte[] messageDigest, String what) {
			this.signer = signer;
			this.signedAt = signedAt;
			this.messageDigest = messageDigest;
			this.what = what;
		}

		public X509Certificate signer() {
			return signer;
		}

		public Instant signedAt() {
			return signedAt;
		}

		/** Refuses the object unless {@code contentSha256} is the digest its signature covers. */
		public void checkDigest(byte[] contentSha256) throws TrustException {
			if (!MessageDigest.isEqual(messageDigest, contentSha256)) {
				throw new TrustException(what + " is not signed by " + subjectQuoted(signer)
						+ ": the signature does not verify, so it was changed after signing (its content's SHA-256 is"
						+ " not the one the signature covers)");
			}
		}
	}

	/** The checks before the signature, the same for both readers. */
	private record Profiled(ContentInfo contentInfo, ASN1ObjectIdentifier contentType, byte[] content,
			SignerInfo info, X509Certificate signer, Instant signedAt) {
	}

	/**
	 * The signature over the signed attributes with the signer's key, as BouncyCastle's
	 * {@code SignerInformation.verify} makes it, and its contentType attribute; returns the messageDigest
	 * attribute's value. Any failure is the same refusal as a failed signature in {@link #read}.
	 */
	private static byte[] signedDigest(Profiled profiled, String what) throws TrustException {
		String broken = what + " is not signed by " + subjectQuoted(profiled.signer())
				+ ": the signature does not verify, so it was changed after signing";
		AttributeTable attributes = new AttributeTable(profiled.info().getAuthenticatedAttributes());
		ASN1Primitive type = attributes.get(CMSAttributes.contentType).getAttrValues().getObjectAt(0).toASN1Primitive();
		ASN1Primitive digest = attributes.get(CMSAttributes.messageDigest).getAttrValues().getObjectAt(0)
				.toASN1Primitive();
		if (!profiled.contentType().equals(type) || !(digest instanceof ASN1OctetString octets)) {
			throw new TrustException(broken);
		}
		boolean valid;
		try {
			Signature signature = Signature.getInstance("SHA256withECDSA", Crypto.BC);
			signature.initVerify(profiled.signer().getPublicKey());
			signature.update(profiled.info().getAuthenticatedAttributes().getEncoded(ASN1Encoding.DER));
			valid = signature.verify(profiled.info().getEncryptedDigest().getOctets());
		} catch (GeneralSecurityException | IOException e) {
			valid = false;
		}
		if (!valid) {
			throw new TrustException(broken);
		}
		return octets.getOctets();
	}

	private static Verified verify(ASN1Primitive parsed, String contentType, String what, SignerCheck check)
			throws TrustException {
		Profiled profiled = profile(parsed, contentType, what, check);
		X509Certificate signer = profiled.signer();
		boolean valid;
		try {
			SignerInformation signerInformation = new CMSSignedData(profiled.contentInfo()).getSignerInfos().getSigners()
					.iterator().next();
			// by key, not certificate: whether a certificate was valid at signingTime is the check's business
			valid = signerInformation.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.BC)
					.build(signer.getPublicKey()));
		} catch (CMSException | OperatorCreationException e) {
			valid = false;
		}
		if (!valid) {
			throw new TrustException(what + " is not signed by " + subjectQuoted(signer)
					+ ": the signature does not verify, so it was changed after signing");
		}
		return new Verified(profiled.content(), signer, profiled.signedAt());
	}

	private static Profiled profile(ASN1Primitive parsed, String contentType, String what, SignerCheck check)
			throws TrustException {
		ASN1Sequence outer = Der.sequence(parsed, 2, what + " (ContentInfo)");
		ContentInfo contentInfo = ContentInfo.getInstance(outer);
		if (!CMSObjectIdentifiers.signedData.equals(contentInfo.getContentType())) {
			throw new TrustException(what + " is not CMS SignedData (its content type is "
					+ contentInfo.getContentType() + ")");
		}
		SignedData signedData = SignedData.getInstance(contentInfo.getContent());
		profile(signedData.getVersion().hasValue(SIGNED_DATA_VERSION), what, "SignedData version is not 3");
		ASN1Set digests = signedData.getDigestAlgorithms();
		profile(digests.size() == 1 && SHA256.equals(AlgorithmIdentifier.getInstance(digests.getObjectAt(0))), what,
				"its digest algorithms are not exactly SHA-256");
		ContentInfo encapsulated = signedData.getEncapContentInfo();
		if (!new ASN1ObjectIdentifier(contentType).equals(encapsulated.getContentType())) {
			throw new TrustException(what + " holds content of type " + encapsulated.getContentType() + ", not "
					+ contentType);
		}
		profile(encapsulated.getContent() instanceof ASN1OctetString, what, "its content is not encapsulated");
		byte[] content = ((ASN1OctetString) encapsulated.getContent()).getOctets();
		ASN1Set certificates = signedData.getCertificates();
		profile(certificates != null && certificates.size() == 1
				&& certificates.getObjectAt(0).toASN1Primitive() instanceof ASN1Sequence, what,
				"it does not carry exactly one certificate, its signer's");
		profile(signedData.getCRLs() == null, what, "it carries CRLs");
		profile(signedData.getSignerInfos().size() == 1, what, "it does not have exactly one signer");

		X509Certificate signer = certificate(Certificate.getInstance(certificates.getObjectAt(0)), what);
		ASN1Sequence rawInfo = Der.sequence(signedData.getSignerInfos().getObjectAt(0), 6, what + "'s SignerInfo");
		// BouncyCastle takes any context tag for the signed attributes and re-tags them to verify; the
		// profile has them as [0] and nothing else, so that no tag bit of the file goes unchecked
		profile(Der.hasTag(rawInfo.getObjectAt(3), 0), what, "its signed attributes are not tagged [0]");
		SignerInfo info = SignerInfo.getInstance(rawInfo);
		profile(info.getVersion().hasValue(SIGNER_INFO_VERSION), what, "SignerInfo version is not 1");
		SignerIdentifier sid = info.getSID();
		profile(!sid.isTagged(), what, "its signer is not named by issuer and serial number");
		IssuerAndSerialNumber issuerAndSerial = IssuerAndSerialNumber.getInstance(sid.getId());
		// the names as bytes: X500Name.equals ignores case and spacing, and the SignerInfo's sid is not signed
		profile(Arrays.equals(Der.encode(issuerAndSerial.getName()), signer.getIssuerX500Principal().getEncoded())
				&& issuerAndSerial.getSerialNumber().hasValue(signer.getSerialNumber()), what,
				"its signer is not the certificate it carries");
		profile(SHA256.equals(info.getDigestAlgorithm()), what, "its signer's digest is not SHA-256");
		profile(ECDSA_WITH_SHA256.equals(info.getDigestEncryptionAlgorithm()), what,
				"its signature algorithm is not ecdsa-with-SHA256");
		profile(info.getUnauthenticatedAttributes() == null, what, "it has unsigned attributes");
		Instant signedAt = signedAttributes(info.getAuthenticatedAttributes(), what);

		check.check(signer, signedAt);
		return new Profiled(contentInfo, encapsulated.getContentType(), content, info, signer, signedAt);
	}

	private static Instant signedAttributes(ASN1Set attributes, String what) throws TrustException {
		profile(attributes != null && attributes.size() == 3, what,
				"its signed attributes are not exactly contentType, messageDigest and signingTime");
		Instant signedAt = null;
		boolean contentType = false;
		boolean messageDigest = false;
		for (ASN1Encodable element : attributes) {
			Attribute attribute = Attribute.getInstance(element);
			profile(attribute.getAttrValues().size() == 1, what, "a signed attribute has not exactly one value");
			ASN1ObjectIdentifier type = attribute.getAttrType();
			if (CMSAttributes.contentType.equals(type)) {
				contentType = true;
			} else if (CMSAttributes.messageDigest.equals(type)) {
				messageDigest = true;
			} else if (CMSAttributes.signingTime.equals(type) && signedAt == null) {
				try {
					signedAt = Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
				} catch (RuntimeException e) {
					throw new TrustException(what + " has an unreadable signingTime: " + Der.plain(e));
				}
			}
		}
		profile(contentType && messageDigest && signedAt != null, what,
				"its signed attributes are not exactly contentType, messageDigest and signingTime");
		return signedAt;
	}

	private static X509Certificate certificate(Certificate certificate, String what) throws TrustException {
		try {
			return new JcaX509CertificateConverter().getCertificate(new X509CertificateHolder(certificate));
		} catch (CertificateException e) {
			throw new TrustException(what + " carries a certificate that cannot be read: " + Der.plain(e));
		}
	}

	private static void profile(boolean holds, String what, String otherwise) throws TrustException {
		if (!holds) {
			throw new TrustException(what + " does not follow Mintage's CMS profile: " + otherwise);
		}
	}

	public static String subject(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().getName();
	}

	public static String subjectQuoted(X509Certificate certificate) {
		return "'" + subject(certificate) + "'";
	}

	/** The signing time this profile writes: the clock's instant to the second (UTCTime has no fraction). */
	public static Instant signingTime(Instant now) {
		return now.truncatedTo(ChronoUnit.SECONDS);
	}

	/** A check that the signer is exactly {@code authority} (DER byte for byte). */
	public static SignerCheck isAuthority(X509Certificate authority, String what) {
		byte[] trusted = encoded(authority);
		return (signer, signedAt) -> {
			if (!Arrays.equals(trusted, encoded(signer))) {
				throw new TrustException(what + " is not signed by the authority " + subjectQuoted(authority)
						+ ": its signer is " + subjectQuoted(signer)
						+ (subject(signer).equals(subject(authority)) ? " with another certificate" : ""));
			}
		};
	}

	public static byte[] encoded(X509Certificate certificate) {
		try {
			return certificate.getEncoded();
		} catch (CertificateEncodingException e) {
			throw new IllegalArgumentException("the certificate " + subject(certificate) + " cannot be encoded", e);
		}
	}

	/** contentType, messageDigest and signingTime, nothing else (BouncyCastle's default adds more). */
	private static final class ProfileAttributes implements CMSAttributeTableGenerator {

		private final Instant signedAt;

		ProfileAttributes(Instant signedAt) {
			this.signedAt = signedAt;
		}

		@Override
		public AttributeTable getAttributes(@SuppressWarnings("rawtypes") Map parameters) {
			ASN1EncodableVector attributes = new ASN1EncodableVector();
			attributes.add(new Attribute(CMSAttributes.contentType,
					new DERSet((ASN1ObjectIdentifier) parameters.get(CMSAttributeTableGenerator.CONTENT_TYPE))));
			attributes.add(new Attribute(CMSAttributes.messageDigest,
					new DERSet(new DEROctetString((byte[]) parameters.get(CMSAttributeTableGenerator.DIGEST)))));
			attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signedAt)))));
			return new AttributeTable(attributes);
		}
	}
}
