-- Issue 7: every evidence record (two per opt-out: the notice shown and the decision) was written into
-- two indexes on its participant. records_by_participant_any (participant, company_id), V70, serves the
-- one query by participant (EvidenceLedger.forParticipant: company and participant, ordered by the
-- chain, not by recorded_at) as well as this one did; this one only cost an index entry per record.
DROP INDEX IF EXISTS evidence.records_by_participant;
