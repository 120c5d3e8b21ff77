package dev.assent.reporting;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The consent opt-out rate of a company (PRODUCT R1): calls aborted because a participant opted
 * out ({@code numerator}) ÷ calls where the consent page was used ({@code denominator}), between
 * two days (inclusive, by the calls' planned start in UTC), in total and per group and period.
 */
public record OptOutRate(LocalDate from, LocalDate to, @Nullable GroupBy groupBy, @Nullable Period period, Figure total,
		List<Group> groups) {

	/** What the calls are grouped by. */
	public enum GroupBy {

		TEAM, MEMBER, PROVIDER

	}

	/** The length of the periods the figures are split into. */
	public enum Period {

		DAY, WEEK, MONTH

	}

	/** Numerator, denominator and their ratio ({@code null} when no call used the consent page). */
	public record Figure(long numerator, long denominator, @Nullable Double rate) {

		static Figure of(long numerator, long denominator) {
			return new Figure(numerator, denominator, denominator == 0 ? null : (double) numerator / denominator);
		}

	}

	/**
	 * One group in one period: {@code key} is the team or member id or the provider ({@code null}
	 * for members without a team, and for the total per period); {@code name} what people read.
	 */
	public record Group(@Nullable String key, String name, @Nullable LocalDate period, long numerator, long denominator,
			@Nullable Double rate) {
	}

}
