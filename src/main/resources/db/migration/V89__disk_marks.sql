-- Issue 7: a batch of decisions commits without waiting for the disk, so that its company's evidence chain
-- head (locked by the batch's evidence append until its commit) is free for the next batch sooner; the
-- batch's writer then waits for the disk before anyone is answered, by committing a change to its own row
-- here — a commit that waits, and that PostgreSQL writes after the batch's. (A transaction that writes
-- no WAL does not wait for the disk at commit, so the wait needs a write.) One row per writer thread.
CREATE TABLE consentpage.disk_marks
(
  writer UUID PRIMARY KEY,
  at     TIMESTAMPTZ NOT NULL
);
