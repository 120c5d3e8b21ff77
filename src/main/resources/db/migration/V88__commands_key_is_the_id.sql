-- Issue 7: a recorder command's Idempotency-Key is "assent-" followed by its id (Command.idempotencyKey),
-- so the primary key already keeps it unique; nothing looks a command up by it. Its own unique index only
-- cost an index entry on every insert and every status change of a command (two per STOP).
ALTER TABLE recording.commands DROP CONSTRAINT IF EXISTS commands_idempotency_key_key;
