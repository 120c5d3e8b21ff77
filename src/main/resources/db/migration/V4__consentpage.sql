CREATE SCHEMA consentpage;

-- Company-wide consent page settings (PRODUCT C1, C5, C9; L1 link type).
CREATE TABLE consentpage.settings
(
  company_id       UUID PRIMARY KEY,
  link_type        TEXT        NOT NULL DEFAULT 'STATIC' CHECK (link_type IN ('STATIC', 'DYNAMIC', 'HOST_DECIDES')),
  protected_links  BOOLEAN     NOT NULL DEFAULT FALSE,
  protected_since  TIMESTAMPTZ,
  notice_html      TEXT,
  policy_url       TEXT,
  logo             BYTEA,
  logo_type        TEXT,
  logo_sha256      TEXT,
  updated_at       TIMESTAMPTZ NOT NULL
);

-- Every notice text ever shown, by content hash: decisions point at exactly what the participant saw.
CREATE TABLE consentpage.shown_texts
(
  sha256         TEXT PRIMARY KEY,
  html           TEXT        NOT NULL,
  first_shown_at TIMESTAMPTZ NOT NULL
);

-- Participant decisions: append-only. A later decision for the same occurrence governs (PRODUCT C10).
CREATE TABLE consentpage.decisions
(
  id               UUID PRIMARY KEY,
  company_id       UUID        NOT NULL,
  member_id        UUID        NOT NULL,
  call_id          UUID,
  participant_id   TEXT        NOT NULL,
  choice           TEXT        NOT NULL CHECK (choice IN ('RECORD', 'DONT_RECORD', 'CONSENT', 'JOIN')),
  outcome          TEXT        NOT NULL CHECK (outcome IN ('CONSENTED', 'OPTED_OUT', 'IMPLICIT')),
  view_key         TEXT        NOT NULL,
  notice_sha256    TEXT        NOT NULL,
  language         TEXT        NOT NULL,
  choices_offered  TEXT[]      NOT NULL,
  profile_id       UUID        NOT NULL,
  profile_version  INT         NOT NULL,
  provider         TEXT        NOT NULL,
  join_url         TEXT        NOT NULL,
  decided_at       TIMESTAMPTZ NOT NULL
);
-- One decision per page view and choice: a double click or a retried POST stores nothing new.
CREATE UNIQUE INDEX decisions_idempotent ON consentpage.decisions (company_id, view_key, choice);
CREATE INDEX decisions_by_member ON consentpage.decisions (company_id, member_id, decided_at DESC);
CREATE INDEX decisions_by_call ON consentpage.decisions (company_id, call_id, participant_id, decided_at DESC);

CREATE FUNCTION consentpage.append_only() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
  RAISE EXCEPTION 'consent decisions are append-only';
END
$$;
CREATE TRIGGER decisions_append_only
  BEFORE UPDATE OR DELETE ON consentpage.decisions
  FOR EACH ROW EXECUTE FUNCTION consentpage.append_only();
