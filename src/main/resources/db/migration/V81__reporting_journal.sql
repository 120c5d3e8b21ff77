-- Issue 7: the opt-out rate's counters are no longer moved by one listener transaction per event
-- (three event publications and three contended transactions per opt-out). What happened to a call
-- is noted here in the transaction that made it happen (the decisions' group commit, the call's
-- skip), and one job folds the notes into call_facts and opt_out_counts in batches.
CREATE TABLE reporting.journal (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id UUID NOT NULL,
    call_id    UUID NOT NULL,
    flag       TEXT NOT NULL CHECK (flag IN ('USED', 'ABORTED')),
    noted_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
