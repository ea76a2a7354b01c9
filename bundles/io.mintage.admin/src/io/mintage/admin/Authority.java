package io.mintage.admin;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

import io.mintage.core.sign.KeyLocation;

/** The company's authority: its key (where the key location says) and its self-signed CA certificate. */
public interface Authority {

	/** The alias of the authority key in its key store. */
	String ALIAS = "authority";

	/** The authority, when one was created or imported. */
	Optional<AuthorityInfo> find() throws AdminException;

	/** The authority, or a refusal saying to run {@code admin init} first. */
	AuthorityInfo require() throws AdminException;

	/** Where {@code init} puts a software key store when the admin names none. */
	Path defaultKeystore();

	/**
	 * The key ceremony: generates the P-256 key at {@code location} and the CA certificate (subject
	 * CN=name, valid until {@code notAfter}). Refuses when an authority exists; leaves nothing behind when
	 * it fails.
	 */
	AuthorityInfo create(String name, Instant notAfter, KeyLocation location) throws AdminException;

	/**
	 * Takes over an authority made elsewhere (another installation, a company CA's tooling): its CA
	 * certificate and its key, which is at {@code location} (a software key store or a PKCS#11 token)
	 * under {@code location.alias()}. Before anything is recorded the certificate must be a self-signed,
	 * valid P-256 CA certificate that may sign certificates, revocation lists and CMS content, and the key
	 * must prove it is the certificate's by signing. The store then keeps the certificate beside the key.
	 * Refuses when an authority exists; records it as created at the certificate's start.
	 */
	AuthorityInfo importExisting(X509Certificate certificate, KeyLocation location) throws AdminException;
}
