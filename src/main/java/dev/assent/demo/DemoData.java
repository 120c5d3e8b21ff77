package dev.assent.demo;

import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.MemberDraft;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.NewCompany;
import dev.assent.accounts.Role;
import dev.assent.accounts.Team;
import dev.assent.accounts.TeamManagement;
import dev.assent.calls.CallManagement;
import dev.assent.calls.Invitee;
import dev.assent.calls.MeetingDraft;
import dev.assent.consentpage.ConsentPageManagement;
import dev.assent.consentpage.LinkType;
import dev.assent.consentpage.SettingsChanges;
import dev.assent.profiles.ConsentPageMode;
import dev.assent.profiles.ConsentProfile;
import dev.assent.profiles.ParticipantChoice;
import dev.assent.profiles.ProfileManagement;
import dev.assent.profiles.ProfileSettings;
import dev.assent.shared.Tokens;

/**
 * Seeds Acme Corp on an empty database (see API.md, "Start-up and bootstrap"), before the web
 * server takes requests.
 */
@Component
@ConditionalOnBooleanProperty("assent.demo")
class DemoData implements SmartInitializingSingleton {

	static final String ADMIN_EMAIL = "admin@acme.example";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final CompanyManagement companies;

	private final MemberManagement members;

	private final TeamManagement teamManagement;

	private final ProfileManagement profiles;

	private final ConsentPageManagement pages;

	private final CallManagement calls;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final java.time.Clock clock;

	private final String adminPassword;

	DemoData(CompanyManagement companies, MemberManagement members, TeamManagement teamManagement,
			ProfileManagement profiles, ConsentPageManagement pages, CallManagement calls, JdbcClient jdbc,
			TransactionTemplate tx, java.time.Clock clock, @Value("${assent.admin-password:}") String adminPassword) {
		this.calls = calls;
		this.clock = clock;
		this.companies = companies;
		this.members = members;
		this.teamManagement = teamManagement;
		this.profiles = profiles;
		this.pages = pages;
		this.jdbc = jdbc;
		this.tx = tx;
		this.adminPassword = adminPassword;
	}

	@Override
	public void afterSingletonsInstantiated() {
		boolean empty = jdbc.sql("select not exists(select 1 from accounts.companies)").query(Boolean.class).single();
		if (!empty) {
			return;
		}
		String password = adminPassword.isBlank() ? Tokens.random(12) : adminPassword;
		tx.executeWithoutResult(status -> seed(password));
		log.warn("""

				==========================================================================
				 Demo company Acme Corp is ready.
				   Admin UI:       /admin   (sign in as {} / {})
				   Consent page:   /acme/michael
				   API docs:       /swagger-ui.html
				 {}
				==========================================================================""", ADMIN_EMAIL,
				adminPassword.isBlank() ? password : "<ASSENT_ADMIN_PASSWORD>",
				adminPassword.isBlank() ? "The password is shown once; set ASSENT_ADMIN_PASSWORD to choose it." : "");
	}

	private void seed(String password) {
		NewCompany acme = companies.create("Acme Corp", "acme");
		var id = acme.id();
		ConsentProfile emea = profiles.create(id, new ProfileSettings("EMEA strict", ConsentPageMode.ENFORCED,
				ParticipantChoice.MUST_CONSENT, null, 10, List.of("en", "de", "fr", "es"), null, Set.of()));
		Team sales = teamManagement.create(id, "Sales", null);
		Team sdr = teamManagement.create(id, "SDR", null);
		Team europe = teamManagement.create(id, "EMEA Sales", emea.id());
		members.create(id, new MemberDraft("Alex Admin", ADMIN_EMAIL, "alex", null, null, Role.TECH_ADMIN, false, null,
				null, null, password));
		members.create(id, new MemberDraft("Michael Scott", "michael@acme.example", "michael", sales.id(), null,
				Role.MEMBER, true, null, "https://us02web.zoom.us/j/81234567890", null, null));
		members.create(id, new MemberDraft("Dwight Schrute", "dwight@acme.example", "dwight", sales.id(), null,
				Role.MEMBER, true, null, "https://acme.webex.com/meet/dwight", null, null));
		members.create(id, new MemberDraft("Jim Halpert", "jim@acme.example", "jim", sdr.id(), null, Role.MEMBER, true,
				null, "https://meet.google.com/abc-defg-hij", null, null));
		members.create(id, new MemberDraft("Pam Beesly", "pam@acme.example", "pam", europe.id(), null, Role.MEMBER, true,
				null, "https://teams.microsoft.com/l/meetup-join/19%3ameeting_pam", null, null));
		members.create(id, new MemberDraft("Ryan Howard", "ryan@acme.example", "ryan", sales.id(), null, Role.MEMBER,
				false, null, null, null, null));
		pages.update(id, new SettingsChanges(null, LinkType.STATIC, false,
				"<p>Acme Corp records sales meetings so that our team can follow up accurately. "
						+ "You can choose not to be recorded, or change your mind later.</p>",
				"https://acme.example/privacy", Set.of()));
		java.time.Instant soon = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(10 * 60);
		java.time.Instant nextHour = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS).plusSeconds(3600);
		calls.schedule(id, MeetingDraft.of("Intro call with Initech", "michael@acme.example", null, null, soon,
				soon.plusSeconds(30 * 60), "America/New_York", null, List.of(),
				List.of(new Invitee("bill.lumbergh@initech.example", "Bill Lumbergh")), null));
		calls.schedule(id, MeetingDraft.of("Globex weekly pricing review", "michael@acme.example", null, null, nextHour,
				nextHour.plusSeconds(45 * 60), "America/New_York", "FREQ=WEEKLY;COUNT=8", List.of(),
				List.of(new Invitee("hank@globex.example", "Hank Scorpio"), new Invitee("jim@acme.example", "Jim Halpert")),
				null));
		calls.schedule(id, MeetingDraft.of("Vance Refrigeration demo", "pam@acme.example", null, null,
				nextHour.plusSeconds(24 * 3600), nextHour.plusSeconds(24 * 3600 + 3600), "Europe/Berlin", null, List.of(),
				List.of(new Invitee("bob.vance@vance.example", "Bob Vance")), null));
	}

}
