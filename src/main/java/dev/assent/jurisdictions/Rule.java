package dev.assent.jurisdictions;

/** How a jurisdiction treats recording a conversation, strictest first ({@code jurisdictions.md} §1). */
public enum Rule {

	/** A data-protection law: explicit, logged, withdrawable opt-in per participant. */
	GDPR_CONSENT("gdpr-consent", 3),

	/** Every party must consent; announcement plus continued participation usually counts. */
	ALL_PARTY("all-party", 2),

	/** Conflicting statutes or unsettled case law: treated as all-party. */
	MIXED("mixed", 2),

	/** One participant's consent suffices (a notice is still recommended). */
	ONE_PARTY("one-party", 1);

	private final String code;

	private final int strictness;

	Rule(String code, int strictness) {
		this.code = code;
		this.strictness = strictness;
	}

	public String code() {
		return code;
	}

	int strictness() {
		return strictness;
	}

	static Rule of(String code) {
		for (Rule r : values()) {
			if (r.code.equals(code)) {
				return r;
			}
		}
		throw new IllegalArgumentException("unknown rule " + code);
	}

}
