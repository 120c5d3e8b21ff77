package dev.assent.profiles.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.assent.profiles.ConsentPageMode;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ParticipantChoice;

/** The create/edit consent profile form of the admin UI: every field of {@code ProfileSettings}. */
public class ProfileForm {

	private @Nullable String name;

	private ConsentPageMode consentPage = ConsentPageMode.ENABLED;

	private ParticipantChoice participantChoice = ParticipantChoice.MAY_OPT_OUT;

	/** Empty for no prompt, so the form's "None" choice is checked. */
	private String audioPromptId = "";

	private @Nullable Integer preCallEmailMinutes = 10;

	private List<String> languages = new ArrayList<>(List.of("en"));

	private @Nullable String noticeHtml;

	static ProfileForm of(ConsentProfile p) {
		ProfileForm f = new ProfileForm();
		f.name = p.name();
		f.consentPage = p.consentPage();
		f.participantChoice = p.participantChoice();
		f.audioPromptId = p.audioPromptId() == null ? "" : p.audioPromptId();
		f.preCallEmailMinutes = p.preCallEmailMinutes();
		f.languages = new ArrayList<>(p.languages());
		f.noticeHtml = p.noticeHtml();
		return f;
	}

	static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	public @Nullable String getName() {
		return name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public ConsentPageMode getConsentPage() {
		return consentPage;
	}

	public void setConsentPage(@Nullable ConsentPageMode consentPage) {
		this.consentPage = consentPage == null ? ConsentPageMode.ENABLED : consentPage;
	}

	public ParticipantChoice getParticipantChoice() {
		return participantChoice;
	}

	public void setParticipantChoice(@Nullable ParticipantChoice participantChoice) {
		this.participantChoice = participantChoice == null ? ParticipantChoice.MAY_OPT_OUT : participantChoice;
	}

	public String getAudioPromptId() {
		return audioPromptId;
	}

	public void setAudioPromptId(@Nullable String audioPromptId) {
		this.audioPromptId = audioPromptId == null ? "" : audioPromptId;
	}

	public @Nullable Integer getPreCallEmailMinutes() {
		return preCallEmailMinutes;
	}

	public void setPreCallEmailMinutes(@Nullable Integer preCallEmailMinutes) {
		this.preCallEmailMinutes = preCallEmailMinutes;
	}

	public List<String> getLanguages() {
		return languages;
	}

	public void setLanguages(@Nullable List<String> languages) {
		this.languages = languages == null ? new ArrayList<>() : new ArrayList<>(languages);
	}

	public @Nullable String getNoticeHtml() {
		return noticeHtml;
	}

	public void setNoticeHtml(@Nullable String noticeHtml) {
		this.noticeHtml = noticeHtml;
	}

}
