-- Issue 7: every evidence record stored what the participant was shown twice, as the exact JSON text its hash
-- was taken over (shown_text, V76) and parsed again into JSONB (shown) — a tenth of the PostgreSQL CPU of an
-- opt-out's evidence, for a copy nothing queries. New records keep the text only; records made before V76
-- keep their JSONB (and no text), and are verified by re-serialising it, as before. Each record keeps one.
ALTER TABLE evidence.records ALTER COLUMN shown DROP NOT NULL;
ALTER TABLE evidence.records ADD CONSTRAINT records_shown_kept CHECK (shown IS NOT NULL OR shown_text IS NOT NULL) NOT VALID;
