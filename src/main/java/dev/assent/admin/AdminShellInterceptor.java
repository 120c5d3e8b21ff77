package dev.assent.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.Tenant;

/**
 * Adds {@code shell} to the model of every full admin page (not to redirects or htmx fragments),
 * so the one layout can show the company, the signed-in member and the navigation.
 */
class AdminShellInterceptor implements HandlerInterceptor {

	private final CompanyManagement companies;

	private final MemberManagement members;

	AdminShellInterceptor(CompanyManagement companies, MemberManagement members) {
		this.companies = companies;
		this.members = members;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable ModelAndView mav) {
		if (mav == null || !mav.isReference() || mav.getViewName() == null) {
			return;
		}
		String view = mav.getViewName();
		if (view.startsWith("redirect:") || view.startsWith("forward:") || view.contains("::")) {
			return;
		}
		Tenant tenant = tenant();
		if (tenant == null || tenant.memberId() == null) {
			return;
		}
		Member me = members.get(tenant.companyId(), tenant.memberId());
		mav.addObject("shell",
				new AdminShell(companies.get(tenant.companyId()).name(), me.name(), me.email(), tenant.isTechAdmin()));
	}

	private static @Nullable Tenant tenant() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof Tenant t ? t : null;
	}

}
