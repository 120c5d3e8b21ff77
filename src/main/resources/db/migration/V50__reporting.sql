-- Reporting (PRODUCT R1): the opt-out rate kept current as decisions and calls change, never
-- computed by scanning decisions.

CREATE SCHEMA IF NOT EXISTS reporting;

-- One row per call whose consent page was used: where it counts (owner, the owner's team when the
-- call was first counted, provider, UTC day of the planned start) and what it counts for.
CREATE TABLE reporting.call_facts
(
  call_id    UUID PRIMARY KEY,
  company_id UUID    NOT NULL,
  member_id  UUID,
  team_id    UUID,
  provider   TEXT    NOT NULL,
  day        DATE    NOT NULL,
  page_used  BOOLEAN NOT NULL DEFAULT false,
  aborted    BOOLEAN NOT NULL DEFAULT false
);

-- Counters per company, dimension and day: calls where the consent page was used (denominator)
-- and calls aborted because a participant opted out (numerator). dimension is 'all', 'team',
-- 'member' or 'provider'; key is the team or member id, the provider, or '' (all; no team).
CREATE TABLE reporting.opt_out_counts
(
  company_id UUID   NOT NULL,
  dimension  TEXT   NOT NULL,
  day        DATE   NOT NULL,
  key        TEXT   NOT NULL,
  used       BIGINT NOT NULL DEFAULT 0,
  aborted    BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, dimension, day, key)
);
