package dev.assent.jurisdictions;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.assent.jurisdictions.Jurisdictions.Medium;
import dev.assent.jurisdictions.Jurisdictions.Recommendation;

import static org.assertj.core.api.Assertions.assertThat;

/** The strictest applicable rule from the law table (PRODUCT X3, {@code jurisdictions.md} §1). */
class JurisdictionsTests {

	private final LawTable table = new LawTable();

	private final Jurisdictions jurisdictions = new Jurisdictions(table);

	@Test
	void theLawTableShipsAllItsRows() {
		assertThat(table.size()).isEqualTo(102);
		assertThat(table.version()).hasSize(12);
	}

	@Test
	void participantsInCaliforniaAndGermanyNeedAllPartyConsentAndGdpr() { // X3
		Recommendation r = jurisdictions.recommend(List.of("US-CA", "DE"), Medium.CALL);

		assertThat(r.rules()).containsExactly(Rule.GDPR_CONSENT, Rule.ALL_PARTY);
		assertThat(r.strictest()).isEqualTo(Rule.GDPR_CONSENT);
		assertThat(r.settings().consentPage()).isEqualTo("ENFORCED");
		assertThat(r.settings().notes()).anyMatch(n -> n.contains("§ 201 StGB"));
		assertThat(r.applied().get(0).rows()).contains("US-CA all-party (all)", "US one-party (all)");
		assertThat(r.applied().get(1).rows()).contains("DE gdpr-consent (all)", "EU gdpr-consent (all)");
	}

	@Test
	void newYorkAloneIsOneParty() { // X3
		Recommendation r = jurisdictions.recommend(List.of("US-NY"), Medium.CALL);

		assertThat(r.rules()).containsExactly(Rule.ONE_PARTY);
		assertThat(r.settings().consentPage()).isEqualTo("OFF");
	}

	@Test
	void anUnknownLocationCountsAsAllParty() { // X3
		assertThat(jurisdictions.recommend(List.of(), Medium.CALL).strictest()).isEqualTo(Rule.ALL_PARTY);
		assertThat(jurisdictions.recommend(List.of("unknown"), Medium.CALL).strictest()).isEqualTo(Rule.ALL_PARTY);
		assertThat(jurisdictions.recommend(List.of("XX"), Medium.CALL).strictest()).isEqualTo(Rule.ALL_PARTY);
		// a US participant whose state is unknown: the federal floor is not enough
		assertThat(jurisdictions.recommend(List.of("US"), Medium.CALL).strictest()).isEqualTo(Rule.ALL_PARTY);
		assertThat(jurisdictions.recommend(List.of("US-NY", "unknown"), Medium.CALL).strictest()).isEqualTo(Rule.ALL_PARTY);
	}

	@Test
	void rowsAreChosenByMedium() { // X3
		assertThat(jurisdictions.recommend(List.of("US-CT"), Medium.CALL).strictest()).isEqualTo(Rule.ALL_PARTY);
		assertThat(jurisdictions.recommend(List.of("US-CT"), Medium.IN_PERSON).strictest()).isEqualTo(Rule.ONE_PARTY);
		assertThat(jurisdictions.recommend(List.of("US-OR"), Medium.CALL).strictest()).isEqualTo(Rule.ONE_PARTY);
		assertThat(jurisdictions.recommend(List.of("US-OR"), Medium.IN_PERSON).strictest()).isEqualTo(Rule.ALL_PARTY);
	}

	@Test
	void locationsComeFromCountryDomainsAndDiallingCodes() { // X3
		assertThat(Jurisdictions.locationOfEmail("anna@kunde.de")).hasValue("DE");
		assertThat(Jurisdictions.locationOfEmail("bob@client.co.uk")).hasValue("GB");
		assertThat(Jurisdictions.locationOfEmail("carol@example.com")).isEmpty();
		assertThat(Jurisdictions.locationOfPhone("+49 30 1234567")).hasValue("DE");
		assertThat(Jurisdictions.locationOfPhone("+353 1 234 5678")).hasValue("IE");
		assertThat(Jurisdictions.locationOfPhone("+1 212 555 0100")).isEmpty();
	}

	@Test
	void aProfileWeakerThanTheStrictestRuleIsFlagged() { // X3
		Recommendation gdpr = jurisdictions.recommend(List.of("FR"), Medium.CALL);

		assertThat(jurisdictions.shortfalls("ENABLED", "MAY_OPT_OUT", false, gdpr)).hasSize(2);
		assertThat(jurisdictions.shortfalls("ENFORCED", "MUST_CONSENT", true, gdpr))
			.singleElement()
			.asString()
			.contains("not freely given");
		assertThat(jurisdictions.shortfalls("ENFORCED", "MAY_OPT_OUT", true, gdpr)).isEmpty();
		assertThat(jurisdictions.shortfalls("OFF", "MAY_OPT_OUT", false,
				jurisdictions.recommend(List.of("US-TX"), Medium.CALL))).isEmpty();
	}

}
