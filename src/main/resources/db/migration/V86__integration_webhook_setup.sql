-- Webhooks Assent sets up at a provider on connect (issue 8: Webex registration failures were only
-- logged): whether they are in place, the provider's last refusal, and when they are tried again.
ALTER TABLE integrations.connections
  -- null: nothing for Assent to set up (the provider has none, or the admin registered their own);
  -- REGISTERED; FAILED (see webhooks_error; tried again at webhooks_next_attempt_at)
  ADD COLUMN webhooks_state           TEXT,
  ADD COLUMN webhooks_error           TEXT,
  ADD COLUMN webhooks_attempts        INT         NOT NULL DEFAULT 0,
  ADD COLUMN webhooks_next_attempt_at TIMESTAMPTZ,
  ADD COLUMN webhooks_checked_at      TIMESTAMPTZ;

CREATE INDEX connections_webhooks_due ON integrations.connections (webhooks_next_attempt_at)
  WHERE webhooks_state = 'FAILED';

-- An app-level provider event (Zoom's OAuth app) names the provider account; the companies connected as it.
CREATE INDEX connections_by_account ON integrations.connections (provider, account);
