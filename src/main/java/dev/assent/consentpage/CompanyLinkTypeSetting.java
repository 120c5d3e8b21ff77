package dev.assent.consentpage;

import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.assent.calls.MeetingLinkType;
import dev.assent.calls.CompanyLinkTypes;

/** The company's link type of its consent page settings, as calls' default for meetings that do not say (PRODUCT L1). */
@Component
class CompanyLinkTypeSetting implements CompanyLinkTypes {

	private final PageSettings settings;

	CompanyLinkTypeSetting(PageSettings settings) {
		this.settings = settings;
	}

	@Override
	public MeetingLinkType defaultFor(UUID companyId) {
		return settings.find(companyId).map(s -> MeetingLinkType.valueOf(s.linkType().name())).orElse(MeetingLinkType.STATIC);
	}

}
