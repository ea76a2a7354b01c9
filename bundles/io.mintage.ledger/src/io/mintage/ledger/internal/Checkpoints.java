package io.mintage.ledger.internal;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.UUID;

import io.mintage.core.sign.P256Keys;

/**
 * Checkpoint events: the station key's ECDSA-SHA256 signature (DER) over the 32-byte chain hash of the
 * event before the checkpoint, in the checkpoint's record field. Whoever rewrites history and recomputes
 * every chain hash after it still cannot make the checkpoints after the change without the station key.
 */
public final class Checkpoints {

	/** A checkpoint belongs to no job: its job field is the nil UUID. */
	public static final UUID NO_JOB = new UUID(0, 0);

	private Checkpoints() {
	}

	/** The checkpoint's detail, naming what it signs (0: the genesis hash of an empty ledger). */
	public static String detail(long signedSequence) {
		return "signs the chain hash of event " + signedSequence;
	}

	/** Checks signatures with the station certificate's key; one per verification run. */
	public static final class Checker {

		private final Signature signature;

		public Checker(X509Certificate station) throws GeneralSecurityException {
			signature = Signature.getInstance(P256Keys.SIGNATURE_ALGORITHM);
			signature.initVerify(station.getPublicKey());
		}

		public boolean verifies(byte[] chainHash, byte[] signed) {
			try {
				signature.update(chainHash);
				return signature.verify(signed);
			} catch (SignatureException e) {
				// not a DER signature at all (a changed byte can do that): it does not verify. verify()
				// resets the object even when it throws, so the next checkpoint starts clean.
				return false;
			}
		}
	}
}
