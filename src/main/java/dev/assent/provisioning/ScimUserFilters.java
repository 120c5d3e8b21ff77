package dev.assent.provisioning;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;

import dev.assent.accounts.MemberFilter;
import dev.assent.accounts.MemberFilter.Attribute;
import dev.assent.accounts.MemberFilter.Operator;

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2) with the UnboundID SDK's parser of the filter grammar
 * and translates it into a {@link MemberFilter}, which the accounts module runs as SQL.
 */
final class ScimUserFilters {

	private ScimUserFilters() {
	}

	/** The filter, or everything when {@code filter} is blank. Malformed or unsupported → {@code invalidFilter}. */
	static MemberFilter parse(String filter) {
		if (filter == null || filter.isBlank()) {
			return new MemberFilter.And(List.of());
		}
		Filter parsed;
		try {
			parsed = Filter.fromString(filter);
		}
		catch (BadRequestException ex) {
			throw ScimProblem.invalidFilter("The filter is malformed: " + ex.getMessage());
		}
		return translate(parsed, "");
	}

	private static MemberFilter translate(Filter f, String prefix) {
		switch (f.getFilterType()) {
			case AND, OR -> {
				List<MemberFilter> parts = new ArrayList<>();
				for (Filter part : f.getCombinedFilters()) {
					parts.add(translate(part, prefix));
				}
				return f.getFilterType() == com.unboundid.scim2.common.filters.FilterType.AND ? new MemberFilter.And(parts)
						: new MemberFilter.Or(parts);
			}
			case NOT -> {
				return new MemberFilter.Not(translate(f.getInvertedFilter(), prefix));
			}
			case COMPLEX_VALUE -> {
				String attribute = name(f.getAttributePath());
				if (!attribute.equals("emails") && !attribute.equals("groups")) {
					throw ScimProblem.invalidFilter("'" + attribute + "[…]' is not filterable");
				}
				return translate(f.getValueFilter(), attribute + ".");
			}
			case PRESENT -> {
				Attribute attribute = attribute(prefix + name(f.getAttributePath()));
				return attribute == null ? new MemberFilter.And(List.of()) : new MemberFilter.Present(attribute);
			}
			default -> {
				String name = prefix + name(f.getAttributePath());
				Attribute attribute = attribute(name);
				if (attribute == null) {
					// emails[type eq "work"], emails[primary eq true]: every member has one work email, the primary one.
					return new MemberFilter.And(List.of());
				}
				return compare(attribute, operator(f), f.getComparisonValue(), name);
			}
		}
	}

	private static MemberFilter compare(Attribute attribute, Operator op, ValueNode value, String name) {
		return switch (attribute) {
			case ID, TEAM_ID -> {
				try {
					yield new MemberFilter.Compare(attribute, op, UUID.fromString(value.asText()));
				}
				catch (IllegalArgumentException ex) {
					yield op == Operator.NE ? new MemberFilter.And(List.of()) : new MemberFilter.None();
				}
			}
			case ACTIVE -> {
				if (!value.isBoolean()) {
					throw ScimProblem.invalidFilter("'" + name + "' compares with true or false");
				}
				yield new MemberFilter.Compare(attribute, op, value.booleanValue());
			}
			case CREATED_AT, UPDATED_AT -> {
				try {
					yield new MemberFilter.Compare(attribute, op, Instant.parse(value.asText()));
				}
				catch (DateTimeParseException ex) {
					throw ScimProblem.invalidFilter("'" + name + "' compares with a date-time");
				}
			}
			default -> {
				if (!value.isTextual()) {
					throw ScimProblem.invalidFilter("'" + name + "' compares with a string");
				}
				yield new MemberFilter.Compare(attribute, op, value.asText());
			}
		};
	}

	private static Operator operator(Filter f) {
		return switch (f.getFilterType()) {
			case EQUAL -> Operator.EQ;
			case NOT_EQUAL -> Operator.NE;
			case CONTAINS -> Operator.CO;
			case STARTS_WITH -> Operator.SW;
			case ENDS_WITH -> Operator.EW;
			case GREATER_THAN -> Operator.GT;
			case GREATER_OR_EQUAL -> Operator.GE;
			case LESS_THAN -> Operator.LT;
			case LESS_OR_EQUAL -> Operator.LE;
			default -> throw ScimProblem.invalidFilter("unsupported operator");
		};
	}

	/** The member attribute behind a SCIM attribute; {@code null} for sub-attributes every member satisfies. */
	private static Attribute attribute(String name) {
		return switch (name) {
			case "id" -> Attribute.ID;
			case "username", "emails", "emails.value" -> Attribute.EMAIL;
			case "displayname", "name.formatted" -> Attribute.NAME;
			case "externalid" -> Attribute.EXTERNAL_ID;
			case "active" -> Attribute.ACTIVE;
			case "groups", "groups.value" -> Attribute.TEAM_ID;
			case "meta.created" -> Attribute.CREATED_AT;
			case "meta.lastmodified" -> Attribute.UPDATED_AT;
			case "emails.type", "emails.primary" -> null;
			default -> throw ScimProblem.invalidFilter("'" + name + "' is not filterable");
		};
	}

	/** The attribute path in lower case without the core schema URN, e.g. {@code name.formatted}. */
	private static String name(Path path) {
		String urn = path.getSchemaUrn();
		if (urn != null && !urn.equalsIgnoreCase(ScimJson.USER)) {
			throw ScimProblem.invalidFilter("'" + path + "' is not filterable");
		}
		StringBuilder name = new StringBuilder();
		for (Path.Element element : path) {
			if (name.length() > 0) {
				name.append('.');
			}
			name.append(element.getAttribute());
		}
		return name.toString().toLowerCase(Locale.ROOT);
	}

}
