-- The deadlines of saga instances: the last setting of each, with its status.
CREATE TABLE saga_deadlines (
    saga            TEXT    NOT NULL,
    instance_id     TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    due_at          INTEGER NOT NULL,
    set_by          TEXT    NOT NULL,
    set_by_position INTEGER NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'fired', 'cancelled', 'failed')),
    changed_at      INTEGER NOT NULL,
    PRIMARY KEY (saga, instance_id, name)
)
