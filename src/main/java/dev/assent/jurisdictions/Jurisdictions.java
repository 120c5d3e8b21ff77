package dev.assent.jurisdictions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

/**
 * Jurisdiction-aware defaults (PRODUCT X3), following {@code jurisdictions.md}'s "strictest
 * applicable law": every participant's location counts with its subdivision row and its country
 * row ({@code US-CA} + {@code US}, {@code AU-NSW} + {@code AU}, an EEA country + {@code EU}); rows
 * are filtered by medium; an unknown location — also a country whose subdivision is unknown where
 * subdivisions differ (US, AU) — counts as all-party; the strictest rule wins and tells the profile
 * settings it needs.
 */
@Service
public class Jurisdictions {

	/** Where the conversation happens: over a network (phone, VoIP, video) or face to face. */
	public enum Medium {
		CALL, IN_PERSON
	}

	/** One location and the rule its rows give. */
	public record Applied(String location, Rule rule, List<String> rows, List<String> citations) {
	}

	/** What a profile needs for the strictest rule. */
	public record Settings(String consentPage, String participantChoice, boolean audioPrompt, List<String> notes) {
	}

	/** The recommendation for a set of locations; {@code rules} are those that apply, strictest first. */
	public record Recommendation(Rule strictest, List<Rule> rules, List<Applied> applied, Settings settings,
			String tableVersion) {
	}

	static final Set<String> EEA = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU",
			"IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");

	/** Countries whose subdivisions have rules of their own: the country alone does not tell. */
	static final Set<String> BY_SUBDIVISION = Set.of("US", "AU");

	private static final Pattern CODE = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

	private static final Map<String, String> DIALLING = Map.ofEntries(Map.entry("44", "GB"), Map.entry("49", "DE"),
			Map.entry("33", "FR"), Map.entry("34", "ES"), Map.entry("39", "IT"), Map.entry("31", "NL"),
			Map.entry("32", "BE"), Map.entry("43", "AT"), Map.entry("41", "CH"), Map.entry("45", "DK"),
			Map.entry("46", "SE"), Map.entry("47", "NO"), Map.entry("48", "PL"), Map.entry("351", "PT"),
			Map.entry("353", "IE"), Map.entry("358", "FI"), Map.entry("30", "GR"), Map.entry("36", "HU"),
			Map.entry("420", "CZ"), Map.entry("40", "RO"), Map.entry("61", "AU"), Map.entry("91", "IN"),
			Map.entry("55", "BR"), Map.entry("81", "JP"), Map.entry("65", "SG"), Map.entry("354", "IS"),
			Map.entry("352", "LU"), Map.entry("356", "MT"), Map.entry("357", "CY"), Map.entry("359", "BG"),
			Map.entry("385", "HR"), Map.entry("386", "SI"), Map.entry("421", "SK"), Map.entry("370", "LT"),
			Map.entry("371", "LV"), Map.entry("372", "EE"), Map.entry("423", "LI"));

	private final LawTable table;

	Jurisdictions(LawTable table) {
		this.table = table;
	}

	/**
	 * The strictest rule for participants at these locations (ISO 3166 codes such as {@code US-CA},
	 * {@code DE}; anything else, or nothing, is an unknown location) and the settings it needs.
	 */
	public Recommendation recommend(Collection<String> locations, Medium medium) {
		List<Applied> applied = new ArrayList<>();
		Set<Rule> rules = EnumSet.noneOf(Rule.class);
		List<String> all = locations.isEmpty() ? List.of("unknown") : List.copyOf(locations);
		for (String raw : all) {
			Applied a = apply(raw.strip().toUpperCase(Locale.ROOT), medium);
			applied.add(a);
			rules.add(a.rule());
		}
		Rule strictest = rules.stream().max((a, b) -> Integer.compare(a.strictness(), b.strictness())).orElseThrow();
		List<Rule> ordered = rules.stream().sorted((a, b) -> Integer.compare(b.strictness(), a.strictness())).toList();
		return new Recommendation(strictest, ordered, applied, settings(strictest, applied, medium), table.version());
	}

	private Applied apply(String location, Medium medium) {
		if (!CODE.matcher(location).matches() || !known(location)) {
			return new Applied(location, Rule.ALL_PARTY, List.of(), List.of("location unknown: all-party assumed"));
		}
		String country = location.substring(0, 2);
		List<LawTable.Row> rows = new ArrayList<>(matching(table.rows(location), medium));
		if (location.length() > 2) {
			rows.addAll(matching(table.rows(country), medium));
		}
		else if (EEA.contains(country)) {
			rows.addAll(matching(table.rows("EU"), medium));
		}
		Rule rule = rows.stream()
			.map(LawTable.Row::rule)
			.max((a, b) -> Integer.compare(a.strictness(), b.strictness()))
			.orElse(Rule.ALL_PARTY);
		List<String> citations = new ArrayList<>(rows.stream().map(LawTable.Row::citation).toList());
		if (location.length() == 2 && BY_SUBDIVISION.contains(country) && rule.strictness() < Rule.ALL_PARTY.strictness()) {
			rule = Rule.ALL_PARTY;
			citations.add("state or territory unknown: all-party assumed");
		}
		return new Applied(location, rule, rows.stream().map(r -> r.code() + " " + r.rule().code() + " (" + r.appliesTo() + ")").toList(),
				citations);
	}

	private boolean known(String location) {
		return table.knows(location) || (location.length() > 2 && table.knows(location.substring(0, 2)));
	}

	private static List<LawTable.Row> matching(List<LawTable.Row> rows, Medium medium) {
		String wanted = medium == Medium.CALL ? "phone" : "in-person";
		return rows.stream().filter(r -> r.appliesTo().equals("all") || r.appliesTo().equals(wanted)).toList();
	}

	private static Settings settings(Rule strictest, List<Applied> applied, Medium medium) {
		List<String> notes = new ArrayList<>();
		Set<String> codes = new LinkedHashSet<>();
		applied.forEach(a -> codes.add(a.location()));
		if (codes.stream().anyMatch(c -> c.startsWith("US-CT"))) {
			notes.add("CT: consent on the recording, a recorded verbal notice at the start, or a beep every ~15 s");
		}
		if (codes.stream().anyMatch(c -> c.startsWith("US-WA"))) {
			notes.add("WA: the announcement itself must be recorded");
		}
		if (codes.contains("DE")) {
			notes.add("DE: § 201 StGB — real consent, a notice alone is not enough");
		}
		if (codes.stream().anyMatch(c -> c.startsWith("AU"))) {
			notes.add("AU: every caller must know before the recording starts");
		}
		if (medium == Medium.IN_PERSON && codes.stream().anyMatch(c -> c.startsWith("US-OR"))) {
			notes.add("OR in person: specifically inform every participant");
		}
		notes.add("anyone who declines must be able to stop the recording or be left out of it");
		return switch (strictest) {
			case GDPR_CONSENT -> {
				notes.add(0, "explicit, logged, withdrawable opt-in per participant; continued participation is not consent");
				yield new Settings("ENFORCED", "MAY_OPT_OUT", true, notes);
			}
			case ALL_PARTY, MIXED -> {
				notes.add(0, "announce the recording to everyone; consent or continued participation, logged");
				yield new Settings("ENABLED", "MAY_OPT_OUT", true, notes);
			}
			case ONE_PARTY -> {
				notes.add(0, "the host's consent suffices; a notice is still recommended");
				yield new Settings("OFF", "MAY_OPT_OUT", false, notes);
			}
		};
	}

	/**
	 * Where a profile falls short of a recommendation (PRODUCT X3): an empty list means it is
	 * strong enough. {@code consentPage} OFF/ENABLED/ENFORCED, {@code participantChoice}
	 * MAY_OPT_OUT/MUST_CONSENT.
	 */
	public List<String> shortfalls(String consentPage, String participantChoice, boolean audioPrompt,
			Recommendation recommendation) {
		List<String> out = new ArrayList<>();
		List<String> order = List.of("OFF", "ENABLED", "ENFORCED");
		Settings needed = recommendation.settings();
		if (order.indexOf(consentPage) < order.indexOf(needed.consentPage())) {
			out.add("consent page " + consentPage + ", " + recommendation.strictest().code() + " needs "
					+ needed.consentPage());
		}
		if (needed.audioPrompt() && !audioPrompt && !"ENFORCED".equals(consentPage)) {
			out.add("no audio prompt: dial-in participants are not told, " + recommendation.strictest().code()
					+ " needs an announcement to everyone");
		}
		if (recommendation.strictest() == Rule.GDPR_CONSENT && "MUST_CONSENT".equals(participantChoice)) {
			out.add("participants must consent to join: under GDPR consent is not freely given without an unrecorded path");
		}
		return out;
	}

	/** A participant's location from an email address's country domain ({@code .de} → DE); generic domains say nothing. */
	public static Optional<String> locationOfEmail(String email) {
		int dot = email.lastIndexOf('.');
		if (dot < 0 || email.indexOf('@') < 0) {
			return Optional.empty();
		}
		String tld = email.substring(dot + 1).toUpperCase(Locale.ROOT);
		if ("UK".equals(tld)) {
			return Optional.of("GB");
		}
		return tld.length() == 2 && !"EU".equals(tld) ? Optional.of(tld) : Optional.empty();
	}

	/** A participant's country from an E.164 number ({@code +49…} → DE); {@code +1} (US, Canada, …) says nothing. */
	public static Optional<String> locationOfPhone(String e164) {
		String digits = e164.replaceAll("[^0-9+]", "");
		if (!digits.startsWith("+")) {
			return Optional.empty();
		}
		for (int n = 3; n >= 2; n--) {
			if (digits.length() > n) {
				String country = DIALLING.get(digits.substring(1, n + 1));
				if (country != null) {
					return Optional.of(country);
				}
			}
		}
		return Optional.empty();
	}

}
