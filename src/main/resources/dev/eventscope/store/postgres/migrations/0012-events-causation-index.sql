CREATE INDEX events_causation ON events (causation_id)
