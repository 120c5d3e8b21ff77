CREATE SCHEMA accounts;

CREATE TABLE accounts.companies
(
  id              UUID PRIMARY KEY,
  name            TEXT        NOT NULL,
  slug            TEXT        NOT NULL UNIQUE,
  api_token_hash  TEXT        NOT NULL UNIQUE,
  scim_token_hash TEXT        NOT NULL UNIQUE,
  created_at      TIMESTAMPTZ NOT NULL
);

-- Earlier company slugs keep answering as permanent redirects (PRODUCT C5).
CREATE TABLE accounts.company_slug_history
(
  slug       TEXT PRIMARY KEY,
  company_id UUID        NOT NULL REFERENCES accounts.companies (id),
  retired_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE accounts.teams
(
  id                 UUID PRIMARY KEY,
  company_id         UUID        NOT NULL REFERENCES accounts.companies (id),
  name               TEXT        NOT NULL,
  consent_profile_id UUID,
  created_at         TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX teams_name_per_company ON accounts.teams (company_id, lower(name));

CREATE TABLE accounts.members
(
  id                   UUID PRIMARY KEY,
  company_id           UUID        NOT NULL REFERENCES accounts.companies (id),
  name                 TEXT        NOT NULL,
  email                TEXT        NOT NULL,
  slug                 TEXT        NOT NULL,
  team_id              UUID REFERENCES accounts.teams (id),
  manager_id           UUID REFERENCES accounts.members (id),
  role                 TEXT        NOT NULL CHECK (role IN ('TECH_ADMIN', 'MEMBER')),
  recorded             BOOLEAN     NOT NULL DEFAULT TRUE,
  active               BOOLEAN     NOT NULL DEFAULT TRUE,
  consent_profile_id   UUID,
  personal_meeting_url TEXT,
  password_hash        TEXT,
  external_id          TEXT,
  created_at           TIMESTAMPTZ NOT NULL,
  updated_at           TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX members_slug_per_company ON accounts.members (company_id, slug);
CREATE UNIQUE INDEX members_email_per_company ON accounts.members (company_id, lower(email));
-- A login names one account: emails that can sign in are unique across companies.
CREATE UNIQUE INDEX members_login_email ON accounts.members (lower(email)) WHERE password_hash IS NOT NULL;
CREATE INDEX members_profile ON accounts.members (company_id, consent_profile_id);
CREATE INDEX members_team ON accounts.members (company_id, team_id);
