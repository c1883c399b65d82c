INSERT INTO head (one, position, hash, recorded_at, events) VALUES (true, 0, '', 0, 0)
