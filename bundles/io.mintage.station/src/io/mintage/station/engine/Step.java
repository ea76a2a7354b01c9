package io.mintage.station.engine;

/**
 * The steps of the production pipeline of one device, in order. {@link #id()} is persisted (the detail
 * of ledger events names the step a device failed in; docs/formats.md) and never renamed.
 */
public enum Step {
	CONNECT("connect", "Connecting"),
	IDENTIFY("identify", "Identifying"),
	UID("uid", "Reading the UID"),
	AUTHORIZE("authorize", "Authorizing"),
	ERASE("erase", "Erasing"),
	PROGRAM("program", "Programming"),
	RECORD("record", "Writing the record"),
	VERIFY("verify", "Verifying"),
	PROTECT("protect", "Protecting"),
	COMPLETE("complete", "Completing");

	private final String id;
	private final String doing;

	Step(String id, String doing) {
		this.id = id;
		this.doing = doing;
	}

	/** The persisted name: {@code program}, {@code verify}, … */
	public String id() {
		return id;
	}

	/** What a site tile says while the step runs: "Programming". */
	public String doing() {
		return doing;
	}
}
