-- Occurrences a calendar adds beside a meeting's rule (iCalendar RDATE), in order; empty for most meetings.
ALTER TABLE calls.meetings ADD COLUMN rdates TIMESTAMPTZ[] NOT NULL DEFAULT '{}';
