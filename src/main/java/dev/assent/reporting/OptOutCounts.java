package dev.assent.reporting;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.assent.shared.AtCommit;
import dev.assent.shared.Commits;

import static dev.assent.shared.SqlArrays.uuids;

/**
 * The opt-out rate's counters (PRODUCT R1): per call a fact row, per company, dimension and day a
 * counter kept in {@link #SHARDS} rows (the call's hash picks one, so concurrent calls rarely wait on
 * the same row lock; reading sums them), and the same per calendar month ({@link #sum} reads whole
 * months there). A call's flag turns on once; only that turn moves the counters, so events
 * delivered twice count once.
 */
@Repository
class OptOutCounts {

	/** Where a call counts. */
	record Where(@Nullable UUID memberId, @Nullable UUID teamId, String provider, LocalDate day) {
	}

	/** The counts of one group (and period), summed over the days asked for. */
	record Row(String key, @Nullable LocalDate period, long used, long aborted) {
	}

	/** Rows per counter. */
	static final int SHARDS = 16;

	/** The shard of the call {@code f.call_id}. */
	private static final String SHARD = "(hashtext(f.call_id::text) & " + (SHARDS - 1) + ")";

	private static final String DIMENSIONS = """
			lateral (values ('all', ''), ('team', coalesce(f.team_id::text, '')), ('member', coalesce(f.member_id::text, '')),
			        ('provider', f.provider)) x(dimension, key)""";

	/** Notes of calls, one row each (any number of rows; the arrays are the rows' columns). */
	private static final String NOTE = """
			insert into reporting.journal (company_id, call_id, flag)
			select * from unnest(?::uuid[], ?::uuid[], ?::text[])""";

	private final JdbcClient jdbc;

	OptOutCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * This transaction's commit does not wait for the disk. Safe for the listeners: the event's
	 * completion is committed after it, durably, and a crash that loses this commit loses that
	 * completion too (the WAL is written in order), so the event is delivered again.
	 */
	void commitWithoutWaitingForDisk() {
		Commits.withoutWaitingForDisk(jdbc);
	}

	/** What happened to a call, noted for the counters: its page was used, or an opt-out aborted it. */
	enum Flag {
		USED, ABORTED
	}

	/** A note of the journal. */
	record Noted(UUID companyId, UUID callId, Flag flag) {
	}

	/** Notes what happened to calls, in the caller's transaction (one statement for all of them). */
	void note(List<Noted> noted) {
		jdbc.sql(NOTE).params(noteParams(noted)).update();
	}

	/** {@link #note}'s statement, sent with the transaction's other statements at commit ({@link AtCommit}). */
	void noteAtCommit(AtCommit.Statements atCommit, List<Noted> noted) {
		atCommit.add(NOTE, noteParams(noted));
	}

	private static Object[] noteParams(List<Noted> noted) {
		return new Object[] { uuids(noted, Noted::companyId),
				uuids(noted, Noted::callId),
				noted.stream().map(n -> n.flag().name()).toArray(String[]::new) };
	}

	/**
	 * Only one transaction at a time folds the journal, on any node: the counters are then moved in
	 * one order by one writer, never waiting on (or deadlocking with) another fold.
	 */
	boolean tryFoldLock() {
		return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(hashtext('reporting.journal'))")
			.query(Boolean.class)
			.single());
	}

	/** Takes (deletes and returns) up to {@code max} of the oldest notes, in this transaction. */
	List<Noted> take(int max) {
		return jdbc.sql("""
				delete from reporting.journal where id in (select id from reporting.journal order by id limit ?)
				returning company_id, call_id, flag""")
			.param(max)
			.query((rs, i) -> new Noted(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					Flag.valueOf(rs.getString(3))))
			.list();
	}

	/** Which of these calls have a fact row already. */
	Set<UUID> withFacts(Collection<UUID> callIds) {
		return new HashSet<>(jdbc.sql("select call_id from reporting.call_facts where call_id = any(?)")
			.param(callIds.toArray(UUID[]::new))
			.query(UUID.class)
			.list());
	}

	boolean hasFact(UUID callId) {
		return jdbc.sql("select exists (select 1 from reporting.call_facts where call_id = ?)")
			.param(callId)
			.query(Boolean.class)
			.single();
	}

	/** Where a call counts. */
	record Fact(UUID companyId, UUID callId, Where where) {
	}

	/** Records where calls count, those not known already, with one statement. */
	void insertFacts(List<Fact> facts) {
		if (facts.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into reporting.call_facts (call_id, company_id, member_id, team_id, provider, day)
				select * from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::date[])
				on conflict (call_id) do nothing""")
			.params(facts.stream().map(Fact::callId).toArray(UUID[]::new),
					facts.stream().map(Fact::companyId).toArray(UUID[]::new),
					facts.stream().map(f -> f.where().memberId()).toArray(UUID[]::new),
					facts.stream().map(f -> f.where().teamId()).toArray(UUID[]::new),
					facts.stream().map(f -> f.where().provider()).toArray(String[]::new),
					facts.stream().map(f -> Date.valueOf(f.where().day())).toArray(Date[]::new))
			.update();
	}

	/**
	 * Turns on the noted flags of calls with one statement; the counters move, once per call, for
	 * each flag that was off. Calls without a fact row are left out.
	 */
	void mark(Map<UUID, ? extends Set<Flag>> flagsByCall) {
		if (flagsByCall.isEmpty()) {
			return;
		}
		List<UUID> ids = new ArrayList<>(flagsByCall.keySet());
		jdbc.sql("""
				with n as (
				  select * from unnest(:calls::uuid[], :used::boolean[], :aborted::boolean[]) as n(call_id, used, aborted)),
				was as (
				  select c.call_id, c.page_used, c.aborted from reporting.call_facts c join n using (call_id)),
				f as (
				  update reporting.call_facts c set page_used = c.page_used or n.used, aborted = c.aborted or n.aborted
				  from n join was w using (call_id)
				  where c.call_id = n.call_id and ((n.used and not w.page_used) or (n.aborted and not w.aborted))
				  returning c.call_id, c.company_id, c.member_id, c.team_id, c.provider, c.day,
				    (n.used and not w.page_used)::int as used, (n.aborted and not w.aborted)::int as aborted),
				""" + COUNT_SUMMED)
			.param("calls", ids.toArray(UUID[]::new))
			.param("used", ids.stream().map(id -> flagsByCall.get(id).contains(Flag.USED)).toArray(Boolean[]::new))
			.param("aborted", ids.stream().map(id -> flagsByCall.get(id).contains(Flag.ABORTED)).toArray(Boolean[]::new))
			.update();
	}

	/**
	 * Adds the CTE {@code f}'s calls, each with what it adds to used and aborted, to the day and
	 * month counters where they count; rows of the same counter summed first, so each is written once.
	 */
	private static final String COUNT_SUMMED = """
			d as (
			  select f.company_id, x.dimension, f.day, x.key, %s as shard, sum(f.used) as used, sum(f.aborted) as aborted
			  from f, %s
			  group by 1, 2, 3, 4, 5),
			days as (
			  insert into reporting.opt_out_counts as c (company_id, dimension, day, key, shard, used, aborted)
			  select company_id, dimension, day, key, shard, used, aborted from d
			  on conflict (company_id, dimension, day, key, shard)
			  do update set used = c.used + excluded.used, aborted = c.aborted + excluded.aborted)
			insert into reporting.opt_out_counts_monthly as c (company_id, dimension, month, key, shard, used, aborted)
			select company_id, dimension, date_trunc('month', day)::date, key, shard, sum(used), sum(aborted) from d
			group by 1, 2, 3, 4, 5
			on conflict (company_id, dimension, month, key, shard)
			do update set used = c.used + excluded.used, aborted = c.aborted + excluded.aborted""".formatted(SHARD,
			DIMENSIONS);

	/**
	 * A call was re-planned (another day, owner or provider): its counts move from where it
	 * counted to where it counts now. Answers whether anything moved.
	 */
	boolean move(UUID companyId, UUID callId, Where now) {
		Optional<Where> before = jdbc.sql("""
				select member_id, team_id, provider, day from reporting.call_facts
				where call_id = ? and company_id = ? for update""")
			.params(callId, companyId)
			.query((rs, i) -> new Where(rs.getObject("member_id", UUID.class), rs.getObject("team_id", UUID.class),
					rs.getString("provider"), rs.getObject("day", LocalDate.class)))
			.optional();
		if (before.isEmpty() || before.get().equals(now)) {
			return false;
		}
		add(callId, -1);
		jdbc.sql("update reporting.call_facts set member_id = ?, team_id = ?, provider = ?, day = ? where call_id = ?")
			.params(now.memberId(), now.teamId(), now.provider(), now.day(), callId)
			.update();
		add(callId, 1);
		return true;
	}

	/** Adds (or takes away) a call's flags to the counters where it counts. */
	private void add(UUID callId, int sign) {
		jdbc.sql("""
				with f as (
				  select company_id, member_id, team_id, provider, day, call_id, :sign * page_used::int as used,
				    :sign * aborted::int as aborted
				  from reporting.call_facts where call_id = :call and (page_used or aborted)),
				""" + COUNT_SUMMED)
			.param("sign", sign)
			.param("call", callId)
			.update();
	}

	/**
	 * The counts of a company between two days (inclusive), per key of a dimension, and per
	 * period ({@code day}, {@code week}, {@code month}) when one is given. Whole calendar months
	 * are read from the month counters (unless days or weeks are asked for), the days before the
	 * first and after the last whole month from the day counters.
	 */
	List<Row> sum(UUID companyId, String dimension, LocalDate from, LocalDate to, @Nullable String period) {
		String periodColumn = period == null ? "null::date" : "date_trunc('" + period + "', day)::date";
		Months months = period == null || period.equals("month") ? Months.within(from, to) : Months.NONE;
		LocalDate headEnd = months.isEmpty() ? to : months.first().minusDays(1);
		LocalDate tailStart = months.isEmpty() ? to.plusDays(1) : months.last().plusMonths(1);
		return jdbc.sql("""
				select key, %s as period, sum(used) as used, sum(aborted) as aborted
				from (
				  select key, day, used, aborted from reporting.opt_out_counts
				  where company_id = :company and dimension = :dimension
				    and (day between :from and :headEnd or day between :tailStart and :to)
				  union all
				  select key, month as day, used, aborted from reporting.opt_out_counts_monthly
				  where company_id = :company and dimension = :dimension and month between :firstMonth and :lastMonth
				) counts
				group by key, period
				having sum(used) <> 0 or sum(aborted) <> 0
				order by period, key""".formatted(periodColumn))
			.param("company", companyId)
			.param("dimension", dimension)
			.param("from", from)
			.param("to", to)
			.param("headEnd", headEnd)
			.param("tailStart", tailStart)
			.param("firstMonth", months.first())
			.param("lastMonth", months.last())
			.query((rs, i) -> new Row(rs.getString("key"), rs.getObject("period", LocalDate.class), rs.getLong("used"),
					rs.getLong("aborted")))
			.list();
	}

	/** The whole calendar months of a range of days, by their first days; {@link #NONE} when there is none. */
	record Months(LocalDate first, LocalDate last) {

		static final Months NONE = new Months(LocalDate.of(2000, 2, 1), LocalDate.of(2000, 1, 1));

		static Months within(LocalDate from, LocalDate to) {
			LocalDate first = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
			LocalDate last = to.plusDays(1).getDayOfMonth() == 1 ? to.withDayOfMonth(1) : to.withDayOfMonth(1).minusMonths(1);
			return first.isAfter(last) ? NONE : new Months(first, last);
		}

		boolean isEmpty() {
			return first.isAfter(last);
		}

	}

}
