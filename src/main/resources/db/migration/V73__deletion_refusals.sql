-- A recorder that refuses a deletion for good (a 4xx other than a rate limit or a timeout, or 501:
-- it cannot delete) is not asked again forever: the refusal is kept here and shown on the call page
-- (PRODUCT X2, issue 12).
ALTER TABLE recording.deletion_requests ADD COLUMN refused_at TIMESTAMPTZ;
ALTER TABLE recording.deletion_requests ADD COLUMN refusal TEXT;
