package dev.assent.reporting;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.assent.accounts.Member;
import dev.assent.accounts.MemberManagement;
import dev.assent.accounts.MemberQuery;
import dev.assent.accounts.Team;
import dev.assent.accounts.TeamManagement;
import dev.assent.calls.Call;
import dev.assent.calls.CallManagement;
import dev.assent.reporting.OptOutRate.Figure;
import dev.assent.reporting.OptOutRate.Group;
import dev.assent.reporting.OptOutRate.GroupBy;
import dev.assent.reporting.OptOutRate.Period;
import dev.assent.shared.InvalidInput;
import dev.assent.calls.Provider;

/**
 * The opt-out rate (PRODUCT R1): counted as decisions and calls change ({@link ReportingListeners}
 * note it, {@link ReportingJournalJob} folds the notes), read by summing the day counters of the
 * period asked for.
 */
@Service
public class OptOutReports {

	/** The longest period one report may span. */
	static final long MAX_DAYS = 3 * 366;

	private final OptOutCounts counts;

	private final CallManagement calls;

	private final MemberManagement members;

	private final TeamManagement teamManagement;

	private final Clock clock;

	OptOutReports(OptOutCounts counts, CallManagement calls, MemberManagement members, TeamManagement teamManagement,
			Clock clock) {
		this.counts = counts;
		this.calls = calls;
		this.members = members;
		this.teamManagement = teamManagement;
		this.clock = clock;
	}

	/** The last 30 days up to today (UTC), when a report names no period. */
	public LocalDate defaultFrom() {
		return today().minusDays(29);
	}

	public LocalDate today() {
		return LocalDate.now(clock.withZone(ZoneOffset.UTC));
	}

	/** The rate between two days (inclusive), in total and per group and period. */
	@Transactional(readOnly = true)
	public OptOutRate report(UUID companyId, LocalDate from, LocalDate to, @Nullable GroupBy groupBy,
			@Nullable Period period) {
		if (to.isBefore(from)) {
			throw InvalidInput.of("to", "invalid.must-not-be-before-from");
		}
		if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
			throw InvalidInput.of("to", "invalid.report.span", MAX_DAYS);
		}
		String p = period == null ? null : period.name().toLowerCase(Locale.ROOT);
		List<OptOutCounts.Row> totals = counts.sum(companyId, "all", from, to, null);
		Figure total = totals.isEmpty() ? Figure.of(0, 0) : Figure.of(totals.get(0).aborted(), totals.get(0).used());
		List<Group> groups = new ArrayList<>();
		if (groupBy != null || period != null) {
			String dimension = groupBy == null ? "all" : groupBy.name().toLowerCase(Locale.ROOT);
			Map<String, String> names = groupBy == null ? Map.of() : names(companyId, groupBy);
			for (OptOutCounts.Row r : counts.sum(companyId, dimension, from, to, p)) {
				Figure f = Figure.of(r.aborted(), r.used());
				String key = r.key().isEmpty() ? null : r.key();
				String name = groupBy == null ? "All calls"
						: key == null ? (groupBy == GroupBy.TEAM ? "No team" : "Nobody")
								: names.getOrDefault(key, key);
				groups.add(new Group(key, name, r.period(), f.numerator(), f.denominator(), f.rate()));
			}
		}
		return new OptOutRate(from, to, groupBy, period, total, groups);
	}

	private Map<String, String> names(UUID companyId, GroupBy groupBy) {
		Map<String, String> names = new HashMap<>();
		switch (groupBy) {
			case TEAM -> teamManagement.all(companyId).forEach(t -> names.put(t.id().toString(), t.name()));
			case MEMBER -> {
				for (int page = 0;; page++) {
					var result = members.search(companyId, new MemberQuery(null, null, null, page, 500));
					result.items().forEach(m -> names.put(m.id().toString(), m.name()));
					if (result.items().isEmpty() || (long) (page + 1) * result.size() >= result.total()) {
						break;
					}
				}
			}
			case PROVIDER -> {
				for (Provider p : Provider.values()) {
					names.put(p.name(), p.displayName());
				}
			}
		}
		return names;
	}

	// --- kept current by the listeners and the journal's fold

	/**
	 * Notes, in the caller's transaction, that calls' consent pages were used or that opt-outs
	 * aborted them; {@link ReportingJournalJob} folds the notes into the counters.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void note(List<OptOutCounts.Noted> noted) {
		if (!noted.isEmpty()) {
			counts.note(noted);
		}
	}

	/**
	 * Folds up to {@code max} notes into the counters in one transaction: a call counts where it
	 * was planned (its fact row, made on its first note), its page use in the denominator and its
	 * abort in the numerator, each once however often it was noted. Answers how many notes were
	 * folded; 0 when another transaction is folding right now.
	 */
	@Transactional
	int fold(int max) {
		if (!counts.tryFoldLock()) {
			return 0;
		}
		counts.commitWithoutWaitingForDisk();
		List<OptOutCounts.Noted> noted = counts.take(max);
		if (noted.isEmpty()) {
			return 0;
		}
		// Each call once, with what was noted of it; in the order of the calls' ids.
		SortedMap<UUID, EnumSet<OptOutCounts.Flag>> byCall = new TreeMap<>();
		Map<UUID, UUID> companyOf = new HashMap<>();
		for (OptOutCounts.Noted n : noted) {
			byCall.computeIfAbsent(n.callId(), k -> EnumSet.noneOf(OptOutCounts.Flag.class)).add(n.flag());
			companyOf.put(n.callId(), n.companyId());
		}
		Set<UUID> known = counts.withFacts(byCall.keySet());
		Map<UUID, List<UUID>> newByCompany = new HashMap<>();
		byCall.keySet().stream().filter(c -> !known.contains(c))
			.forEach(c -> newByCompany.computeIfAbsent(companyOf.get(c), k -> new ArrayList<>()).add(c));
		List<OptOutCounts.Fact> facts = new ArrayList<>();
		newByCompany.forEach((companyId, callIds) -> facts.addAll(facts(companyId, callIds)));
		counts.insertFacts(facts);
		counts.mark(byCall); // a call deleted before its first fold has no fact: nothing to count
		return noted.size();
	}

	/** Where these calls count (those that still exist), with two queries. */
	private List<OptOutCounts.Fact> facts(UUID companyId, List<UUID> callIds) {
		List<Call> found = calls.find(companyId, callIds);
		Map<UUID, Member> owners = members.get(companyId,
				found.stream().map(Call::ownerId).filter(Objects::nonNull).collect(Collectors.toSet()));
		return found.stream().map(c -> new OptOutCounts.Fact(companyId, c.id(), where(c, owners.get(c.ownerId())))).toList();
	}

	/** A call was (re-)planned: if it counts already, its counts follow it. */
	@Transactional
	void replanned(UUID companyId, UUID callId) {
		if (counts.hasFact(callId)) {
			calls.find(companyId, callId).ifPresent(c -> counts.move(companyId, callId, where(c)));
		}
	}

	private OptOutCounts.Where where(Call c) {
		return where(c, c.ownerId() == null ? null : members.get(c.companyId(), c.ownerId()));
	}

	private static OptOutCounts.Where where(Call c, @Nullable Member owner) {
		return new OptOutCounts.Where(c.ownerId(), owner == null ? null : owner.teamId(), c.provider().name(),
				c.plannedStart().atZone(ZoneOffset.UTC).toLocalDate());
	}

	/** Team names by id, for the admin page's filters. */
	public List<Team> teams(UUID companyId) {
		return teamManagement.all(companyId);
	}

}
