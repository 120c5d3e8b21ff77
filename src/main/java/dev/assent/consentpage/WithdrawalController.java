package dev.assent.consentpage;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.assent.accounts.MemberManagement;
import dev.assent.consentpage.ParticipantTokens.Withdrawal;

/**
 * The withdrawal page (PRODUCT X2): {@code GET /consent/withdraw/<token>} shows the participant's
 * decision and one button; its {@code POST} withdraws. The consent page's "withdraw" and the
 * personal link of the pre-call email both come here. A GET never changes anything.
 */
@Controller
class WithdrawalController {

	static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

	private static final String CSP = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

	private final Withdrawals withdrawals;

	private final MemberManagement members;

	private final MessageSource messages;

	WithdrawalController(Withdrawals withdrawals, MemberManagement members, MessageSource messages) {
		this.withdrawals = withdrawals;
		this.members = members;
		this.messages = messages;
	}

	@GetMapping(Withdrawals.PATH + "{token}")
	String page(@PathVariable String token, HttpServletResponse res, Model model) {
		Optional<Withdrawal> w = withdrawals.read(token);
		if (w.isEmpty()) {
			return notFound(res, model);
		}
		PageResponder.headers(res, CSP);
		Optional<Decision> governing = withdrawals.governing(w.get());
		model.addAttribute("done", false);
		model.addAttribute("memberName", memberName(w.get()));
		model.addAttribute("action", Withdrawals.PATH + token);
		model.addAttribute("choiceKey", governing.map(d -> "consent.choice." + d.choice().name()).orElse(null));
		model.addAttribute("choiceLabel", governing
			.map(d -> messages.getMessage("consent.choice." + d.choice().name(), null, d.choice().name(),
					LocaleContextHolder.getLocale()))
			.orElse(null));
		model.addAttribute("decidedAt", governing.map(d -> WHEN.format(d.decidedAt())).orElse(null));
		model.addAttribute("refused", governing.map(d -> d.outcome().refuses()).orElse(false));
		return "consentpage/withdraw";
	}

	@PostMapping(Withdrawals.PATH + "{token}")
	String withdraw(@PathVariable String token, @RequestParam(defaultValue = "link") String from,
			HttpServletResponse res, Model model) {
		Optional<Withdrawal> w = withdrawals.read(token);
		if (w.isEmpty()) {
			return notFound(res, model);
		}
		Optional<Withdrawals.Result> result = withdrawals.withdraw(w.get(), "page".equals(from) ? "PAGE" : "LINK");
		if (result.isEmpty()) {
			return notFound(res, model);
		}
		PageResponder.headers(res, CSP);
		model.addAttribute("done", true);
		model.addAttribute("memberName", memberName(w.get()));
		return "consentpage/withdraw";
	}

	private String memberName(Withdrawal w) {
		try {
			return members.get(w.companyId(), w.memberId()).name();
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

	private static String notFound(HttpServletResponse res, Model model) {
		res.setStatus(HttpStatus.NOT_FOUND.value());
		PageResponder.headers(res, CSP);
		model.addAttribute("messageKey", "consent.error.notFound");
		model.addAttribute("status", 404);
		return "consentpage/consent-error";
	}

}
