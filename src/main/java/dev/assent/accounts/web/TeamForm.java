package dev.assent.accounts.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.assent.accounts.Team;

/** The create/rename team form of the admin UI. */
public class TeamForm {

	private @Nullable String name;

	private @Nullable UUID consentProfileId;

	static TeamForm of(Team team) {
		TeamForm f = new TeamForm();
		f.name = team.name();
		f.consentProfileId = team.consentProfileId();
		return f;
	}

	public @Nullable String getName() {
		return name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public @Nullable UUID getConsentProfileId() {
		return consentProfileId;
	}

	public void setConsentProfileId(@Nullable UUID consentProfileId) {
		this.consentProfileId = consentProfileId;
	}

}
