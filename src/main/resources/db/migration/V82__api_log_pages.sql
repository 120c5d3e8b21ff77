-- Issue 11: the API's log pages (GET /api/v1/consent-decisions, /api/v1/emails, /api/v1/recorder/commands)
-- read one company's rows newest first from a cursor. Without these indexes PostgreSQL read every row of the
-- company (every company's, for the commands) and sorted them for each page: EXPLAIN in ApiLogPagesBenchmark
-- (bench/api-logs/run.sh) showed a sequential scan + top-N sort per page, 115 ms p50 at 50,000 decisions.
-- With them a page is one index range, scanned backward from the cursor.
CREATE INDEX decisions_log ON consentpage.decisions (company_id, decided_at, seq);
CREATE INDEX commands_log ON recording.commands (company_id, created_at, id);
-- The mailbox's order with its tie-breaker; replaces emails_by_company (company_id, created_at DESC).
CREATE INDEX emails_log ON notifications.emails (company_id, created_at, id);
DROP INDEX notifications.emails_by_company;
