-- Events a handler failed on, or parked behind such a failure of their aggregate. One letter per
-- handler and event, ever: a letter met again is parked again, never added twice.
CREATE TABLE dead_letters (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    handler         TEXT    NOT NULL,
    event_id        TEXT    NOT NULL,
    position        INTEGER NOT NULL,
    event_type      TEXT    NOT NULL,
    aggregate_type  TEXT    NOT NULL,
    aggregate_id    TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('parked', 'resolved', 'skipped')),
    attempts        INTEGER NOT NULL CHECK (attempts >= 0),
    error           TEXT,
    blocked_by      INTEGER,
    first_failed_at INTEGER NOT NULL,
    last_failed_at  INTEGER NOT NULL,
    resolved_at     INTEGER,
    reason          TEXT,
    UNIQUE (handler, event_id)
)
