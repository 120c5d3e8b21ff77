CREATE SCHEMA profiles;

CREATE TABLE profiles.consent_profiles
(
  id                     UUID PRIMARY KEY,
  company_id             UUID        NOT NULL,
  name                   TEXT        NOT NULL,
  is_default             BOOLEAN     NOT NULL DEFAULT FALSE,
  consent_page           TEXT        NOT NULL CHECK (consent_page IN ('OFF', 'ENABLED', 'ENFORCED')),
  participant_choice     TEXT        NOT NULL CHECK (participant_choice IN ('MAY_OPT_OUT', 'MUST_CONSENT')),
  audio_prompt_id        TEXT,
  pre_call_email_minutes INT CHECK (pre_call_email_minutes BETWEEN 1 AND 1440),
  languages              TEXT[]      NOT NULL DEFAULT '{en}',
  notice_html            TEXT,
  version                INT         NOT NULL DEFAULT 1,
  created_at             TIMESTAMPTZ NOT NULL,
  updated_at             TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX consent_profiles_name ON profiles.consent_profiles (company_id, lower(name));
-- Exactly one default profile per company (PRODUCT P2); "at least one" is kept by the code.
CREATE UNIQUE INDEX consent_profiles_one_default ON profiles.consent_profiles (company_id) WHERE is_default;
