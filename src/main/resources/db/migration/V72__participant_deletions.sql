-- Withdrawal after the call (PRODUCT X2, issue 12): the recorder and the call's owner are told to
-- delete the withdrawing participant's part. One request per withdrawal decision.
CREATE TABLE recording.deletion_requests
(
  decision_id       UUID PRIMARY KEY,
  company_id        UUID        NOT NULL,
  call_id           UUID        NOT NULL,
  participant       TEXT        NOT NULL,
  channel           TEXT        NOT NULL,
  withdrawn_at      TIMESTAMPTZ NOT NULL,
  bot_id            TEXT,
  recorder_told_at  TIMESTAMPTZ
);
CREATE INDEX deletion_requests_by_call ON recording.deletion_requests (company_id, call_id, withdrawn_at);
