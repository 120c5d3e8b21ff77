package dev.assent.calls;

import java.util.UUID;


/**
 * A company's default link type (PRODUCT L1), used when a meeting does not say which it wants.
 * The module that keeps the company's consent page settings implements it; without an
 * implementation meetings default to {@link MeetingLinkType#STATIC}.
 */
public interface CompanyLinkTypes {

	MeetingLinkType defaultFor(UUID companyId);

}
