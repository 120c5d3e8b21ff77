package dev.assent.profiles.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.assent.profiles.ConsentPageMode;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.LawfulBasis;
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

	/** The purposes asked separately (PRODUCT X4), by name. */
	private List<String> purposes = new ArrayList<>();

	private LawfulBasis lawfulBasis = LawfulBasis.CONSENT;

	private @Nullable String legitimateInterestsAssessment;

	static ProfileForm of(ConsentProfile p) {
		ProfileForm f = new ProfileForm();
		f.name = p.name();
		f.consentPage = p.consentPage();
		f.participantChoice = p.participantChoice();
		f.audioPromptId = p.audioPromptId() == null ? "" : p.audioPromptId();
		f.preCallEmailMinutes = p.preCallEmailMinutes();
		f.languages = new ArrayList<>(p.languages());
		f.noticeHtml = p.noticeHtml();
		f.purposes = new ArrayList<>(p.purposes().stream().map(Enum::name).toList());
		f.lawfulBasis = p.lawfulBasis();
		f.legitimateInterestsAssessment = p.legitimateInterestsAssessment();
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

	public List<String> getPurposes() {
		return purposes;
	}

	public void setPurposes(@Nullable List<String> purposes) {
		this.purposes = purposes == null ? new ArrayList<>() : new ArrayList<>(purposes);
	}

	public LawfulBasis getLawfulBasis() {
		return lawfulBasis;
	}

	public void setLawfulBasis(@Nullable LawfulBasis lawfulBasis) {
		this.lawfulBasis = lawfulBasis == null ? LawfulBasis.CONSENT : lawfulBasis;
	}

	public @Nullable String getLegitimateInterestsAssessment() {
		return legitimateInterestsAssessment;
	}

	public void setLegitimateInterestsAssessment(@Nullable String legitimateInterestsAssessment) {
		this.legitimateInterestsAssessment = legitimateInterestsAssessment;
	}

}
