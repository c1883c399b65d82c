CREATE INDEX events_correlation ON events (correlation_id)
