-- ADR 0010 (issue 7): the recording now acts on ConsentsDeclined inside the decisions' transaction, and what
-- fails there is delivered after the commit as an OptOutsLeft event (the same JSON: {"declined": [...]}).
-- A ConsentsDeclined the previous version had not delivered yet (a crash, a failed attempt) names a
-- listener that no longer exists; it becomes an OptOutsLeft, so its STOPs are still sent after the upgrade.
UPDATE event_publication
SET listener_id = 'dev.assent.recording.RecordingListeners.on(dev.assent.recording.RecordingListeners$OptOutsLeft)',
    event_type  = 'dev.assent.recording.RecordingListeners$OptOutsLeft'
WHERE listener_id = 'dev.assent.recording.RecordingListeners.on(dev.assent.consentpage.ConsentsDeclined)'
  AND completion_date IS NULL;
