-- The instances of sagas as 'evs process SAGA' keeps them (ADR 0180): the state after the last
-- event each took, and whether it still runs. Times are UTC epoch microseconds.
CREATE TABLE saga_instances (
    saga            TEXT    NOT NULL,
    instance_id     TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('running', 'ended')),
    state           TEXT    NOT NULL,
    events          INTEGER NOT NULL CHECK (events >= 1),
    started_by      TEXT    NOT NULL,
    started_at      INTEGER NOT NULL,
    last_position   INTEGER NOT NULL,
    last_event_id   TEXT    NOT NULL,
    last_event_type TEXT    NOT NULL,
    last_event_at   INTEGER NOT NULL,
    ended_at        INTEGER,
    version         INTEGER NOT NULL CHECK (version >= 1),
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (saga, instance_id)
)
