CREATE INDEX dead_letters_stream ON dead_letters (handler, status, aggregate_type, aggregate_id, position)
