package io.mintage.trust;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.RuntimeOperatorException;

import io.mintage.core.sign.SigningKeys;
import io.mintage.trust.internal.BackendContentSigner;

/**
 * The authority's X.509 side of enrolment (docs/formats.md, "Authority and station certificates"): its
 * self-signed CA certificate, station certificates issued from PKCS#10 requests, and the check of a
 * station certificate against the CA certificate. Every signature is made by a key in a signing backend
 * ({@link SigningKeys}); the private key never leaves it.
 */
public final class AuthorityCertificates {

	/** notBefore is this much before now, so a clock a little behind still accepts a new certificate. */
	public static final Duration BACKDATE = Duration.ofMinutes(5);

	static final int KEY_USAGE_DIGITAL_SIGNATURE = 0;
	static final int KEY_USAGE_KEY_AGREEMENT = 4;
	static final int KEY_USAGE_KEY_CERT_SIGN = 5;
	static final int KEY_USAGE_CRL_SIGN = 6;

	private static final SecureRandom RANDOM = new SecureRandom();

	private AuthorityCertificates() {
	}

	/**
	 * Makes the authority's self-signed CA certificate for the key {@code alias} of {@code keys}: subject
	 * and issuer CN = {@code commonName}, valid from now − 5 min to {@code notAfter}. Besides signing
	 * certificates and CRLs it allows digitalSignature, because the authority signs quota keys and job
	 * packages (CMS SignedData) with the same certificate and {@code openssl cms -verify} requires it.
	 */
	public static X509Certificate createAuthority(SigningKeys keys, String alias, String commonName, Instant notAfter,
			Clock clock) throws TrustException {
		X500Name name = EnrolmentRequest.commonName(commonName, "authority name");
		BackendContentSigner signer = new BackendContentSigner(keys, alias);
		PublicKey publicKey = p256PublicKey(keys, alias, signer);
		Instant now = clock.instant();
		checkEnd(now, notAfter, "the authority certificate");
		try {
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serialNumber(),
					Date.from(now.minus(BACKDATE)), Date.from(notAfter), name, publicKey)
					.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
					.addExtension(Extension.keyUsage, true,
							new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
					.addExtension(Extension.subjectKeyIdentifier, false,
							extensions.createSubjectKeyIdentifier(publicKey));
			return signAndCheck(builder, signer, publicKey, "CA certificate");
		} catch (NoSuchAlgorithmException | CertIOException e) {
			throw new TrustException("the CA certificate could not be made: " + e.getMessage(), e);
		}
	}

	/**
	 * Issues the station certificate for {@code request} with the authority key {@code alias} of
	 * {@code keys}, whose CA certificate is {@code authority}: subject CN = the request's station name,
	 * valid from now − 5 min to {@code notAfter}.
	 *
	 * @throws TrustException when the request's signature is invalid, its key is not P-256,
	 *                        {@code notAfter} is after the CA certificate's end or already past, or the
	 *                        key is not the one of {@code authority}
	 */
	public static X509Certificate issueStation(SigningKeys keys, String alias, X509Certificate authority,
			EnrolmentRequest request, Instant notAfter, Clock clock) throws TrustException {
		Objects.requireNonNull(authority, "authority");
		Objects.requireNonNull(request, "request");
		BackendContentSigner signer = new BackendContentSigner(keys, alias);
		PublicKey authorityKey = p256PublicKey(keys, alias, signer);
		if (!Arrays.equals(authorityKey.getEncoded(), authority.getPublicKey().getEncoded())) {
			throw new TrustException("the " + signer.describe() + " is not the key of the CA certificate "
					+ subjectOf(authority) + "; no certificate was issued");
		}
		if (authority.getBasicConstraints() < 0) {
			throw new TrustException("the certificate " + subjectOf(authority) + " is not a CA certificate");
		}
		if (!request.isP256()) {
			throw new TrustException("the " + request + " is refused: its key is not an EC P-256 key ("
					+ describeKey(request.publicKeyInfo()) + ")");
		}
		if (!request.signatureValid()) {
			throw new TrustException("the " + request
					+ " is refused: its signature is invalid, so it does not prove the station holds the key");
		}
		X500Name subject = EnrolmentRequest.commonName(request.stationName(), "station name in the request");
		Instant now = clock.instant();
		checkEnd(now, notAfter, "the station certificate");
		Instant authorityEnd = authority.getNotAfter().toInstant();
		if (notAfter.isAfter(authorityEnd)) {
			throw new TrustException("the station certificate would be valid until " + notAfter
					+ ", after the CA certificate " + subjectOf(authority) + " ends on " + authorityEnd
					+ "; choose an end on or before that");
		}
		if (!now.isBefore(authorityEnd)) {
			throw new TrustException("the CA certificate " + subjectOf(authority) + " ended on " + authorityEnd);
		}
		try {
			PublicKey stationKey = request.publicKey();
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(authority, serialNumber(),
					Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject, stationKey)
					.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
					.addExtension(Extension.keyUsage, true,
							new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
					.addExtension(Extension.authorityKeyIdentifier, false,
							extensions.createAuthorityKeyIdentifier(authority))
					.addExtension(Extension.subjectKeyIdentifier, false,
							extensions.createSubjectKeyIdentifier(stationKey));
			return signAndCheck(builder, signer, authorityKey, "station certificate");
		} catch (GeneralSecurityException | java.io.IOException e) {
			throw new TrustException("the station certificate could not be made: " + e.getMessage(), e);
		}
	}

	/**
	 * Checks that {@code station} is a station certificate issued by {@code authority} and valid at the
	 * clock's instant: the authority is a CA allowed to sign certificates, the station certificate's
	 * issuer is the authority's subject, its signature verifies with the authority's key, both are valid
	 * at that instant, and the station certificate is an end-entity for signing and key agreement.
	 */
	public static void verifyStation(X509Certificate station, X509Certificate authority, Clock clock)
			throws TrustException {
		Objects.requireNonNull(station, "station");
		Objects.requireNonNull(authority, "authority");
		String stationName = "the station certificate " + subjectOf(station);
		String authorityName = "the authority certificate " + subjectOf(authority);
		if (authority.getBasicConstraints() < 0) {
			throw new TrustException(authorityName + " is not a CA certificate");
		}
		if (!usage(authority, KEY_USAGE_KEY_CERT_SIGN)) {
			throw new TrustException(authorityName + " may not sign certificates (no keyCertSign key usage)");
		}
		if (!station.getIssuerX500Principal().equals(authority.getSubjectX500Principal())) {
			throw new TrustException(stationName + " was issued by " + station.getIssuerX500Principal().getName()
					+ ", not by " + authorityName);
		}
		try {
			station.verify(authority.getPublicKey());
		} catch (GeneralSecurityException | RuntimeException e) {
			throw new TrustException(stationName + " has a signature that " + authorityName
					+ " does not verify: it was not issued by this authority or has been changed", e);
		}
		Date at = Date.from(clock.instant());
		checkValid(authority, authorityName, at);
		checkValid(station, stationName, at);
		if (station.getBasicConstraints() >= 0) {
			throw new TrustException(stationName + " is a CA certificate, not a station's; the authority"
					+ " certifies no other CA");
		}
		if (!usage(station, KEY_USAGE_DIGITAL_SIGNATURE) || !usage(station, KEY_USAGE_KEY_AGREEMENT)) {
			throw new TrustException(stationName + " does not allow both signing and key agreement");
		}
	}

	/**
	 * Checks an authority made elsewhere before it is taken over: {@code certificate} is a self-signed CA
	 * certificate with an EC P-256 key that may sign certificates, revocation lists and CMS content
	 * (keyCertSign, cRLSign, digitalSignature), valid at the clock's instant, and the key {@code alias} of
	 * {@code keys} is its key — proven by a signature over fresh random bytes that the certificate's key
	 * verifies, not only by comparing public keys (a store's public key comes from the certificate beside
	 * the key, which anyone can replace).
	 *
	 * @throws TrustException naming the certificate and what it lacks, or the key and why it does not match
	 */
	public static void checkExisting(X509Certificate certificate, SigningKeys keys, String alias, Clock clock)
			throws TrustException {
		Objects.requireNonNull(certificate, "certificate");
		Objects.requireNonNull(keys, "keys");
		String name = "the certificate " + subjectOf(certificate);
		PublicKey publicKey = certificate.getPublicKey();
		SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
		if (!EnrolmentRequest.isP256(info)) {
			throw new TrustException(name + " does not have an EC P-256 key (" + describeKey(info)
					+ "); Mintage's devices check P-256 signatures only");
		}
		if (!certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
			throw new TrustException(name + " is issued by " + certificate.getIssuerX500Principal().getName()
					+ "; an authority's certificate is self-signed");
		}
		try {
			certificate.verify(publicKey);
		} catch (GeneralSecurityException | RuntimeException e) {
			throw new TrustException(name + " is not signed by its own key: it has been changed or is not self-signed",
					e);
		}
		if (certificate.getBasicConstraints() < 0) {
			throw new TrustException(name + " is not a CA certificate (basicConstraints CA:TRUE is missing)");
		}
		for (int bit : new int[] { KEY_USAGE_KEY_CERT_SIGN, KEY_USAGE_CRL_SIGN, KEY_USAGE_DIGITAL_SIGNATURE }) {
			if (!usage(certificate, bit)) {
				throw new TrustException(name + " lacks the key usage " + switch (bit) {
				case KEY_USAGE_KEY_CERT_SIGN -> "keyCertSign (signing station certificates)";
				case KEY_USAGE_CRL_SIGN -> "cRLSign (signing revocation lists)";
				default -> "digitalSignature (signing quota keys and job packages)";
				});
			}
		}
		checkValid(certificate, name, Date.from(clock.instant()));
		BackendContentSigner signer = new BackendContentSigner(keys, alias);
		PublicKey stored = p256PublicKey(keys, alias, signer);
		if (!Arrays.equals(stored.getEncoded(), publicKey.getEncoded())) {
			throw new TrustException("the " + signer.describe() + " is not the key of " + name
					+ " (their public keys differ)");
		}
		byte[] challenge = new byte[32];
		RANDOM.nextBytes(challenge);
		try {
			java.security.Signature check = java.security.Signature.getInstance("SHA256withECDSA");
			check.initVerify(publicKey);
			check.update(challenge);
			if (!check.verify(keys.sign(alias, challenge))) {
				throw new TrustException("the " + signer.describe() + " signs with another key than the one of " + name
						+ "; the certificate beside it does not belong to it");
			}
		} catch (GeneralSecurityException e) {
			throw new TrustException("the " + signer.describe() + " could not prove it is the key of " + name + ": "
					+ e.getMessage(), e);
		}
	}

	/**
	 * The SHA-256 fingerprint of the certificate's DER as upper-case hex pairs joined by colons, the form
	 * {@code openssl x509 -fingerprint -sha256} prints; for comparing a CA certificate by phone.
	 */
	public static String fingerprint(X509Certificate certificate) throws TrustException {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
			return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
		} catch (NoSuchAlgorithmException | CertificateEncodingException e) {
			throw new TrustException("the fingerprint of " + subjectOf(certificate) + " could not be computed: "
					+ e.getMessage(), e);
		}
	}

	/** The subject in RFC 2253 form, e.g. {@code CN=Station 1}. */
	static String subjectOf(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().getName();
	}

	private static void checkValid(X509Certificate certificate, String name, Date at) throws TrustException {
		try {
			certificate.checkValidity(at);
		} catch (CertificateExpiredException e) {
			throw new TrustException(name + " expired on " + certificate.getNotAfter().toInstant() + " (checked at "
					+ at.toInstant() + ")");
		} catch (CertificateNotYetValidException e) {
			throw new TrustException(name + " is not valid before " + certificate.getNotBefore().toInstant()
					+ " (checked at " + at.toInstant() + ")");
		}
	}

	private static boolean usage(X509Certificate certificate, int bit) {
		boolean[] usage = certificate.getKeyUsage();
		return usage != null && usage.length > bit && usage[bit];
	}

	private static void checkEnd(Instant now, Instant notAfter, String what) throws TrustException {
		Objects.requireNonNull(notAfter, "notAfter");
		if (!notAfter.isAfter(now)) {
			throw new TrustException(what + " would end on " + notAfter + ", which is not after now (" + now + ")");
		}
	}

	private static PublicKey p256PublicKey(SigningKeys keys, String alias, BackendContentSigner signer)
			throws TrustException {
		PublicKey key;
		try {
			key = keys.publicKey(alias);
		} catch (GeneralSecurityException e) {
			throw new TrustException(signer.describe() + ": cannot read the public key: " + e.getMessage(), e);
		}
		if (!EnrolmentRequest.isP256(SubjectPublicKeyInfo.getInstance(key.getEncoded()))) {
			throw new TrustException(signer.describe() + " is not an EC P-256 key");
		}
		return key;
	}

	private static String describeKey(SubjectPublicKeyInfo info) {
		return "algorithm " + info.getAlgorithm().getAlgorithm()
				+ (info.getAlgorithm().getParameters() == null ? "" : ", parameters " + info.getAlgorithm().getParameters());
	}

	/**
	 * 16 bytes from SecureRandom with the top bit cleared (positive) and the next one set (so DER needs
	 * exactly 16 bytes): 126 random bits.
	 */
	static BigInteger serialNumber() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		bytes[0] = (byte) ((bytes[0] & 0x7f) | 0x40);
		return new BigInteger(1, bytes);
	}

	private static X509Certificate signAndCheck(X509v3CertificateBuilder builder, BackendContentSigner signer,
			PublicKey issuerKey, String what) throws TrustException {
		X509CertificateHolder holder;
		try {
			holder = builder.build(signer);
		} catch (RuntimeOperatorException e) {
			throw new TrustException(e.getMessage() + "; no " + what + " was made", e);
		}
		X509Certificate certificate;
		try {
			certificate = new JcaX509CertificateConverter().getCertificate(holder);
		} catch (CertificateException e) {
			throw new TrustException("the " + what + " could not be read back: " + e.getMessage(), e);
		}
		try {
			certificate.verify(issuerKey);
		} catch (GeneralSecurityException e) {
			throw new TrustException("the " + signer.describe()
					+ " made a signature its own public key does not verify; no " + what + " was made", e);
		}
		return certificate;
	}
}
