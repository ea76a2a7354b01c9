package io.mintage.trust;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

import io.mintage.core.sign.SigningKeys;
import io.mintage.trust.internal.BackendContentSigner;

/**
 * The authority's list of revoked station certificates: an X.509 v2 CRL (RFC 5280, docs/formats.md
 * "Revocation list") signed by the authority key inside its signing backend, so openssl and any PKI tool
 * check it too. It carries a cRLNumber (a later list has a larger one), the authorityKeyIdentifier, and
 * per entry the serial number, the revocation time and the reason. Immutable; {@link #encoded()} is the
 * DER exactly as signed.
 */
public final class RevocationList {

	/** The PEM label openssl writes and reads for a CRL (RFC 7468 section 9). */
	public static final String PEM_LABEL = "X509 CRL";

	/** RFC 5280 5.2.3: a cRLNumber is a non-negative integer of at most 20 octets. */
	private static final int MAX_NUMBER_OCTETS = 20;

	/** Far larger than any list Mintage makes; a bigger input is not one. */
	private static final int MAX_SIZE = 16 << 20;

	private static final String PEM_BEGIN = "-----BEGIN ";

	/** keyUsage bit cRLSign (RFC 5280 4.2.1.3). */
	private static final int KEY_USAGE_CRL_SIGN = 6;

	/**
	 * The RFC 5280 CRLReason names in lower-case words, at their codes. removeFromCRL (8) is left out: it
	 * only means something in a delta list, which Mintage does not make; code 7 is unassigned.
	 */
	private static final Map<String, Integer> REASONS = Map.of("unspecified", CRLReason.unspecified,
			"key-compromise", CRLReason.keyCompromise, "ca-compromise", CRLReason.cACompromise,
			"affiliation-changed", CRLReason.affiliationChanged, "superseded", CRLReason.superseded,
			"cessation-of-operation", CRLReason.cessationOfOperation, "certificate-hold", CRLReason.certificateHold,
			"privilege-withdrawn", CRLReason.privilegeWithdrawn, "aa-compromise", CRLReason.aACompromise);

	/** The reason names a revocation may give, in the order of their RFC 5280 codes. */
	public static final List<String> REASON_NAMES = REASONS.entrySet().stream()
			.sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();

	/**
	 * One revoked certificate.
	 *
	 * @param serialNumber the certificate's serial number, positive
	 * @param revokedAt    when it was revoked; the list keeps whole seconds
	 * @param reason       an RFC 5280 CRLReason in lower-case words: {@code unspecified},
	 *                     {@code key-compromise}, {@code ca-compromise}, {@code affiliation-changed},
	 *                     {@code superseded}, {@code cessation-of-operation}, {@code certificate-hold},
	 *                     {@code privilege-withdrawn} or {@code aa-compromise}
	 */
	public record Entry(BigInteger serialNumber, Instant revokedAt, String reason) {

		public Entry {
			Objects.requireNonNull(serialNumber, "serialNumber");
			Objects.requireNonNull(revokedAt, "revokedAt");
			Objects.requireNonNull(reason, "reason");
			if (serialNumber.signum() <= 0) {
				throw new IllegalArgumentException("a certificate serial number is positive, not " + serialNumber);
			}
			if (!REASONS.containsKey(reason)) {
				throw new IllegalArgumentException("'" + reason + "' is not a revocation reason; use one of "
						+ String.join(", ", REASONS.keySet().stream().sorted().toList()));
			}
		}

		/** The reasonCode's value (RFC 5280 5.3.1). */
		int code() {
			return REASONS.get(reason);
		}
	}

	private final X509CRLHolder crl;
	private final byte[] der;
	private final X500Principal issuer;
	private final BigInteger number;
	private final List<Entry> entries;

	private RevocationList(X509CRLHolder crl, byte[] der, BigInteger number, List<Entry> entries) {
		this.crl = crl;
		this.der = der;
		this.issuer = new X500Principal(issuerDer(crl));
		this.number = number;
		this.entries = List.copyOf(entries);
	}

	/**
	 * Makes and signs the list {@code number} with the authority key {@code alias} of {@code keys}, whose CA
	 * certificate is {@code authority}. Times are kept to the second (a CRL holds no fractions).
	 *
	 * @throws TrustException when the key is not the CA certificate's, the certificate may not sign
	 *                        revocation lists, the number is negative or longer than 20 octets,
	 *                        {@code nextUpdate} is not after {@code thisUpdate}, an entry was revoked after
	 *                        {@code thisUpdate}, or a serial number is listed twice
	 */
	public static RevocationList issue(SigningKeys keys, String alias, X509Certificate authority, BigInteger number,
			List<Entry> entries, Instant thisUpdate, Instant nextUpdate) throws TrustException {
		Objects.requireNonNull(authority, "authority");
		Objects.requireNonNull(number, "number");
		Objects.requireNonNull(entries, "entries");
		Objects.requireNonNull(thisUpdate, "thisUpdate");
		Objects.requireNonNull(nextUpdate, "nextUpdate");
		String authorityName = "the authority certificate " + AuthorityCertificates.subjectOf(authority);
		checkCanSignLists(authority, authorityName);
		BackendContentSigner signer = new BackendContentSigner(keys, alias);
		PublicKey authorityKey;
		try {
			authorityKey = keys.publicKey(alias);
		} catch (GeneralSecurityException e) {
			throw new TrustException(signer.describe() + ": cannot read the public key: " + e.getMessage(), e);
		}
		if (!Arrays.equals(authorityKey.getEncoded(), authority.getPublicKey().getEncoded())) {
			throw new TrustException("the " + signer.describe() + " is not the key of " + authorityName
					+ "; no revocation list was made");
		}
		if (number.signum() < 0 || number.toByteArray().length > MAX_NUMBER_OCTETS) {
			throw new TrustException("the revocation list number " + number
					+ " is refused: it must be zero or positive and fit 20 octets (RFC 5280)");
		}
		Instant start = thisUpdate.truncatedTo(ChronoUnit.SECONDS);
		Instant end = nextUpdate.truncatedTo(ChronoUnit.SECONDS);
		if (!end.isAfter(start)) {
			throw new TrustException("the revocation list's next update " + end + " is not after its this update "
					+ start);
		}
		Set<BigInteger> seen = new HashSet<>();
		for (Entry entry : entries) {
			Objects.requireNonNull(entry, "entry");
			if (!seen.add(entry.serialNumber())) {
				throw new TrustException("the certificate with serial number " + hex(entry.serialNumber())
						+ " is listed twice; list each revoked certificate once");
			}
			if (entry.revokedAt().truncatedTo(ChronoUnit.SECONDS).isAfter(start)) {
				throw new TrustException("the certificate with serial number " + hex(entry.serialNumber())
						+ " is revoked at " + entry.revokedAt() + ", after the list's this update " + start
						+ "; a list names only revocations that have happened");
			}
		}
		X509CRLHolder holder;
		try {
			X500Name issuerName = X500Name.getInstance(authority.getSubjectX500Principal().getEncoded());
			// Locale.ROOT: BouncyCastle formats the time strings with the locale it is given
			X509v2CRLBuilder builder = new X509v2CRLBuilder(issuerName, Date.from(start), Locale.ROOT)
					.setNextUpdate(Date.from(end), Locale.ROOT)
					.addExtension(Extension.cRLNumber, false, new CRLNumber(number))
					.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(authority));
			for (Entry entry : entries) {
				// BouncyCastle leaves out the reasonCode for unspecified (0), as RFC 5280 5.3.1 asks
				builder.addCRLEntry(entry.serialNumber(), Date.from(entry.revokedAt().truncatedTo(ChronoUnit.SECONDS)),
						entry.code());
			}
			holder = builder.build(signer);
		} catch (RuntimeOperatorException e) {
			throw new TrustException(e.getMessage() + "; no revocation list was made", e);
		} catch (GeneralSecurityException | CertIOException e) {
			throw new TrustException("the revocation list could not be made: " + e.getMessage(), e);
		}
		byte[] encoded;
		try {
			encoded = holder.getEncoded();
		} catch (IOException e) {
			throw new TrustException("the revocation list could not be encoded: " + e.getMessage(), e);
		}
		// read back through the same checks a receiver makes, so a backend signing with another key is
		// caught here and the returned entries are what the list really says
		try {
			return read(encoded, authority);
		} catch (TrustException e) {
			throw new TrustException("the " + signer.describe() + " made a revocation list that does not pass its"
					+ " own check (" + e.getMessage() + "); no list was made", e);
		}
	}

	/**
	 * Reads a revocation list in PEM ({@code -----BEGIN X509 CRL-----}, text around the block ignored) or
	 * DER form and accepts it only when it is an X.509 v2 CRL issued by {@code authority}: the issuer is the
	 * certificate's subject, the signature (ecdsa-with-SHA256) verifies with its key, and it has a cRLNumber
	 * and a nextUpdate and no critical extension. A list past its nextUpdate is accepted: an old list still
	 * revokes what it names; {@link #nextUpdate()} tells whether a newer one is due.
	 *
	 * @throws TrustException in plain words naming what the input is and why it is refused
	 */
	public static RevocationList read(byte[] encoded, X509Certificate authority) throws TrustException {
		Objects.requireNonNull(encoded, "encoded");
		Objects.requireNonNull(authority, "authority");
		String authorityName = "the authority certificate " + AuthorityCertificates.subjectOf(authority);
		if (encoded.length > MAX_SIZE) {
			throw refused("it is larger than " + MAX_SIZE + " bytes");
		}
		byte[] der = looksLikePem(encoded) ? fromPem(encoded) : encoded;
		CertificateList list = parseDer(der);
		X509CRLHolder crl = new X509CRLHolder(list);

		String name = "the revocation list of " + crl.getIssuer();
		if (list.getVersionNumber() != 2) {
			throw new TrustException(name + " is refused: it is an X.509 v" + list.getVersionNumber()
					+ " CRL, not v2");
		}
		if (!new X500Principal(issuerDer(crl)).equals(authority.getSubjectX500Principal())) {
			throw new TrustException(name + " is refused: it was not issued by " + authorityName);
		}
		checkCanSignLists(authority, authorityName);
		if (!X9ObjectIdentifiers.ecdsa_with_SHA256.equals(list.getSignatureAlgorithm().getAlgorithm())
				|| list.getSignatureAlgorithm().getParameters() != null) {
			throw new TrustException(name + " is refused: it is signed with algorithm "
					+ list.getSignatureAlgorithm().getAlgorithm() + ", not ecdsa-with-SHA256");
		}
		boolean valid;
		try {
			valid = crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(authority.getPublicKey()));
		} catch (CertException | RuntimeException e) {
			valid = false; // a signature that is not even DER, or inner and outer algorithms that differ
		} catch (OperatorCreationException e) {
			throw new TrustException("the signature of " + name + " cannot be checked: " + e.getMessage(), e);
		}
		if (!valid) {
			throw new TrustException(name + " is refused: its signature does not verify with the key of "
					+ authorityName + "; it was made with another key or has been changed");
		}
		Set<?> critical = crl.getCriticalExtensionOIDs();
		if (!critical.isEmpty()) {
			// RFC 5280 5.2: a critical extension the reader does not process makes the list unusable; the
			// ones that exist (issuingDistributionPoint, deltaCRLIndicator) narrow what the list covers
			throw new TrustException(name + " is refused: it has the critical extension(s) " + critical
					+ ", which Mintage does not process (a partial or delta list?)");
		}
		Extension numberExtension = crl.getExtension(Extension.cRLNumber);
		if (numberExtension == null) {
			throw new TrustException(name + " is refused: it has no cRLNumber, so it cannot be told apart from"
					+ " an older list");
		}
		BigInteger number;
		try {
			number = CRLNumber.getInstance(numberExtension.getParsedValue()).getCRLNumber();
		} catch (RuntimeException e) {
			throw new TrustException(name + " is refused: its cRLNumber is not an integer", e);
		}
		if (number.signum() < 0) {
			throw new TrustException(name + " is refused: its cRLNumber " + number + " is negative");
		}
		if (crl.getNextUpdate() == null) {
			throw new TrustException(name + " is refused: it has no nextUpdate, so no one can tell when a newer"
					+ " list is due");
		}
		List<Entry> entries = new ArrayList<>();
		Set<BigInteger> seen = new HashSet<>();
		for (Object item : (Collection<?>) crl.getRevokedCertificates()) {
			entries.add(entry((X509CRLEntryHolder) item, name, seen));
		}
		return new RevocationList(crl, der, number, entries);
	}

	private static Entry entry(X509CRLEntryHolder item, String name, Set<BigInteger> seen) throws TrustException {
		BigInteger serial = item.getSerialNumber();
		String entryName = name + " is refused: its entry for serial number " + hex(serial);
		if (!item.getCriticalExtensionOIDs().isEmpty()) {
			// certificateIssuer, the one critical entry extension, belongs to indirect lists
			throw new TrustException(entryName + " has the critical extension(s) " + item.getCriticalExtensionOIDs()
					+ ", which Mintage does not process");
		}
		if (serial.signum() <= 0) {
			throw new TrustException(entryName + " is not a positive serial number");
		}
		if (!seen.add(serial)) {
			throw new TrustException(entryName + " appears twice");
		}
		int code = CRLReason.unspecified;
		Extension reasonCode = item.getExtension(Extension.reasonCode);
		if (reasonCode != null) {
			try {
				code = CRLReason.getInstance(reasonCode.getParsedValue()).getValue().intValueExact();
			} catch (RuntimeException e) {
				throw new TrustException(entryName + " has a reasonCode that is not a CRLReason", e);
			}
		}
		String reason = null;
		for (Map.Entry<String, Integer> known : REASONS.entrySet()) {
			if (known.getValue() == code) {
				reason = known.getKey();
			}
		}
		if (reason == null) {
			throw new TrustException(entryName + " has the reasonCode " + code
					+ (code == CRLReason.removeFromCRL ? " (removeFromCRL), which belongs in delta lists only"
							: ", which RFC 5280 does not define"));
		}
		return new Entry(serial, item.getRevocationDate().toInstant(), reason);
	}

	/** The cRLNumber: a list with a larger number replaces one with a smaller. */
	public BigInteger number() {
		return number;
	}

	public Instant thisUpdate() {
		return crl.getThisUpdate().toInstant();
	}

	/** When the authority promised a newer list; a list past it still revokes what it names. */
	public Instant nextUpdate() {
		return crl.getNextUpdate().toInstant();
	}

	/** The revoked certificates in the order the list holds them. */
	public List<Entry> entries() {
		return entries;
	}

	/**
	 * The entry revoking {@code station}: one with its serial number, when the certificate was issued by
	 * this list's authority (a serial number means nothing across authorities).
	 */
	public Optional<Entry> entryFor(X509Certificate station) {
		Objects.requireNonNull(station, "station");
		if (!station.getIssuerX500Principal().equals(issuer)) {
			return Optional.empty();
		}
		return entries.stream().filter(entry -> entry.serialNumber().equals(station.getSerialNumber())).findFirst();
	}

	public boolean revokes(X509Certificate station) {
		return entryFor(station).isPresent();
	}

	/** The DER, exactly as signed. */
	public byte[] encoded() {
		return der.clone();
	}

	/** {@code -----BEGIN X509 CRL-----}, 64-character lines, as openssl writes it. */
	public String pem() {
		StringWriter text = new StringWriter();
		try (PemWriter writer = new PemWriter(text)) {
			writer.writeObject(new PemObject(PEM_LABEL, der));
		} catch (IOException e) {
			throw new IllegalStateException("writing PEM to a string cannot fail", e);
		}
		return text.toString();
	}

	@Override
	public String toString() {
		return "revocation list " + number + " of " + issuer.getName() + " (" + entries.size() + " entries)";
	}

	private static void checkCanSignLists(X509Certificate authority, String authorityName) throws TrustException {
		if (authority.getBasicConstraints() < 0) {
			throw new TrustException(authorityName + " is not a CA certificate");
		}
		boolean[] usage = authority.getKeyUsage();
		if (usage != null && (usage.length <= KEY_USAGE_CRL_SIGN || !usage[KEY_USAGE_CRL_SIGN])) {
			throw new TrustException(authorityName + " may not sign revocation lists (no cRLSign key usage)");
		}
	}

	private static boolean looksLikePem(byte[] encoded) {
		// DER starts with a SEQUENCE tag, never with text
		return new String(encoded, StandardCharsets.ISO_8859_1).contains(PEM_BEGIN);
	}

	/** The content of the one PEM block; what it holds is checked as DER. */
	private static byte[] fromPem(byte[] encoded) throws TrustException {
		String notPem = "it is not a revocation list in PEM form (-----BEGIN " + PEM_LABEL + "-----)";
		try (PemReader reader = new PemReader(new StringReader(new String(encoded, StandardCharsets.US_ASCII)))) {
			PemObject first = reader.readPemObject();
			if (first == null) {
				throw refused(notPem + ": it holds no complete PEM block");
			}
			if (!PEM_LABEL.equals(first.getType())) {
				throw refused(notPem + ": it holds " + describe(first.getType()));
			}
			if (reader.readPemObject() != null) {
				throw refused(notPem + ": it holds more than one PEM block");
			}
			return first.getContent();
		} catch (IOException | RuntimeException e) {
			// broken base64, a BEGIN line without its END
			throw refused(notPem + ": " + e.getMessage(), e);
		}
	}

	/** Strict DER: one CertificateList, nothing after it, encoded as DER re-encodes it. */
	private static CertificateList parseDer(byte[] der) throws TrustException {
		ASN1Primitive primitive;
		try {
			primitive = ASN1Primitive.fromByteArray(der);
		} catch (IOException | RuntimeException e) {
			throw refused("it is neither PEM nor DER (" + e.getMessage() + ")", e);
		}
		if (primitive == null) {
			throw refused("it is empty");
		}
		CertificateList list;
		try {
			list = CertificateList.getInstance(primitive);
			list.getTBSCertList().getRevokedCertificates(); // parses lazily; fail here, not later
			new X509CRLHolder(list).getRevokedCertificates();
		} catch (RuntimeException e) {
			if (isCertificate(primitive)) {
				throw refused("it is an X.509 certificate, not a revocation list", e);
			}
			throw refused("it is DER but not an X.509 CRL (" + e.getMessage() + ")", e);
		}
		try {
			if (!Arrays.equals(list.getEncoded(ASN1Encoding.DER), der)) {
				throw refused("it is not in DER (distinguished) encoding");
			}
		} catch (IOException e) {
			throw refused("it cannot be encoded again: " + e.getMessage(), e);
		}
		return list;
	}

	private static boolean isCertificate(ASN1Primitive primitive) {
		try {
			Certificate.getInstance(primitive);
			return true;
		} catch (RuntimeException e) {
			return false;
		}
	}

	private static String describe(String pemType) {
		if (pemType.equals("CERTIFICATE") || pemType.equals("X509 CERTIFICATE")) {
			return "a certificate";
		}
		if (pemType.endsWith("CERTIFICATE REQUEST")) {
			return "a certification request";
		}
		if (pemType.endsWith("PRIVATE KEY")) {
			return "a private key";
		}
		return "a PEM block of type " + pemType;
	}

	/**
	 * keyIdentifier only, = the CA certificate's subjectKeyIdentifier (docs/formats.md); when it has none,
	 * the RFC 5280 method 1 value the CA certificate would have had.
	 */
	private static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate authority)
			throws GeneralSecurityException {
		byte[] extension = authority.getExtensionValue(Extension.subjectKeyIdentifier.getId());
		byte[] keyIdentifier = extension != null
				? SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getKeyIdentifier()
				: new JcaX509ExtensionUtils().createSubjectKeyIdentifier(authority.getPublicKey()).getKeyIdentifier();
		return new AuthorityKeyIdentifier(keyIdentifier);
	}

	private static byte[] issuerDer(X509CRLHolder crl) {
		try {
			return crl.getIssuer().getEncoded(ASN1Encoding.DER);
		} catch (IOException e) {
			throw new IllegalStateException("a parsed name could not be encoded again", e);
		}
	}

	private static TrustException refused(String why) {
		return new TrustException("this is not an X.509 revocation list (CRL): " + why);
	}

	private static TrustException refused(String why, Throwable cause) {
		return new TrustException("this is not an X.509 revocation list (CRL): " + why, cause);
	}

	/** Serial numbers as openssl prints them in {@code crl -text}: upper-case hex. */
	private static String hex(BigInteger serial) {
		return serial.toString(16).toUpperCase(Locale.ROOT);
	}
}
