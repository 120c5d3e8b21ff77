-- Consent by purpose (PRODUCT X4, issue 12): a profile may ask separately for transcription and AI
-- training besides the recording; each decision keeps the purposes its participant refused, and the
-- recorder is told them by a PURPOSES command of the outbox. Sorts after the profiles (V3),
-- consentpage (V4, V11, V71) and recording (V20) migrations whose tables it changes.
ALTER TABLE profiles.consent_profiles ADD COLUMN purposes TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE consentpage.decisions ADD COLUMN purposes_refused TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE recording.commands DROP CONSTRAINT commands_kind_check;
ALTER TABLE recording.commands ADD CONSTRAINT commands_kind_check CHECK (kind IN ('RECORD', 'STOP', 'PURPOSES'));

-- The lawful basis of a profile's recordings (GDPR art. 6(1)) and, under legitimate interests, the
-- reference of the documented balancing test (data/jurisdictions.md checklist), named in exports.
ALTER TABLE profiles.consent_profiles ADD COLUMN lawful_basis TEXT NOT NULL DEFAULT 'CONSENT'
  CHECK (lawful_basis IN ('CONSENT', 'LEGITIMATE_INTERESTS'));
ALTER TABLE profiles.consent_profiles ADD COLUMN legitimate_interests_assessment TEXT;
