package dev.assent.consentpage.web;

import org.jspecify.annotations.Nullable;

import dev.assent.consentpage.ConsentPageSettings;
import dev.assent.consentpage.LinkType;

/** The consent page settings form of the admin UI (PRODUCT C1, C5, C9, L1). */
public class SettingsForm {

	private @Nullable String companySlug;

	private LinkType linkType = LinkType.STATIC;

	private boolean protectedLinks;

	private @Nullable String noticeHtml;

	private @Nullable String policyUrl;

	static SettingsForm of(String companySlug, ConsentPageSettings s) {
		SettingsForm f = new SettingsForm();
		f.companySlug = companySlug;
		f.linkType = s.linkType();
		f.protectedLinks = s.protectedLinks();
		f.noticeHtml = s.noticeHtml();
		f.policyUrl = s.policyUrl();
		return f;
	}

	public @Nullable String getCompanySlug() {
		return companySlug;
	}

	public void setCompanySlug(@Nullable String companySlug) {
		this.companySlug = companySlug;
	}

	public LinkType getLinkType() {
		return linkType;
	}

	public void setLinkType(@Nullable LinkType linkType) {
		this.linkType = linkType == null ? LinkType.STATIC : linkType;
	}

	public boolean isProtectedLinks() {
		return protectedLinks;
	}

	public void setProtectedLinks(boolean protectedLinks) {
		this.protectedLinks = protectedLinks;
	}

	public @Nullable String getNoticeHtml() {
		return noticeHtml;
	}

	public void setNoticeHtml(@Nullable String noticeHtml) {
		this.noticeHtml = noticeHtml;
	}

	public @Nullable String getPolicyUrl() {
		return policyUrl;
	}

	public void setPolicyUrl(@Nullable String policyUrl) {
		this.policyUrl = policyUrl;
	}

}
