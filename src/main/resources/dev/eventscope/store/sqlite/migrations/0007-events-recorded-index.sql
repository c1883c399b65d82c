CREATE INDEX events_recorded_at ON events (recorded_at)
