CREATE SCHEMA calls;

-- Meetings, one-off or recurring (PRODUCT D1, J2). Times are UTC instants; time_zone (IANA) is the
-- zone the recurrence is expanded in and the invite shows.
CREATE TABLE calls.meetings
(
  id              UUID PRIMARY KEY,
  company_id      UUID        NOT NULL,
  title           TEXT        NOT NULL,
  organizer_email TEXT        NOT NULL,
  provider        TEXT        NOT NULL,
  join_url        TEXT,
  starts_at       TIMESTAMPTZ NOT NULL,
  ends_at         TIMESTAMPTZ NOT NULL,
  time_zone       TEXT        NOT NULL,
  recurrence      TEXT,
  link_type       TEXT        NOT NULL CHECK (link_type IN ('STATIC', 'DYNAMIC', 'HOST_DECIDES')),
  owner_id        UUID,
  calendar_uid    TEXT,
  -- Occurrences starting before this instant exist as calls; NULL when all of them do.
  expanded_until  TIMESTAMPTZ,
  created_at      TIMESTAMPTZ NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL,
  cancelled_at    TIMESTAMPTZ,
  CHECK (ends_at > starts_at)
);
CREATE INDEX meetings_by_company ON calls.meetings (company_id, created_at DESC, id);
-- Importing the same calendar event again updates its meeting.
CREATE UNIQUE INDEX meetings_calendar_uid ON calls.meetings (company_id, calendar_uid) WHERE calendar_uid IS NOT NULL;
-- The horizon job looks for series to extend.
CREATE INDEX meetings_to_extend ON calls.meetings (expanded_until) WHERE expanded_until IS NOT NULL AND cancelled_at IS NULL;

CREATE TABLE calls.meeting_invitees
(
  meeting_id UUID NOT NULL REFERENCES calls.meetings (id),
  company_id UUID NOT NULL,
  position   INT  NOT NULL,
  email      TEXT NOT NULL,
  name       TEXT,
  PRIMARY KEY (meeting_id, position)
);

-- Exceptions to a series: EXDATEs and cancelled instances (cancelled), moved instances (RECURRENCE-ID).
CREATE TABLE calls.meeting_exceptions
(
  meeting_id       UUID        NOT NULL REFERENCES calls.meetings (id),
  company_id       UUID        NOT NULL,
  occurrence_start TIMESTAMPTZ NOT NULL,
  cancelled        BOOLEAN     NOT NULL,
  starts_at        TIMESTAMPTZ,
  ends_at          TIMESTAMPTZ,
  title            TEXT,
  PRIMARY KEY (meeting_id, occurrence_start)
);

-- Call occurrences (PRODUCT D1): one row per occurrence, never deleted (decisions and evidence point at them).
CREATE TABLE calls.calls
(
  id                UUID PRIMARY KEY,
  company_id        UUID        NOT NULL,
  meeting_id        UUID        NOT NULL REFERENCES calls.meetings (id),
  occurrence_start  TIMESTAMPTZ NOT NULL,
  title             TEXT        NOT NULL,
  planned_start     TIMESTAMPTZ NOT NULL,
  planned_end       TIMESTAMPTZ NOT NULL,
  time_zone         TEXT        NOT NULL,
  provider          TEXT        NOT NULL,
  join_url          TEXT,
  owner_id          UUID,
  status            TEXT        NOT NULL CHECK (status IN ('SCHEDULED', 'RECORDING', 'RECORDED', 'PARTIAL', 'SKIPPED', 'CANCELLED')),
  skip_reason       TEXT,
  status_changed_at TIMESTAMPTZ,
  kept_until        TIMESTAMPTZ,
  created_at        TIMESTAMPTZ NOT NULL,
  updated_at        TIMESTAMPTZ NOT NULL,
  CHECK (planned_end > planned_start),
  CHECK ((status = 'SKIPPED') = (skip_reason IS NOT NULL))
);
-- One call per occurrence, however often a series is expanded, on however many nodes.
CREATE UNIQUE INDEX calls_one_per_occurrence ON calls.calls (meeting_id, occurrence_start);
CREATE INDEX calls_by_owner ON calls.calls (company_id, owner_id, planned_start);
CREATE INDEX calls_by_time ON calls.calls (company_id, planned_start, id);
CREATE INDEX calls_by_meeting ON calls.calls (company_id, meeting_id, planned_start);
