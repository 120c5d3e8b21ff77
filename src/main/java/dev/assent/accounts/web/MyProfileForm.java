package dev.assent.accounts.web;

import org.jspecify.annotations.Nullable;

/** The signed-in member's own settings (PRODUCT L2 "My Profile"). */
public class MyProfileForm {

	private @Nullable String personalMeetingUrl;

	public @Nullable String getPersonalMeetingUrl() {
		return personalMeetingUrl;
	}

	public void setPersonalMeetingUrl(@Nullable String personalMeetingUrl) {
		this.personalMeetingUrl = personalMeetingUrl;
	}

}
