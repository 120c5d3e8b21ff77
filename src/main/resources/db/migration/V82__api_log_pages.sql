-- Issue 11: the API's log pages (GET /api/v1/consent-decisions, /api/v1/emails, /api/v1/recorder/commands)
-- read one company's rows newest first from a cursor. Without these indexes PostgreSQL read every row of the
-- company (every company's, for the commands) and sorted them for each page: EXPLAIN in ApiLogPagesBenchmark
-- (bench/api-logs/run.sh) showed a sequential scan + top-N sort per page, 115 ms p50 at 50,000 decisions.
-- With them a page is one index range, scanned backward from the cursor.
-- Built CONCURRENTLY (outside a transaction, V82__*.sql.conf): on a large database a plain CREATE INDEX
-- would block every decision, command and email write while it builds.
CREATE INDEX CONCURRENTLY IF NOT EXISTS decisions_log ON consentpage.decisions (company_id, decided_at, seq);
CREATE INDEX CONCURRENTLY IF NOT EXISTS commands_log ON recording.commands (company_id, created_at, id);
-- The mailbox's order with its tie-breaker; replaces emails_by_company (company_id, created_at DESC).
CREATE INDEX CONCURRENTLY IF NOT EXISTS emails_log ON notifications.emails (company_id, created_at, id);
DROP INDEX CONCURRENTLY IF EXISTS notifications.emails_by_company;
