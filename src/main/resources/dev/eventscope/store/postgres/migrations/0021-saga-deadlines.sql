-- The deadlines of saga instances: the last setting of each, with its status. Times are UTC epoch
-- microseconds.
CREATE TABLE saga_deadlines (
    saga            text    COLLATE "C" NOT NULL,
    instance_id     text    COLLATE "C" NOT NULL,
    name            text    COLLATE "C" NOT NULL,
    due_at          bigint  NOT NULL,
    set_by          uuid    NOT NULL,
    set_by_position bigint  NOT NULL,
    status          text    NOT NULL CHECK (status IN ('pending', 'fired', 'cancelled', 'failed')),
    changed_at      bigint  NOT NULL,
    PRIMARY KEY (saga, instance_id, name)
)
