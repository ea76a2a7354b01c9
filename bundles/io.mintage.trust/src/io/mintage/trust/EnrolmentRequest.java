package io.mintage.trust;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import io.mintage.core.sign.SigningKeys;
import io.mintage.trust.internal.BackendContentSigner;

/**
 * A station's PKCS#10 certification request (RFC 2986): subject CN = the station's name, the station's
 * P-256 public key, signed by the station key (ecdsa-with-SHA256) so the authority knows the station
 * holds it. Immutable; {@link #encoded()} is the DER.
 */
public final class EnrolmentRequest {

	/** X.520 ub-common-name. */
	static final int MAX_NAME_LENGTH = 64;

	private final PKCS10CertificationRequest request;

	private EnrolmentRequest(PKCS10CertificationRequest request) {
		this.request = request;
	}

	/** Makes the request for the station {@code stationName} with the key {@code alias} of {@code keys}. */
	public static EnrolmentRequest create(SigningKeys keys, String alias, String stationName) throws TrustException {
		X500Name subject = commonName(stationName, "station name");
		BackendContentSigner signer = new BackendContentSigner(keys, alias);
		PublicKey publicKey;
		try {
			publicKey = keys.publicKey(alias);
		} catch (GeneralSecurityException e) {
			throw new TrustException(signer.describe() + ": cannot read the public key: " + e.getMessage(), e);
		}
		PKCS10CertificationRequest request;
		try {
			request = new JcaPKCS10CertificationRequestBuilder(subject, publicKey).build(signer);
		} catch (RuntimeOperatorException e) {
			throw new TrustException(e.getMessage(), e);
		}
		EnrolmentRequest made = new EnrolmentRequest(request);
		if (!made.isP256()) {
			throw new TrustException(signer.describe() + " is not a P-256 key; a station key must be");
		}
		if (!made.signatureValid()) {
			throw new TrustException(signer.describe()
					+ " made a signature its own public key does not verify; no request was made");
		}
		return made;
	}

	/** Reads a DER request; it is not checked here but when the authority {@linkplain AuthorityCertificates#issueStation issues}. */
	public static EnrolmentRequest fromDer(byte[] der) throws TrustException {
		Objects.requireNonNull(der, "der");
		try {
			return new EnrolmentRequest(new PKCS10CertificationRequest(der));
		} catch (IOException | RuntimeException e) {
			throw new TrustException("this is not a PKCS#10 certification request: " + e.getMessage(), e);
		}
	}

	static EnrolmentRequest of(PKCS10CertificationRequest request) {
		return new EnrolmentRequest(request);
	}

	public byte[] encoded() {
		try {
			return request.getEncoded();
		} catch (IOException e) {
			throw new IllegalStateException("a parsed request could not be encoded again", e);
		}
	}

	/** The subject's common name, the station's name; empty when the subject has no CN. */
	public String stationName() {
		RDN[] cns = request.getSubject().getRDNs(BCStyle.CN);
		return cns.length == 0 ? "" : IETFUtils.valueToString(cns[0].getFirst().getValue());
	}

	/** The subject as written in the request, e.g. {@code CN=Station 1}. */
	public String subject() {
		return request.getSubject().toString();
	}

	PKCS10CertificationRequest request() {
		return request;
	}

	SubjectPublicKeyInfo publicKeyInfo() {
		return request.getSubjectPublicKeyInfo();
	}

	/** id-ecPublicKey with the named curve prime256v1 (secp256r1); nothing else is a P-256 key. */
	boolean isP256() {
		return isP256(request.getSubjectPublicKeyInfo());
	}

	static boolean isP256(SubjectPublicKeyInfo info) {
		ASN1Encodable parameters = info.getAlgorithm().getParameters();
		return X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())
				&& parameters instanceof ASN1ObjectIdentifier curve && X9ObjectIdentifiers.prime256v1.equals(curve);
	}

	/** The request's public key; call only after {@link #isP256()}. */
	PublicKey publicKey() throws TrustException {
		try {
			return KeyFactory.getInstance("EC")
					.generatePublic(new X509EncodedKeySpec(request.getSubjectPublicKeyInfo().getEncoded()));
		} catch (GeneralSecurityException | IOException e) {
			throw new TrustException("the " + this + " is refused: its public key cannot be read: " + e.getMessage(),
					e);
		}
	}

	/** Whether the request's signature verifies with its own public key (proof of possession). */
	boolean signatureValid() throws TrustException {
		PublicKey key = publicKey();
		try {
			return request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
		} catch (PKCSException | RuntimeException e) {
			return false; // a signature that is not even DER
		} catch (OperatorCreationException e) {
			throw new TrustException("the signature of the " + this + " cannot be checked: " + e.getMessage(), e);
		}
	}

	static X500Name commonName(String name, String what) throws TrustException {
		Objects.requireNonNull(name, what);
		if (name.isBlank()) {
			throw new TrustException("the " + what + " is empty");
		}
		if (name.length() > MAX_NAME_LENGTH) {
			throw new TrustException("the " + what + " is " + name.length() + " characters long; at most "
					+ MAX_NAME_LENGTH + " fit a certificate's common name");
		}
		if (!name.strip().equals(name) || name.chars().anyMatch(Character::isISOControl)) {
			throw new TrustException("the " + what + " '" + name.strip()
					+ "' has spaces at its ends or control characters");
		}
		return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
	}

	@Override
	public String toString() {
		return "enrolment request of " + subject();
	}
}
