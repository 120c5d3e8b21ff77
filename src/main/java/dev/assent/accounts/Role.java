package dev.assent.accounts;

/** What a team member may do in Assent (PRODUCT T2). */
public enum Role {

	/** Sets policy, profiles, the consent page and integrations for the company. */
	TECH_ADMIN,

	/** Owns calls and shares a personal consent link. */
	MEMBER

}
