package io.mintage.admin;

import java.nio.file.Path;
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
}
