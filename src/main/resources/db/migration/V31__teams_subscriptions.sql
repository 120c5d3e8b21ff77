-- Microsoft Graph change-notification subscriptions (issue 8, PRODUCT L7): one per Teams meeting Assent created,
-- so that a notification's subscriptionId leads to the company and the online meeting it is about.
CREATE TABLE integrations.teams_subscriptions
(
  subscription_id   TEXT PRIMARY KEY,
  company_id        UUID        NOT NULL,
  online_meeting_id TEXT        NOT NULL,
  join_web_url      TEXT        NOT NULL,
  -- renewed (Graph allows at most three days) until the meeting has ended
  meeting_end       TIMESTAMPTZ NOT NULL,
  expires_at        TIMESTAMPTZ NOT NULL,
  created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX teams_subscriptions_by_company ON integrations.teams_subscriptions (company_id);
CREATE INDEX teams_subscriptions_by_expiry ON integrations.teams_subscriptions (expires_at);
