package dev.assent.admin;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.assent.accounts.CompanyManagement;
import dev.assent.accounts.MemberManagement;

@Configuration(proxyBeanMethods = false)
class AdminWebConfiguration implements WebMvcConfigurer {

	private final CompanyManagement companies;

	private final MemberManagement members;

	AdminWebConfiguration(CompanyManagement companies, MemberManagement members) {
		this.companies = companies;
		this.members = members;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new AdminShellInterceptor(companies, members)).addPathPatterns("/admin", "/admin/**");
	}

}
