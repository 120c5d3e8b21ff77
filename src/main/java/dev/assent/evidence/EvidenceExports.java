package dev.assent.evidence;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.accounts.CompanyManagement;
import dev.assent.calls.Call;
import dev.assent.calls.CallDetails;
import dev.assent.calls.CallManagement;
import dev.assent.jurisdictions.Jurisdictions;
import dev.assent.shared.NotFound;

/**
 * The evidence of one call or one person as an auditor takes it away (PRODUCT X1): every record
 * with what was shown, the texts themselves, each record's place in the chain and the hash of its
 * link, the chain's head when the export was made, and the export's own SHA-256.
 * <p>
 * The export's hash is taken over its canonical JSON without the {@code exportSha256} member: UTF-8,
 * object members sorted by name at every depth, no white space, absent values left out. The JSON
 * answer is exactly that form plus {@code exportSha256}, so an auditor recomputes it by removing
 * the member and hashing what is left.
 */
@Service
public class EvidenceExports {

	static final JsonMapper CANONICAL = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
		.build();

	/** An export: its canonical body (with {@code exportSha256}) and the hash. */
	public record Export(Map<String, Object> body, String sha256, String json) {
	}

	private final EvidenceLedger ledger;

	private final CallManagement calls;

	private final CompanyManagement companies;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Jurisdictions jurisdictions;

	EvidenceExports(EvidenceLedger ledger, CallManagement calls, CompanyManagement companies, JdbcClient jdbc,
			Clock clock, Jurisdictions jurisdictions) {
		this.jurisdictions = jurisdictions;
		this.ledger = ledger;
		this.calls = calls;
		this.companies = companies;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The evidence of one call occurrence of the company; another company's call is not found. */
	@Transactional(readOnly = true)
	public Export call(UUID companyId, UUID callId) {
		Call call = calls.get(companyId, callId);
		CallDetails details = calls.details(companyId, call);
		Map<String, Object> subject = new LinkedHashMap<>();
		subject.put("type", "call");
		subject.put("callId", call.id().toString());
		subject.put("title", call.title());
		subject.put("plannedStart", call.plannedStart().toString());
		subject.put("plannedEnd", call.plannedEnd().toString());
		subject.put("provider", call.provider().name());
		subject.put("status", call.status().name());
		put(subject, "skipReason", call.skipReason() == null ? null : call.skipReason().name());
		if (details.owner() != null) {
			subject.put("owner", Map.of("id", details.owner().id().toString(), "name", details.owner().name(), "email",
					details.owner().email()));
		}
		if (details.profile() != null) {
			subject.put("consentProfile", Map.of("id", details.profile().id().toString(), "name",
					details.profile().name()));
		}
		subject.put("invitees", details.invitees().stream().map(i -> i.email()).toList());
		// The rule applied (jurisdictions.md checklist): participants' locations as Assent detects them
		// (invitees' country domains; unknown counts as all-party), the strictest rule, the table's version.
		Set<String> locations = new LinkedHashSet<>();
		details.invitees().forEach(i -> locations.add(Jurisdictions.locationOfEmail(i.email()).orElse("unknown")));
		Jurisdictions.Recommendation rule = jurisdictions.recommend(locations, Jurisdictions.Medium.CALL);
		Map<String, Object> applied = new LinkedHashMap<>();
		applied.put("locations", List.copyOf(locations));
		applied.put("rule", rule.strictest().code());
		applied.put("ruleSetVersion", rule.tableVersion());
		applied.put("needs", Map.of("consentPage", rule.settings().consentPage(), "participantChoice",
				rule.settings().participantChoice(), "audioPrompt", rule.settings().audioPrompt()));
		subject.put("jurisdiction", applied);
		Map<String, String> roles = new LinkedHashMap<>();
		details.invitees().forEach(i -> roles.put(i.email().toLowerCase(java.util.Locale.ROOT), "invitee"));
		if (details.owner() != null) {
			roles.put(details.owner().email().toLowerCase(java.util.Locale.ROOT), "host");
		}
		return export(companyId, subject, ledger.forCall(companyId, callId), roles);
	}

	/** The evidence of one participant (an email or an anonymous participant id); none at all is not found. */
	@Transactional(readOnly = true)
	public Export participant(UUID companyId, String participant) {
		List<EvidenceRecord> records = ledger.forParticipant(companyId, participant);
		if (records.isEmpty()) {
			throw new NotFound("Evidence of this participant");
		}
		Map<String, Object> subject = new LinkedHashMap<>();
		subject.put("type", "participant");
		subject.put("participant", participant);
		return export(companyId, subject, records, Map.of());
	}

	private Export export(UUID companyId, Map<String, Object> subject, List<EvidenceRecord> records,
			Map<String, String> roles) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("format", "assent-evidence/1");
		body.put("controller", Map.of("companyId", companyId.toString(), "name", companies.get(companyId).name()));
		body.put("subject", subject);
		body.put("exportedAt", Instant.now(clock).toString());
		ledger.head(companyId)
			.ifPresent(h -> body.put("chainPosition", Map.of("seq", h.seq(), "sha256", h.sha256())));
		Map<Long, String> linkHashes = linkHashes(companyId, records);
		Set<String> textShas = new LinkedHashSet<>();
		List<Map<String, Object>> items = new ArrayList<>();
		for (EvidenceRecord r : records) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", r.id().toString());
			item.put("recordedAt", r.recordedAt().toString());
			item.put("participant", r.participant());
			item.put("kind", r.kind());
			item.put("method", r.method());
			item.put("decision", r.decision());
			put(item, "callId", r.callId() == null ? null : r.callId().toString());
			put(item, "memberId", r.memberId() == null ? null : r.memberId().toString());
			item.put("shown", r.shown());
			if (!roles.isEmpty()) {
				// The person's role, as far as the call tells: its host, an invitee, or someone identified
				// only by the consent page's anonymous id, a phone number or a name.
				item.put("role", roles.getOrDefault(r.participant().toLowerCase(java.util.Locale.ROOT),
						"*".equals(r.participant()) ? "everyone" : "participant"));
			}
			if ("CONSENT_DECISION".equals(r.kind()) || "IMPLICIT_JOIN".equals(r.kind())) {
				// The purposes the decision covers, each with its answer (PRODUCT X4); a decision without
				// purposes of its own covers the one purpose asked: the recording.
				item.put("purposes", r.shown().get("purposes") instanceof Map<?, ?> asked ? asked
						: Map.of("recording", r.decision()));
			}
			put(item, "textSha256", r.textSha256());
			item.put("contentSha256", r.contentSha256());
			if (r.linkSeq() != null) {
				Map<String, Object> link = new LinkedHashMap<>();
				link.put("seq", r.linkSeq());
				link.put("pos", r.linkPos());
				put(link, "sha256", linkHashes.get(r.linkSeq()));
				item.put("link", link);
			}
			if (r.textSha256() != null) {
				textShas.add(r.textSha256());
			}
			items.add(item);
		}
		body.put("records", items);
		List<Map<String, Object>> texts = new ArrayList<>();
		ledger.shownTexts(textShas)
			.forEach((sha, text) -> texts.add(Map.of("sha256", sha, "mediaType", text.mediaType(), "content",
					text.content())));
		body.put("texts", texts);
		String canonical = CANONICAL.writeValueAsString(body);
		String sha = Hashes.sha256(canonical);
		body.put("exportSha256", sha);
		return new Export(body, sha, CANONICAL.writeValueAsString(body));
	}

	private Map<Long, String> linkHashes(UUID companyId, List<EvidenceRecord> records) {
		Long[] seqs = records.stream().map(EvidenceRecord::linkSeq).filter(s -> s != null).distinct().toArray(Long[]::new);
		Map<Long, String> out = new LinkedHashMap<>();
		if (seqs.length == 0) {
			return out;
		}
		jdbc.sql("select seq, sha256 from evidence.links where company_id = ? and seq = any(?)")
			.params(companyId, seqs)
			.query(rs -> {
				out.put(rs.getLong(1), rs.getString(2));
			});
		return out;
	}

	private static void put(Map<String, Object> map, String key, @Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	/** Whether an export's JSON still carries the hash of its content (what an auditor checks). */
	@SuppressWarnings("unchecked")
	public static boolean selfConsistent(String json) {
		Map<String, Object> body = CANONICAL.readValue(json, Map.class);
		Object claimed = body.remove("exportSha256");
		return claimed != null && claimed.equals(Hashes.sha256(CANONICAL.writeValueAsString(body)));
	}

}
