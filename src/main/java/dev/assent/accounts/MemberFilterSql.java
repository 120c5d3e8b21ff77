package dev.assent.accounts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.assent.shared.InvalidInput;

/** Turns a {@link MemberFilter} into a SQL condition over {@code accounts.members m} with its parameters. */
final class MemberFilterSql {

	final StringBuilder sql = new StringBuilder();

	final List<Object> args = new ArrayList<>();

	static MemberFilterSql of(MemberFilter filter) {
		MemberFilterSql out = new MemberFilterSql();
		out.append(filter);
		return out;
	}

	private void append(MemberFilter filter) {
		if (filter instanceof MemberFilter.And and) {
			join(and.all(), " and ", "true");
		}
		else if (filter instanceof MemberFilter.Or or) {
			join(or.any(), " or ", "false");
		}
		else if (filter instanceof MemberFilter.Not not) {
			sql.append("not coalesce((");
			append(not.filter());
			sql.append("), false)");
		}
		else if (filter instanceof MemberFilter.Present p) {
			sql.append(column(p.attribute())).append(" is not null");
		}
		else if (filter instanceof MemberFilter.Compare c) {
			compare(c);
		}
		else {
			sql.append("false");
		}
	}

	private void join(List<MemberFilter> parts, String op, String empty) {
		if (parts.isEmpty()) {
			sql.append(empty);
			return;
		}
		sql.append('(');
		for (int i = 0; i < parts.size(); i++) {
			if (i > 0) {
				sql.append(op);
			}
			append(parts.get(i));
		}
		sql.append(')');
	}

	private void compare(MemberFilter.Compare c) {
		String column = column(c.attribute());
		switch (c.attribute()) {
			case EMAIL, NAME -> text("lower(" + column + ")", c.operator(), string(c).toLowerCase(java.util.Locale.ROOT));
			case EXTERNAL_ID -> text(column, c.operator(), string(c));
			case ACTIVE -> equality(column, c, Boolean.class);
			case ID, TEAM_ID -> equality(column, c, UUID.class);
			case CREATED_AT, UPDATED_AT -> {
				if (!(c.value() instanceof Instant at)) {
					throw invalid(c, "invalid.filter.date-time");
				}
				sql.append(column).append(switch (c.operator()) {
					case EQ -> " = ?";
					case NE -> " <> ?";
					case GT -> " > ?";
					case GE -> " >= ?";
					case LT -> " < ?";
					case LE -> " <= ?";
					default -> throw invalid(c, "invalid.filter.operator", c.operator());
				});
				args.add(Timestamp.from(at));
			}
		}
	}

	private void text(String expr, MemberFilter.Operator op, String value) {
		String like = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		switch (op) {
			case EQ -> {
				sql.append(expr).append(" = ?");
				args.add(value);
			}
			case NE -> {
				sql.append(expr).append(" is distinct from ?");
				args.add(value);
			}
			case CO, SW, EW -> {
				sql.append(expr).append(" like ?");
				args.add((op == MemberFilter.Operator.SW ? "" : "%") + like + (op == MemberFilter.Operator.EW ? "" : "%"));
			}
			case GT, GE, LT, LE -> {
				sql.append(expr).append(switch (op) {
					case GT -> " > ?";
					case GE -> " >= ?";
					case LT -> " < ?";
					default -> " <= ?";
				});
				args.add(value);
			}
		}
	}

	private void equality(String column, MemberFilter.Compare c, Class<?> type) {
		if (!type.isInstance(c.value())) {
			throw invalid(c, "invalid.filter.type", type.getSimpleName());
		}
		switch (c.operator()) {
			case EQ -> sql.append(column).append(" = ?");
			case NE -> sql.append(column).append(" is distinct from ?");
			default -> throw invalid(c, "invalid.filter.operator", c.operator());
		}
		args.add(c.value());
	}

	private static String string(MemberFilter.Compare c) {
		if (!(c.value() instanceof String s)) {
			throw invalid(c, "invalid.filter.string");
		}
		return s;
	}

	private static InvalidInput invalid(MemberFilter.Compare c, String code, Object... args) {
		Object[] all = new Object[args.length + 1];
		all[0] = c.attribute().name().toLowerCase(java.util.Locale.ROOT);
		System.arraycopy(args, 0, all, 1, args.length);
		return InvalidInput.of("filter", code, all);
	}

	private static String column(MemberFilter.Attribute attribute) {
		return switch (attribute) {
			case ID -> "m.id";
			case EMAIL -> "m.email";
			case NAME -> "m.name";
			case EXTERNAL_ID -> "m.external_id";
			case ACTIVE -> "m.active";
			case TEAM_ID -> "m.team_id";
			case CREATED_AT -> "m.created_at";
			case UPDATED_AT -> "m.updated_at";
		};
	}

}
