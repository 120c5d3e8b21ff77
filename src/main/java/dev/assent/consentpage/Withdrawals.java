package dev.assent.consentpage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.MemberManagement;
import dev.assent.consentpage.PageLinks.Found;
import dev.assent.consentpage.ParticipantTokens.Withdrawal;
import dev.assent.shared.Ids;

/**
 * Withdrawal as easy as consent (PRODUCT X2, GDPR Art. 7(3)): a participant who decided finds a
 * one-step "withdraw" on the consent page, and every invitee can be sent a personal withdrawal
 * link ({@link #withdrawalLink}, for the pre-call email). Both lead to {@code /consent/withdraw/<token>}:
 * a signed token naming the company, the member's page, the call and the participant.
 */
@Service
public class Withdrawals {

	static final String PATH = "/consent/withdraw/";

	/** What a withdrawal did: {@code withdrawal} is the stored (or earlier stored) withdrawal. */
	record Result(Decision withdrawal, boolean newlyStored) {
	}

	private final ConsentManagement consents;

	private final ParticipantTokens tokens;

	private final PageLinks links;

	private final PageCache cache;

	private final CompanyManagement companies;

	private final MemberManagement members;

	private final Clock clock;

	Withdrawals(ConsentManagement consents, ParticipantTokens tokens, PageLinks links, PageCache cache,
			CompanyManagement companies, MemberManagement members, Clock clock) {
		this.consents = consents;
		this.tokens = tokens;
		this.links = links;
		this.cache = cache;
		this.companies = companies;
		this.members = members;
		this.clock = clock;
	}

	/**
	 * The personal withdrawal link of one participant (an invitee's email) for one call on a
	 * member's page: {@code {baseUrl}/consent/withdraw/<token>}. Opening it shows one button.
	 */
	public String withdrawalLink(UUID companyId, UUID memberId, @Nullable UUID callId, String participantEmail,
			String baseUrl) {
		return baseUrl + PATH + tokens.withdrawal(companyId, memberId, callId, participantEmail);
	}

	/** The path of the withdrawal a returning participant is offered on the consent page. */
	String pathFor(Decision d) {
		return PATH + tokens.withdrawal(d.companyId(), d.memberId(), d.callId(), d.participantId());
	}

	Optional<Withdrawal> read(String token) {
		return tokens.readWithdrawal(token);
	}

	/** The decision that governs for the token's participant and call, if they decided. */
	Optional<Decision> governing(Withdrawal w) {
		return consents.governingDecision(w.companyId(), w.memberId(), w.callId(), w.participant());
	}

	/**
	 * Withdraws: stores a WITHDRAW decision for the token's participant and call, with its evidence
	 * and events. Withdrawing twice, or withdrawing an opt-out, stores nothing more.
	 */
	@Transactional
	Optional<Result> withdraw(Withdrawal w, String channel) {
		Optional<Decision> governing = governing(w);
		if (governing.isPresent() && governing.get().outcome().refuses()) {
			return Optional.of(new Result(governing.get(), false));
		}
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		Decision withdrawal;
		String noticeHtml = null;
		String key;
		if (governing.isPresent()) {
			Decision d = governing.get();
			withdrawal = new Decision(Ids.timeOrdered(now), d.companyId(), d.memberId(), d.callId(), d.participantId(),
					Choice.WITHDRAW, Outcome.WITHDRAWN, d.noticeSha256(), d.language(), d.choicesOffered(), d.profileId(),
					d.profileVersion(), d.provider(), d.joinUrl(), now);
			key = d.id().toString();
		}
		else {
			// a personal link of someone who never used the page: the page as it stands tells what they were told
			Optional<Found> found = page(w.companyId(), w.memberId());
			if (found.isEmpty()) {
				return Optional.empty();
			}
			PageView view = found.get().view();
			PageRenderer.Rendered shown = cache.rendered(found.get(), view.languages().isEmpty() ? "en" : view.languages().get(0));
			noticeHtml = shown.noticeHtml();
			withdrawal = new Decision(Ids.timeOrdered(now), w.companyId(), w.memberId(), w.callId(), w.participant(),
					Choice.WITHDRAW, Outcome.WITHDRAWN, shown.noticeSha256(), shown.language(), view.choices(),
					view.profileId(), view.profileVersion(), view.provider().name(),
					view.joinUrl() == null ? "" : view.joinUrl(), now);
			key = UUID.nameUUIDFromBytes((w.participant() + "|" + w.callId()).getBytes(StandardCharsets.UTF_8))
				.toString();
		}
		Optional<Decision> stored = consents.storeWithdrawal(withdrawal,
				governing.map(Decision::id).orElse(null), key, channel, noticeHtml);
		return Optional.of(new Result(stored.orElse(withdrawal), stored.isPresent()));
	}

	private Optional<Found> page(UUID companyId, UUID memberId) {
		try {
			String company = companies.get(companyId).slug();
			String member = members.get(companyId, memberId).slug();
			return links.resolve(company, member) instanceof Found found ? Optional.of(found) : Optional.empty();
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}


}
