-- The event log; a public contract (docs/FORMAT.md). Times are UTC epoch microseconds.
CREATE TABLE events (
    position       INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id       TEXT    NOT NULL UNIQUE,
    aggregate_type TEXT    NOT NULL,
    aggregate_id   TEXT    NOT NULL,
    stream_version INTEGER NOT NULL CHECK (stream_version >= 1),
    event_type     TEXT    NOT NULL,
    event_version  INTEGER NOT NULL DEFAULT 1 CHECK (event_version >= 1),
    occurred_at    INTEGER NOT NULL,
    recorded_at    INTEGER NOT NULL,
    correlation_id TEXT,
    causation_id   TEXT,
    user_id        TEXT,
    payload        TEXT    NOT NULL,
    metadata       TEXT    NOT NULL,
    hash           TEXT    NOT NULL,
    UNIQUE (aggregate_type, aggregate_id, stream_version)
)
