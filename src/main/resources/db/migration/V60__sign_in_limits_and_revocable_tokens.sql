-- Failed sign-ins per account and per address, counted in a window (issue 11: sign-in that holds).
-- In the database so that every node counts the same attempts.
CREATE TABLE accounts.sign_in_failures
(
  key               TEXT PRIMARY KEY,
  failures          INT         NOT NULL,
  window_started_at TIMESTAMPTZ NOT NULL
);

-- A revoked API or SCIM token leaves no hash: nothing matches it any more.
ALTER TABLE accounts.companies ALTER COLUMN api_token_hash DROP NOT NULL;
ALTER TABLE accounts.companies ALTER COLUMN scim_token_hash DROP NOT NULL;
