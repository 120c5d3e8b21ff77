package dev.assent.profiles;

/**
 * The GDPR lawful basis a profile's recordings rely on (art. 6(1); data/jurisdictions.md §3): the
 * participants' consent, or the company's legitimate interests — which need a documented
 * balancing test, whose reference the profile keeps and every evidence export names.
 */
public enum LawfulBasis {

	CONSENT,

	LEGITIMATE_INTERESTS

}
