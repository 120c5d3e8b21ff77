CREATE SCHEMA recording;

-- One recording session per call (PRODUCT D3): which bot records it and what the recorder reported.
CREATE TABLE recording.sessions
(
  call_id              UUID PRIMARY KEY,
  company_id           UUID        NOT NULL,
  owner_id             UUID,
  planned_start        TIMESTAMPTZ NOT NULL,
  planned_end          TIMESTAMPTZ NOT NULL,
  join_url             TEXT,
  -- The RECORD command of the current bot; NULL until one was issued.
  record_command_id    UUID,
  bot_id               TEXT,
  bot_joined_at        TIMESTAMPTZ,
  recording_started_at TIMESTAMPTZ,
  recording_stopped_at TIMESTAMPTZ,
  ended_at             TIMESTAMPTZ,
  -- Set when the recording must not happen (or stop): no RECORD is issued after it.
  stop_reason          TEXT,
  created_at           TIMESTAMPTZ NOT NULL,
  updated_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_by_bot ON recording.sessions (bot_id) WHERE bot_id IS NOT NULL;

-- The outbox of recorder commands: inserted in a transaction, sent after commit, retried until a 2xx.
-- Times here are the database's own clock (clock_timestamp()), shared by every node.
CREATE TABLE recording.commands
(
  id                UUID PRIMARY KEY,
  company_id        UUID        NOT NULL,
  call_id           UUID        NOT NULL,
  kind              TEXT        NOT NULL CHECK (kind IN ('RECORD', 'STOP')),
  -- STOP: the RECORD command whose bot it stops (its bot id may not be known yet).
  record_command_id UUID REFERENCES recording.commands (id),
  bot_id            TEXT,
  payload           TEXT        NOT NULL,
  idempotency_key   TEXT        NOT NULL UNIQUE,
  status            TEXT        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'CANCELLED')),
  attempts          INT         NOT NULL DEFAULT 0,
  next_attempt_at   TIMESTAMPTZ NOT NULL,
  -- A node is sending it until then; nobody else may.
  in_flight_until   TIMESTAMPTZ,
  last_error        TEXT,
  alerted           BOOLEAN     NOT NULL DEFAULT FALSE,
  created_at        TIMESTAMPTZ NOT NULL,
  sent_at           TIMESTAMPTZ
);
-- A bot is stopped once, whatever asked for it (opt-out, enforced page, cancellation).
CREATE UNIQUE INDEX commands_one_stop_per_bot ON recording.commands (record_command_id) WHERE kind = 'STOP';
CREATE INDEX commands_due ON recording.commands (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX commands_by_call ON recording.commands (call_id, created_at);

-- Opt-outs the recording module acted on (once per decision), with the 70 % rule's result (PRODUCT D5).
CREATE TABLE recording.opt_outs
(
  decision_id     UUID PRIMARY KEY,
  company_id      UUID        NOT NULL,
  call_id         UUID        NOT NULL,
  participant_id  TEXT        NOT NULL,
  decided_at      TIMESTAMPTZ NOT NULL,
  recorded_share  NUMERIC(7, 4),
  effect          TEXT        NOT NULL CHECK (effect IN ('SKIPPED', 'PARTIAL', 'NONE')),
  created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX opt_outs_by_call ON recording.opt_outs (company_id, call_id);

-- Participants the recorder saw join (participant.joined), matched to consent-page decisions.
CREATE TABLE recording.participants
(
  event_id                TEXT PRIMARY KEY,
  company_id              UUID        NOT NULL,
  call_id                 UUID        NOT NULL,
  name                    TEXT,
  email                   TEXT,
  joined_at               TIMESTAMPTZ NOT NULL,
  -- The consent-page participant id this join was matched to (one join per participant id and call).
  decision_participant_id TEXT,
  covered                 BOOLEAN     NOT NULL
);
CREATE UNIQUE INDEX participants_one_match ON recording.participants (call_id, decision_participant_id)
  WHERE decision_participant_id IS NOT NULL;
CREATE INDEX participants_by_call ON recording.participants (call_id, joined_at);

-- Webhook event ids already processed: a repeated id has no effect.
CREATE TABLE recording.webhook_events
(
  id          TEXT PRIMARY KEY,
  source      TEXT        NOT NULL,
  type        TEXT        NOT NULL,
  received_at TIMESTAMPTZ NOT NULL
);

-- The simulated recorder's bots and their timelines (embedded run only).
CREATE TABLE recording.simulated_bots
(
  id              TEXT PRIMARY KEY,
  idempotency_key TEXT        NOT NULL UNIQUE,
  call_id         UUID        NOT NULL,
  join_url        TEXT,
  join_at         TIMESTAMPTZ NOT NULL,
  leave_at        TIMESTAMPTZ,
  audio_prompt_id TEXT,
  created_at      TIMESTAMPTZ NOT NULL,
  joined_at       TIMESTAMPTZ,
  recording_at    TIMESTAMPTZ,
  stopped_at      TIMESTAMPTZ,
  stop_reason     TEXT,
  keep_until      TIMESTAMPTZ,
  ended_at        TIMESTAMPTZ
);
CREATE INDEX simulated_bots_active ON recording.simulated_bots (join_at) WHERE ended_at IS NULL;

CREATE TABLE recording.simulated_events
(
  id           TEXT PRIMARY KEY,
  bot_id       TEXT        NOT NULL REFERENCES recording.simulated_bots (id),
  type         TEXT        NOT NULL,
  body         TEXT        NOT NULL,
  at           TIMESTAMPTZ NOT NULL,
  delivered_at TIMESTAMPTZ,
  attempts     INT         NOT NULL DEFAULT 0,
  last_error   TEXT
);
CREATE INDEX simulated_events_undelivered ON recording.simulated_events (at) WHERE delivered_at IS NULL;
