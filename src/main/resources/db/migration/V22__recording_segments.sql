-- A call's recording may come in segments (PRODUCT C10): stopped by an opt-out, it starts again with a
-- new bot when every participant who opted out has consented since. The session's current segment:
ALTER TABLE recording.sessions ADD COLUMN segment INT NOT NULL DEFAULT 1;

-- What each segment recorded, as the recorder reported it (shown on the call page).
CREATE TABLE recording.segments
(
  call_id     UUID        NOT NULL,
  company_id  UUID        NOT NULL,
  number      INT         NOT NULL,
  bot_id      TEXT,
  started_at  TIMESTAMPTZ NOT NULL,
  stopped_at  TIMESTAMPTZ,
  stop_reason TEXT,
  kept_until  TIMESTAMPTZ,
  PRIMARY KEY (call_id, number)
);
