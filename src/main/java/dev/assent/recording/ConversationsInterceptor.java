package dev.assent.recording;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

import dev.assent.accounts.Tenant;

/**
 * Puts the Conversations widget (PRODUCT D6) on the home pages without the modules that own
 * them depending on recording: the member's skipped calls on "My profile", the company's on the
 * admin dashboard. The pages include {@code recording/conversations :: widget} when
 * {@code conversations} is present.
 */
class ConversationsInterceptor implements HandlerInterceptor {

	static final int DAYS = 30;

	static final int SHOWN = 10;

	private final SkippedCalls recordings;

	ConversationsInterceptor(SkippedCalls recordings) {
		this.recordings = recordings;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable ModelAndView mav) {
		if (mav == null || mav.getViewName() == null) {
			return;
		}
		Tenant tenant = tenant();
		if (tenant == null || tenant.memberId() == null) {
			return;
		}
		switch (mav.getViewName()) {
			case "admin/me" -> {
				mav.addObject("conversations", recordings.skippedCalls(tenant.companyId(), tenant.memberId(), DAYS, SHOWN));
				mav.addObject("conversationsScope", "yours");
			}
			case "admin/dashboard" -> {
				mav.addObject("conversations", recordings.skippedCalls(tenant.companyId(), null, DAYS, SHOWN));
				mav.addObject("conversationsScope", "company");
			}
			default -> {
			}
		}
	}

	private static @Nullable Tenant tenant() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof Tenant t ? t : null;
	}

}
