-- A strict order of decisions: two decisions in the same instant still have a latest one (PRODUCT C10).
ALTER TABLE consentpage.decisions ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;
CREATE INDEX decisions_by_participant ON consentpage.decisions (company_id, member_id, participant_id, seq DESC);
