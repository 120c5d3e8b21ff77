-- Meeting links (PRODUCT C7, L6, API.md "Public consent page"): /{company}/{member}/{meeting}.
-- link_slug is the meeting's short path segment (10 characters of [a-z0-9], random); host_id is the
-- member whose page the link names (the member whose personal room the meeting uses, else the owner).
ALTER TABLE calls.meetings ADD COLUMN link_slug TEXT;
ALTER TABLE calls.meetings ADD COLUMN host_id UUID;
UPDATE calls.meetings SET link_slug = substr(encode(sha256((id::text || random()::text)::bytea), 'hex'), 1, 10),
                          host_id = owner_id
 WHERE link_slug IS NULL;
ALTER TABLE calls.meetings ALTER COLUMN link_slug SET NOT NULL;
CREATE UNIQUE INDEX meetings_by_link_slug ON calls.meetings (company_id, link_slug);

-- What the recorder reported of each call (which occurrence a decision is for: OccurrenceRule).
ALTER TABLE calls.calls ADD COLUMN started_at TIMESTAMPTZ;
ALTER TABLE calls.calls ADD COLUMN ended_at TIMESTAMPTZ;
-- A personal link's decisions belong to the calls in that member's personal room.
CREATE INDEX calls_by_join_url ON calls.calls (company_id, join_url, planned_start);
