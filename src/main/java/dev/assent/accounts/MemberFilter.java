package dev.assent.accounts;

import java.util.List;

/**
 * A condition on team members that the accounts module turns into SQL (always within one company).
 * Provisioning translates SCIM filters into it, so a lookup among many members uses the indexes.
 */
public sealed interface MemberFilter {

	/** The member attributes a filter may name. */
	enum Attribute {

		ID, EMAIL, NAME, EXTERNAL_ID, ACTIVE, TEAM_ID, CREATED_AT, UPDATED_AT

	}

	enum Operator {

		EQ, NE, CO, SW, EW, GT, GE, LT, LE

	}

	/** {@code attribute operator value}; value is a String, Boolean, UUID or Instant as the attribute asks. */
	record Compare(Attribute attribute, Operator operator, Object value) implements MemberFilter {
	}

	/** The attribute has a value. */
	record Present(Attribute attribute) implements MemberFilter {
	}

	record And(List<MemberFilter> all) implements MemberFilter {
	}

	record Or(List<MemberFilter> any) implements MemberFilter {
	}

	record Not(MemberFilter filter) implements MemberFilter {
	}

	/** Matches nothing (e.g. an id that is no UUID). */
	record None() implements MemberFilter {
	}

}
