package io.mintage.trust.internal;

import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;

import javax.crypto.KeyAgreement;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.ecc.ECCCMSSharedInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyAgreeRecipient;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.AESWrapEngine;
import org.bouncycastle.crypto.generators.KDF2BytesGenerator;
import org.bouncycastle.crypto.io.CipherInputStream;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.operator.InputDecryptor;
import org.bouncycastle.util.Pack;

import io.mintage.core.sign.KeyStoreSession;
import io.mintage.core.sign.SigningException;

/**
 * The station's side of an EnvelopedData KeyAgreeRecipientInfo (RFC 5753,
 * dhSinglePass-stdDH-sha256kdf-scheme with id-aes256-wrap, content AES-256-CBC) for a key that stays in
 * its key store. BouncyCastle's JceKeyAgreeEnvelopedRecipient asks the key's provider for the whole
 * "ECDH with KDF" agreement, which SunPKCS11 does not offer; so only the raw ECDH runs where the key
 * lives ({@link KeyStoreSession#provider()}, the same call for a software keystore and a token) and
 * BouncyCastle's pieces do the rest here: the ANSI X9.63 KDF with SHA-256 over the DER
 * ECC-CMS-SharedInfo, the AES key unwrap (RFC 3394) and the CBC decryption.
 */
public final class BackendKeyAgreeRecipient implements KeyAgreeRecipient {

	private static final int KEK_BITS = 256;
	private static final int IV_LENGTH = 16;

	private final KeyStoreSession store;
	private final String alias;

	public BackendKeyAgreeRecipient(KeyStoreSession store, String alias) {
		this.store = Objects.requireNonNull(store, "store");
		this.alias = Objects.requireNonNull(alias, "alias");
	}

	/** The station key is P-256: BouncyCastle gives the originator's bare point these parameters. */
	@Override
	public AlgorithmIdentifier getPrivateKeyAlgorithmIdentifier() {
		return new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, X9ObjectIdentifiers.prime256v1);
	}

	@Override
	public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncryptionAlgorithm,
			AlgorithmIdentifier contentEncryptionAlgorithm, SubjectPublicKeyInfo originator,
			ASN1OctetString userKeyingMaterial, byte[] encryptedKey) throws CMSException {
		if (!CMSAlgorithm.ECDH_SHA256KDF.equals(keyEncryptionAlgorithm.getAlgorithm())) {
			throw new CMSException("the key agreement is " + keyEncryptionAlgorithm.getAlgorithm()
					+ ", not dhSinglePass-stdDH-sha256kdf-scheme");
		}
		AlgorithmIdentifier wrap = AlgorithmIdentifier.getInstance(keyEncryptionAlgorithm.getParameters());
		if (!CMSAlgorithm.AES256_WRAP.equals(wrap.getAlgorithm())) {
			throw new CMSException("the key wrap is " + wrap.getAlgorithm() + ", not id-aes256-wrap");
		}
		if (!CMSAlgorithm.AES256_CBC.equals(contentEncryptionAlgorithm.getAlgorithm())) {
			throw new CMSException("the content encryption is " + contentEncryptionAlgorithm.getAlgorithm()
					+ ", not AES-256-CBC");
		}
		byte[] iv = ASN1OctetString.getInstance(contentEncryptionAlgorithm.getParameters()).getOctets();
		if (iv.length != IV_LENGTH) {
			throw new CMSException("the AES-CBC IV has " + iv.length + " bytes, not 16");
		}
		if (!P256.isValidPoint(originator.getPublicKeyData().getOctets())) {
			throw new CMSException("the originator's key is not a point on P-256");
		}
		byte[] shared = null;
		byte[] kek = new byte[KEK_BITS / 8];
		try {
			shared = agree(originator);
			byte[] sharedInfo = new ECCCMSSharedInfo(wrap,
					userKeyingMaterial == null ? null : userKeyingMaterial.getOctets(), Pack.intToBigEndian(KEK_BITS))
					.getEncoded(ASN1Encoding.DER);
			KDF2BytesGenerator kdf = new KDF2BytesGenerator(new SHA256Digest());
			kdf.init(new KDFParameters(shared, sharedInfo));
			kdf.generateBytes(kek, 0, kek.length);
			AESWrapEngine unwrap = new AESWrapEngine();
			unwrap.init(false, new KeyParameter(kek));
			byte[] contentKey = unwrap.unwrap(encryptedKey, 0, encryptedKey.length);
			return new RecipientOperator(new CbcDecryptor(contentEncryptionAlgorithm, contentKey, iv));
		} catch (InvalidCipherTextException e) {
			throw new CMSException("the content key does not unwrap with the key '" + alias + "' of "
					+ store.description() + ": it was encrypted for another key", e);
		} catch (java.io.IOException e) {
			throw new CMSException("the key derivation input could not be encoded: " + Der.plain(e), e);
		} finally {
			if (shared != null) {
				Arrays.fill(shared, (byte) 0);
			}
			Arrays.fill(kek, (byte) 0);
		}
	}

	/** The raw ECDH secret (the X coordinate), computed by the key store's provider. */
	private byte[] agree(SubjectPublicKeyInfo originator) throws CMSException {
		try {
			PublicKey originatorKey = KeyFactory.getInstance("EC")
					.generatePublic(new X509EncodedKeySpec(originator.getEncoded(ASN1Encoding.DER)));
			KeyAgreement agreement = KeyAgreement.getInstance("ECDH", store.provider());
			agreement.init(store.privateKey(alias));
			agreement.doPhase(originatorKey, true);
			return agreement.generateSecret();
		} catch (SigningException e) {
			throw new CMSException(Der.plain(e), e);
		} catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
			throw new CMSException("the ECDH key agreement with the key '" + alias + "' of " + store.description()
					+ " failed: " + Der.plain(e), e);
		}
	}

	/** AES-256-CBC with PKCS#7 padding (RFC 5652 6.3), BouncyCastle's lightweight implementation. */
	private static final class CbcDecryptor implements InputDecryptor {

		private final AlgorithmIdentifier algorithm;
		private final PaddedBufferedBlockCipher cipher;

		CbcDecryptor(AlgorithmIdentifier algorithm, byte[] key, byte[] iv) {
			this.algorithm = algorithm;
			this.cipher = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(AESEngine.newInstance()),
					new PKCS7Padding());
			cipher.init(false, new ParametersWithIV(new KeyParameter(key), iv));
			Arrays.fill(key, (byte) 0);
		}

		@Override
		public AlgorithmIdentifier getAlgorithmIdentifier() {
			return algorithm;
		}

		@Override
		public InputStream getInputStream(InputStream encrypted) {
			return new CipherInputStream(encrypted, cipher);
		}
	}
}
