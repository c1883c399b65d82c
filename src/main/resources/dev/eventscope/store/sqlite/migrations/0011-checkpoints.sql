-- How far each handler and projection has processed the log. Times are UTC epoch microseconds.
CREATE TABLE checkpoints (
    handler     TEXT    PRIMARY KEY NOT NULL,
    position    INTEGER NOT NULL CHECK (position >= 0),
    updated_at  INTEGER NOT NULL,
    fingerprint TEXT
)
