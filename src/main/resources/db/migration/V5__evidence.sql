CREATE SCHEMA evidence;

-- Consent evidence (PRODUCT X1): append-only; each record carries the SHA-256 of its canonical content.
CREATE TABLE evidence.records
(
  id              UUID PRIMARY KEY,
  company_id      UUID        NOT NULL,
  call_id         UUID,
  member_id       UUID,
  participant     TEXT        NOT NULL,
  kind            TEXT        NOT NULL,
  method          TEXT        NOT NULL,
  decision        TEXT        NOT NULL,
  shown           JSONB       NOT NULL,
  content_sha256  TEXT        NOT NULL,
  recorded_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX records_by_call ON evidence.records (company_id, call_id, recorded_at);
CREATE INDEX records_by_participant ON evidence.records (company_id, participant, recorded_at);

CREATE FUNCTION evidence.append_only() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
  RAISE EXCEPTION 'consent evidence is append-only';
END
$$;
CREATE TRIGGER records_append_only
  BEFORE UPDATE OR DELETE ON evidence.records
  FOR EACH ROW EXECUTE FUNCTION evidence.append_only();
