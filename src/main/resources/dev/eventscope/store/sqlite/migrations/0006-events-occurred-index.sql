CREATE INDEX events_occurred_at ON events (occurred_at)
