-- Outbound consent webhooks (PRODUCT J3): subscriptions per company and a durable outbox that is
-- also the delivery log.
CREATE SCHEMA webhooks;

CREATE TABLE webhooks.subscriptions
(
  id         UUID PRIMARY KEY,
  company_id UUID        NOT NULL,
  url        TEXT        NOT NULL,
  secret     TEXT        NOT NULL,
  events     TEXT[]      NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX subscriptions_company ON webhooks.subscriptions (company_id);

CREATE TABLE webhooks.deliveries
(
  id              TEXT PRIMARY KEY,
  company_id      UUID        NOT NULL,
  subscription_id UUID        NOT NULL REFERENCES webhooks.subscriptions (id) ON DELETE CASCADE,
  event_type      TEXT        NOT NULL,
  source_key      TEXT        NOT NULL,
  payload         TEXT        NOT NULL,
  status          TEXT        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
  attempts        INT         NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL,
  last_status     INT,
  last_error      TEXT,
  created_at      TIMESTAMPTZ NOT NULL,
  delivered_at    TIMESTAMPTZ
);
-- An event delivered twice by the publication registry makes one delivery per subscription.
CREATE UNIQUE INDEX deliveries_once ON webhooks.deliveries (subscription_id, event_type, source_key);
CREATE INDEX deliveries_due ON webhooks.deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX deliveries_log ON webhooks.deliveries (company_id, created_at DESC);
