-- Verifying a chain re-serialised every record's shown JSON to recompute its hash: most of the time of a
-- 1-million-record walk (issue 12, target 10 s). Each new record keeps the exact JSON text its hash was
-- taken over; verification hashes that text as stored, and the database checks in the same query that the
-- shown column still says the same (shown_text::jsonb = shown). The hash definition is unchanged, and
-- records made before (shown_text null) are verified as before, by re-serialising shown.
ALTER TABLE evidence.records ADD COLUMN shown_text TEXT;
