package io.mintage.trust.internal;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Collection;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientIdentifier;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.OriginatorPublicKey;
import org.bouncycastle.asn1.cms.RecipientEncryptedKey;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;

import io.mintage.core.sign.KeyStoreSession;
import io.mintage.trust.TrustException;

/**
 * CMS EnvelopedData (RFC 5652, RFC 5753) in Mintage's profile: one KeyAgreeRecipientInfo for the
 * station certificate (issuer and serial number), a fresh ephemeral P-256 originator key,
 * dhSinglePass-stdDH-sha256kdf-scheme with id-aes256-wrap, content AES-256-CBC. There is no integrity
 * of its own: the envelope always sits inside SignedData whose signature covers it.
 */
public final class Envelopes {

	static final AlgorithmIdentifier AES256_WRAP = new AlgorithmIdentifier(CMSAlgorithm.AES256_WRAP);
	/** How BouncyCastle writes the ephemeral key's algorithm: id-ecPublicKey with the named curve. */
	static final AlgorithmIdentifier P256_KEY = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
			X9ObjectIdentifiers.prime256v1);
	static final int ENVELOPED_DATA_VERSION = 2;
	static final int KEY_AGREE_VERSION = 3;
	/** A 32-byte key wrapped by RFC 3394 gains its 8-byte integrity block. */
	static final int WRAPPED_KEY_LENGTH = 40;

	private Envelopes() {
	}

	/** Encrypts {@code data} for the holder of the key of {@code recipient}'s certificate. */
	public static ContentInfo encrypt(byte[] data, X509Certificate recipient, String what) throws TrustException {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Crypto.BC);
			generator.initialize(new ECGenParameterSpec("secp256r1"), Crypto.RANDOM);
			KeyPair ephemeral = generator.generateKeyPair();
			CMSEnvelopedDataGenerator envelope = new CMSEnvelopedDataGenerator();
			envelope.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF,
					ephemeral.getPrivate(), ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP).setProvider(Crypto.BC)
					.setSecureRandom(Crypto.RANDOM).addRecipient(recipient));
			CMSEnvelopedData enveloped = envelope.generate(new CMSProcessableByteArray(data),
					new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(Crypto.BC)
							.setSecureRandom(Crypto.RANDOM).build());
			return enveloped.toASN1Structure();
		} catch (GeneralSecurityException | CMSException | RuntimeException e) {
			throw new TrustException(what + " could not be encrypted for the station certificate "
					+ SignedCms.subjectQuoted(recipient) + ": " + Der.plain(e), e);
		}
	}

	/**
	 * Checks {@code object} is an EnvelopedData of exactly the profile and returns its recipient, the
	 * issuer and serial number of the station certificate it was encrypted for.
	 */
	public static IssuerAndSerialNumber check(ASN1Encodable object, String what) throws TrustException {
		try {
			ContentInfo contentInfo = ContentInfo.getInstance(Der.sequence(object, 2, what));
			profile(CMSObjectIdentifiers.envelopedData.equals(contentInfo.getContentType()), what,
					"it is not EnvelopedData");
			EnvelopedData enveloped = EnvelopedData.getInstance(contentInfo.getContent());
			profile(enveloped.getVersion().hasValue(ENVELOPED_DATA_VERSION), what, "its version is not 2");
			profile(enveloped.getOriginatorInfo() == null, what, "it has originator information");
			profile(enveloped.getUnprotectedAttrs() == null, what, "it has unprotected attributes");
			profile(enveloped.getRecipientInfos().size() == 1, what, "it has not exactly one recipient");
			ASN1Encodable info = RecipientInfo.getInstance(enveloped.getRecipientInfos().getObjectAt(0)).getInfo();
			profile(info instanceof KeyAgreeRecipientInfo, what, "its recipient is not a key agreement recipient");
			KeyAgreeRecipientInfo agree = (KeyAgreeRecipientInfo) info;
			profile(agree.getVersion().hasValue(KEY_AGREE_VERSION), what, "its KeyAgreeRecipientInfo version is not 3");
			profile(agree.getUserKeyingMaterial() == null, what, "it has user keying material");
			OriginatorPublicKey originator = agree.getOriginator().getOriginatorKey();
			profile(originator != null, what, "its originator is not an ephemeral public key");
			profile(P256_KEY.equals(originator.getAlgorithm()), what,
					"its originator key is not an EC key with the prime256v1 parameters");
			profile(originator.getPublicKey().getPadBits() == 0
					&& P256.isValidPoint(originator.getPublicKey().getOctets())
					&& originator.getPublicKey().getOctets().length == 65, what,
					"its originator key is not an uncompressed point on P-256");
			AlgorithmIdentifier keyEncryption = agree.getKeyEncryptionAlgorithm();
			profile(CMSAlgorithm.ECDH_SHA256KDF.equals(keyEncryption.getAlgorithm())
					&& AES256_WRAP.equals(AlgorithmIdentifier.getInstance(keyEncryption.getParameters())), what,
					"its key encryption is not dhSinglePass-stdDH-sha256kdf-scheme with id-aes256-wrap");
			ASN1Sequence keys = agree.getRecipientEncryptedKeys();
			profile(keys.size() == 1, what, "it has not exactly one encrypted key");
			RecipientEncryptedKey key = RecipientEncryptedKey.getInstance(keys.getObjectAt(0));
			KeyAgreeRecipientIdentifier identifier = key.getIdentifier();
			profile(identifier.getIssuerAndSerialNumber() != null, what,
					"its recipient is not named by issuer and serial number");
			profile(key.getEncryptedKey().getOctets().length == WRAPPED_KEY_LENGTH, what,
					"its encrypted key is not a wrapped 256-bit key");
			EncryptedContentInfo content = enveloped.getEncryptedContentInfo();
			profile(CMSObjectIdentifiers.data.equals(content.getContentType()), what, "its content type is not id-data");
			AlgorithmIdentifier cipher = content.getContentEncryptionAlgorithm();
			profile(CMSAlgorithm.AES256_CBC.equals(cipher.getAlgorithm())
					&& cipher.getParameters() instanceof ASN1OctetString iv && iv.getOctets().length == 16, what,
					"its content encryption is not AES-256-CBC with a 16-byte IV");
			ASN1OctetString encrypted = content.getEncryptedContent();
			profile(encrypted != null && encrypted.getOctets().length > 0 && encrypted.getOctets().length % 16 == 0,
					what, "its encrypted content is missing or not whole AES blocks");
			return identifier.getIssuerAndSerialNumber();
		} catch (RuntimeException e) {
			throw new TrustException(what + " is not CMS EnvelopedData of Mintage's profile: " + Der.plain(e), e);
		}
	}

	/**
	 * Decrypts an envelope {@link #check} accepted with the key {@code alias} of {@code store}, whose
	 * ECDH agreement runs in the store's provider.
	 */
	public static byte[] decrypt(ASN1Encodable object, KeyStoreSession store, String alias, String what)
			throws TrustException {
		check(object, what);
		try {
			Collection<RecipientInformation> recipients = new CMSEnvelopedData(ContentInfo.getInstance(object))
					.getRecipientInfos().getRecipients();
			return recipients.iterator().next().getContent(new BackendKeyAgreeRecipient(store, alias));
		} catch (CMSException | RuntimeException e) {
			Throwable reason = e.getCause() instanceof CMSException cause ? cause : e;
			throw new TrustException(what + " could not be decrypted with the key '" + alias + "' of "
					+ store.description() + ": " + Der.plain(reason), e);
		}
	}

	private static void profile(boolean holds, String what, String otherwise) throws TrustException {
		if (!holds) {
			throw new TrustException(what + " does not follow Mintage's CMS profile: " + otherwise);
		}
	}
}
