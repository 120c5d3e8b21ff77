package dev.assent.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.shared.ConfigChanges;
import dev.assent.shared.Conflict;
import dev.assent.shared.InvalidInput;
import dev.assent.shared.NotFound;
import dev.assent.shared.Slugs;
import dev.assent.shared.Tokens;

/** Creates companies and answers who a slug or token belongs to (PRODUCT T1). */
@Service
public class CompanyManagement {

	private final Companies companies;

	private final ApplicationEventPublisher events;

	private final ConfigChanges changes;

	private final Clock clock;

	private final TokenCache apiTokens;

	private final TokenCache scimTokens;

	CompanyManagement(Companies companies, ApplicationEventPublisher events, ConfigChanges changes, Clock clock) {
		this.apiTokens = new TokenCache(changes);
		this.scimTokens = new TokenCache(changes);
		this.companies = companies;
		this.events = events;
		this.changes = changes;
		this.clock = clock;
	}

	/** Creates a company with fresh API and SCIM tokens; the clear tokens are returned this once. */
	@Transactional
	public NewCompany create(String name, String slug) {
		String cleanName = name == null ? "" : name.strip();
		if (cleanName.isEmpty() || cleanName.length() > 200) {
			throw new InvalidInput("name", "must be 1 to 200 characters");
		}
		String cleanSlug = slug == null ? Slugs.from(cleanName) : slug.strip();
		validateSlug(cleanSlug);
		Company company = new Company(UUID.randomUUID(), cleanName, cleanSlug, Instant.now(clock));
		String apiToken = Tokens.generate("ast");
		String scimToken = Tokens.generate("ass");
		companies.insert(company, Tokens.hash(apiToken), Tokens.hash(scimToken));
		events.publishEvent(new CompanyCreated(company.id(), company.createdAt()));
		return new NewCompany(company.id(), company.slug(), apiToken, scimToken);
	}

	public Company get(UUID id) {
		return companies.findById(id).orElseThrow(() -> NotFound.coded("notFound.company"));
	}

	public Optional<Company> findBySlug(String slug) {
		return companies.findBySlug(slug);
	}

	/** The company that used this slug before it changed (PRODUCT C5: old links keep working). */
	public Optional<Company> findByRetiredSlug(String slug) {
		return companies.findByRetiredSlug(slug);
	}

	/** Changes the company part of every consent link; the old slug keeps redirecting. */
	@Transactional
	public Company changeSlug(UUID companyId, String newSlug) {
		Company company = get(companyId);
		String slug = newSlug.strip();
		if (slug.equals(company.slug())) {
			return company;
		}
		Optional<Company> previousOwner = companies.findByRetiredSlug(slug);
		if (previousOwner.isPresent() && !previousOwner.get().id().equals(companyId)) {
			throw Conflict.coded("conflict.company.slug", slug);
		}
		if (previousOwner.isEmpty()) {
			validateSlug(slug);
		}
		companies.changeSlug(companyId, company.slug(), slug, Instant.now(clock));
		changes.changed(companyId);
		return get(companyId);
	}

	/** The company's two bearer tokens: the REST API's and SCIM's. */
	public enum TokenKind {

		API("ast"), SCIM("ass");

		private final String prefix;

		TokenKind(String prefix) {
			this.prefix = prefix;
		}

	}

	/**
	 * Issues a new token of this kind; the previous one stops working at once (it matched by its
	 * hash, which is replaced). Nothing else changes. The clear token is returned this once.
	 */
	@Transactional
	public String rotateToken(UUID companyId, TokenKind kind) {
		get(companyId);
		String token = Tokens.generate(kind.prefix);
		companies.setTokenHash(companyId, kind == TokenKind.API, Tokens.hash(token));
		changes.tokensChanged();
		return token;
	}

	/** Revokes the token of this kind: no token of this kind works until one is rotated in again. */
	@Transactional
	public void revokeToken(UUID companyId, TokenKind kind) {
		get(companyId);
		companies.setTokenHash(companyId, kind == TokenKind.API, null);
		changes.tokensChanged();
	}

	/** Whether the company has a token of this kind (none after a revocation, until one is rotated in). */
	public boolean hasToken(UUID companyId, TokenKind kind) {
		return companies.hasToken(companyId, kind == TokenKind.API);
	}

	/** The company of an API token: a SHA-256 and an index lookup, remembered briefly ({@link TokenCache}). */
	public Optional<UUID> companyForApiToken(String token) {
		return apiTokens.company(Tokens.hash(token), companies::findIdByApiTokenHash);
	}

	/** The company of a SCIM token: a SHA-256 and an index lookup, remembered briefly ({@link TokenCache}). */
	public Optional<UUID> companyForScimToken(String token) {
		return scimTokens.company(Tokens.hash(token), companies::findIdByScimTokenHash);
	}

	private void validateSlug(String slug) {
		if (!Slugs.isValid(slug)) {
			throw new InvalidInput("slug", "use 1 to 48 lower-case letters, digits or dashes, not starting or ending with a dash");
		}
		if (Slugs.isReservedForCompany(slug)) {
			throw new InvalidInput("slug", "'" + slug + "' is reserved");
		}
		if (companies.slugTaken(slug)) {
			throw Conflict.coded("conflict.company.slug", slug);
		}
	}

}
