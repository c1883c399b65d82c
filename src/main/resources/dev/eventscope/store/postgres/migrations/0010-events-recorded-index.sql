CREATE INDEX events_recorded ON events (recorded_at)
