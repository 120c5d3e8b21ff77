-- Hash-chained consent ledger (PRODUCT X1, issue 12). Each batch of evidence a transaction appends is
-- one link of its company's chain: the link carries the hash of the link before it and the digest of
-- its records' content hashes, in order. evidence.heads only remembers each chain's last link so the
-- next one can be made in the same statement; verification never trusts it.
ALTER TABLE evidence.records ADD COLUMN link_seq BIGINT;
ALTER TABLE evidence.records ADD COLUMN link_pos INT;
-- SHA-256 of the exact notice text or audio prompt shown (its content is in evidence.texts).
ALTER TABLE evidence.records ADD COLUMN text_sha256 TEXT;
CREATE INDEX records_by_link ON evidence.records (company_id, link_seq, link_pos);
CREATE INDEX records_by_participant_any ON evidence.records (participant, company_id);

CREATE TABLE evidence.links
(
  company_id      UUID        NOT NULL,
  seq             BIGINT      NOT NULL,
  prev_sha256     TEXT        NOT NULL,
  records_sha256  TEXT        NOT NULL,
  record_count    INT         NOT NULL,
  sha256          TEXT        NOT NULL,
  sealed_at       TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (company_id, seq)
);
CREATE TRIGGER links_append_only
  BEFORE UPDATE OR DELETE ON evidence.links
  FOR EACH ROW EXECUTE FUNCTION evidence.append_only();

CREATE TABLE evidence.heads
(
  company_id      UUID PRIMARY KEY,
  seq             BIGINT NOT NULL,
  prev_sha256     TEXT   NOT NULL,
  records_sha256  TEXT   NOT NULL,
  sha256          TEXT   NOT NULL
);

-- Every notice text and audio prompt ever shown, once per content hash.
CREATE TABLE evidence.texts
(
  sha256         TEXT PRIMARY KEY,
  media_type     TEXT        NOT NULL,
  content        TEXT        NOT NULL,
  first_seen_at  TIMESTAMPTZ NOT NULL
);
CREATE TRIGGER texts_append_only
  BEFORE UPDATE OR DELETE ON evidence.texts
  FOR EACH ROW EXECUTE FUNCTION evidence.append_only();
