-- Each attempt to have the recorder delete a participant's part is counted (issue 12), so that a retry
-- carries a fresh idempotency key: Recall.ai answers a repeated key with the response it cached, and a
-- transient 429 or 5xx would be replayed to every retry that reused it.
ALTER TABLE recording.deletion_requests ADD COLUMN attempts INT NOT NULL DEFAULT 0;
