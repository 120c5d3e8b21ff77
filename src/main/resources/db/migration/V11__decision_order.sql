-- A strict order of decisions: two decisions in the same instant still have a latest one (PRODUCT C10).
-- Lookups by participant go through decisions_by_call (company_id, call_id, participant_id, decided_at).
ALTER TABLE consentpage.decisions ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;
