-- Safe meeting links (issue 8): whether a company accepts links of providers Assent does not know.
CREATE TABLE calls.link_policies
(
  company_id        UUID PRIMARY KEY,
  allow_other_links BOOLEAN NOT NULL DEFAULT FALSE
);

-- Provider integrations (PRODUCT L1-L7): one connection per company and provider.
CREATE SCHEMA integrations;

CREATE TABLE integrations.connections
(
  company_id      UUID        NOT NULL,
  provider        TEXT        NOT NULL,
  -- CONNECTED or DISCONNECTED (revoked, failing, or disconnected by an admin)
  state           TEXT        NOT NULL,
  -- what identifies the connection and may be shown (e.g. the Zoom account id); never a secret
  account         TEXT,
  -- the credentials as JSON, encrypted (AES-GCM, Spring Security Crypto); never shown again
  secrets         TEXT        NOT NULL,
  connected_at    TIMESTAMPTZ NOT NULL,
  disconnected_at TIMESTAMPTZ,
  reason          TEXT,
  updated_at      TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (company_id, provider)
);

-- Dynamic links (PRODUCT L1, L4): the provider meeting created for a meeting, with its dial-in numbers.
CREATE TABLE calls.provider_meetings
(
  meeting_id          UUID PRIMARY KEY,
  company_id          UUID        NOT NULL,
  provider            TEXT        NOT NULL,
  provider_meeting_id TEXT        NOT NULL,
  join_url            TEXT        NOT NULL,
  -- every number the provider gave: [{"number": "+1 646 558 8656", "country": "US", "city": "New York"}]
  dial_in             JSONB       NOT NULL DEFAULT '[]',
  more_numbers_url    TEXT,
  no_dial_in_reason   TEXT,
  created_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX provider_meetings_by_company ON calls.provider_meetings (company_id, provider);

-- Provider webhooks already handled (replay protection, L7): kept for the signature tolerance window and then purged.
CREATE TABLE integrations.webhook_receipts
(
  provider    TEXT        NOT NULL,
  key         TEXT        NOT NULL,
  received_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (provider, key)
);
