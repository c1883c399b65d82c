CREATE INDEX events_type_time ON events (event_type, occurred_at)
