-- The instances of sagas as 'evs process SAGA' keeps them (ADR 0180, 0183): the state after the last
-- event each took, kept as its exact text, and whether it still runs. Times are UTC epoch microseconds.
CREATE TABLE saga_instances (
    saga            text    COLLATE "C" NOT NULL,
    instance_id     text    COLLATE "C" NOT NULL,
    status          text    NOT NULL CHECK (status IN ('running', 'ended')),
    state           text    NOT NULL,
    events          bigint  NOT NULL CHECK (events >= 1),
    started_by      uuid    NOT NULL,
    started_at      bigint  NOT NULL,
    last_position   bigint  NOT NULL,
    last_event_id   uuid    NOT NULL,
    last_event_type text    COLLATE "C" NOT NULL,
    last_event_at   bigint  NOT NULL,
    ended_at        bigint,
    version         bigint  NOT NULL CHECK (version >= 1),
    updated_at      bigint  NOT NULL,
    PRIMARY KEY (saga, instance_id)
)
