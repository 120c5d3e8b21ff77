CREATE SCHEMA notifications;

-- Every email Assent sends (PRODUCT E1-E5): the outbox and, when mail is captured, the mailbox.
-- One row per (reason, recipient, occurrence): an email is never made twice (E4). Rows are rendered
-- when they are made; a node claims pending rows (FOR UPDATE SKIP LOCKED + a lease) and hands them
-- to SMTP. Retry and lease times are the database's clock, one clock for all nodes.
CREATE TABLE notifications.emails
(
  id              UUID PRIMARY KEY,
  company_id      UUID        NOT NULL,
  reason          TEXT        NOT NULL CHECK (reason IN ('PRE_CALL', 'LINK_ANNOUNCEMENT', 'RAW_LINK_REMINDER',
                                                         'INTEGRATION_DISCONNECTED')),
  recipient       TEXT        NOT NULL,
  occurrence      TEXT        NOT NULL,
  recipient_name  TEXT,
  language        TEXT        NOT NULL,
  subject         TEXT        NOT NULL,
  text_body       TEXT        NOT NULL,
  html_body       TEXT        NOT NULL,
  -- PRE_CALL: the call's planned start; the email is not sent once the call has started.
  not_after       TIMESTAMPTZ,
  -- E2: the announcement run that made it (progress).
  run_id          UUID,
  status          TEXT        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'CANCELLED')),
  attempts        INT         NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL,
  in_flight_until TIMESTAMPTZ,
  last_error      TEXT,
  -- Who handed it over: the node's name, and SMTP or CAPTURED.
  sent_by         TEXT,
  transport       TEXT,
  created_at      TIMESTAMPTZ NOT NULL,
  sent_at         TIMESTAMPTZ,
  CONSTRAINT emails_once UNIQUE (reason, recipient, occurrence)
);
CREATE INDEX emails_due ON notifications.emails (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX emails_by_company ON notifications.emails (company_id, created_at DESC);
CREATE INDEX emails_by_run ON notifications.emails (run_id) WHERE run_id IS NOT NULL;

-- Pre-call emails waiting for their time (E1): one row per call. due_at is business time (the
-- planned start minus the governing profile's lead time); version is the occurredAt of the latest
-- call event applied, so events handled out of order never undo a newer plan.
CREATE TABLE notifications.pre_calls
(
  call_id         UUID PRIMARY KEY,
  company_id      UUID        NOT NULL,
  planned_start   TIMESTAMPTZ NOT NULL,
  due_at          TIMESTAMPTZ NOT NULL,
  status          TEXT        NOT NULL CHECK (status IN ('WAITING', 'DONE', 'CANCELLED')),
  version         TIMESTAMPTZ NOT NULL,
  in_flight_until TIMESTAMPTZ,
  outcome         TEXT,
  updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX pre_calls_due ON notifications.pre_calls (due_at) WHERE status = 'WAITING';

-- "Send email now" runs (E2): once a company has announced the links, members who become recorded
-- later get the announcement too.
CREATE TABLE notifications.announcement_runs
(
  id          UUID PRIMARY KEY,
  company_id  UUID        NOT NULL,
  started_by  UUID,
  total       INT         NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX announcement_runs_by_company ON notifications.announcement_runs (company_id, created_at DESC);
