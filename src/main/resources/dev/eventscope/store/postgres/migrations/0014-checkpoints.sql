-- How far each handler and projection has processed the log. Times are UTC epoch microseconds.
CREATE TABLE checkpoints (
    handler     text   COLLATE "C" PRIMARY KEY,
    position    bigint NOT NULL CHECK (position >= 0),
    updated_at  bigint NOT NULL,
    fingerprint text
)
