package io.mintage.trust;

/** A device record failed one of the checks of docs/formats.md; {@link #check()} says which. */
public final class RecordRefusedException extends TrustException {

	private static final long serialVersionUID = 1L;

	private final RecordCheck check;

	public RecordRefusedException(RecordCheck check, String problem) {
		super(describe(check, problem));
		this.check = check;
	}

	public RecordRefusedException(RecordCheck check, String problem, Throwable cause) {
		super(describe(check, problem), cause);
		this.check = check;
	}

	private static String describe(RecordCheck check, String problem) {
		return "device record refused (check " + check.step() + ", " + check.id() + "): " + problem;
	}

	/** The first check the record failed. */
	public RecordCheck check() {
		return check;
	}
}
