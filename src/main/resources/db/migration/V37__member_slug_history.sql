-- A member's earlier personal link names keep answering as permanent redirects to the current one
-- (PRODUCT C5, C9: links that never break); no other member of the company may take them.
CREATE TABLE accounts.member_slug_history
(
  company_id UUID        NOT NULL,
  slug       TEXT        NOT NULL,
  member_id  UUID        NOT NULL REFERENCES accounts.members (id),
  retired_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (company_id, slug)
);
CREATE INDEX member_slug_history_by_member ON accounts.member_slug_history (member_id);
