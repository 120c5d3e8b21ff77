package dev.assent.accounts.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.assent.accounts.Member;
import dev.assent.accounts.Role;

/** The add/edit team member form of the admin UI. */
public class MemberForm {

	private @Nullable String name;

	private @Nullable String email;

	private @Nullable String slug;

	private @Nullable UUID teamId;

	private Role role = Role.MEMBER;

	private boolean recorded = true;

	private boolean active = true;

	private @Nullable UUID consentProfileId;

	private @Nullable String personalMeetingUrl;

	private @Nullable String password;

	static MemberForm of(Member m) {
		MemberForm f = new MemberForm();
		f.name = m.name();
		f.email = m.email();
		f.slug = m.slug();
		f.teamId = m.teamId();
		f.role = m.role();
		f.recorded = m.recorded();
		f.active = m.active();
		f.consentProfileId = m.consentProfileId();
		f.personalMeetingUrl = m.personalMeetingUrl();
		return f;
	}

	/** A text field as the module API wants it: {@code null} when left empty. */
	static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	public @Nullable String getName() {
		return name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public @Nullable String getEmail() {
		return email;
	}

	public void setEmail(@Nullable String email) {
		this.email = email;
	}

	public @Nullable String getSlug() {
		return slug;
	}

	public void setSlug(@Nullable String slug) {
		this.slug = slug;
	}

	public @Nullable UUID getTeamId() {
		return teamId;
	}

	public void setTeamId(@Nullable UUID teamId) {
		this.teamId = teamId;
	}

	public Role getRole() {
		return role;
	}

	public void setRole(@Nullable Role role) {
		this.role = role == null ? Role.MEMBER : role;
	}

	public boolean isRecorded() {
		return recorded;
	}

	public void setRecorded(boolean recorded) {
		this.recorded = recorded;
	}

	public boolean isActive() {
		return active;
	}

	public void setActive(boolean active) {
		this.active = active;
	}

	public @Nullable UUID getConsentProfileId() {
		return consentProfileId;
	}

	public void setConsentProfileId(@Nullable UUID consentProfileId) {
		this.consentProfileId = consentProfileId;
	}

	public @Nullable String getPersonalMeetingUrl() {
		return personalMeetingUrl;
	}

	public void setPersonalMeetingUrl(@Nullable String personalMeetingUrl) {
		this.personalMeetingUrl = personalMeetingUrl;
	}

	public @Nullable String getPassword() {
		return password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

}
