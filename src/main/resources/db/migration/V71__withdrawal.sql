-- Withdrawal (PRODUCT X2, issue 12): a participant withdraws a decision; the withdrawal is one more
-- append-only decision that governs from then on, like any later decision (C10).
ALTER TABLE consentpage.decisions DROP CONSTRAINT decisions_choice_check;
ALTER TABLE consentpage.decisions ADD CONSTRAINT decisions_choice_check
  CHECK (choice IN ('RECORD', 'DONT_RECORD', 'CONSENT', 'JOIN', 'WITHDRAW'));
ALTER TABLE consentpage.decisions DROP CONSTRAINT decisions_outcome_check;
ALTER TABLE consentpage.decisions ADD CONSTRAINT decisions_outcome_check
  CHECK (outcome IN ('CONSENTED', 'OPTED_OUT', 'IMPLICIT', 'WITHDRAWN'));
-- A returning participant's latest decision on a member's page (the page offers to withdraw it).
CREATE INDEX decisions_by_participant ON consentpage.decisions (company_id, member_id, participant_id, decided_at DESC);
