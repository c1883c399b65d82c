-- The event log; a public contract (docs/FORMAT.md), the same columns as in a SQLite store. Times
-- are UTC epoch microseconds; occurred_time and recorded_time show them as timestamptz for people.
-- payload and metadata are the exact text that is hashed: json keeps it byte for byte (jsonb would
-- reorder keys, drop duplicates and rewrite numbers). Text columns compare byte by byte (COLLATE
-- "C"), as SQLite does, so every listing sorts the same on both.
CREATE TABLE events (
    position       bigint  NOT NULL CONSTRAINT events_pkey PRIMARY KEY CHECK (position >= 1),
    event_id       uuid    NOT NULL CONSTRAINT events_event_id_key UNIQUE,
    aggregate_type text    COLLATE "C" NOT NULL,
    aggregate_id   text    COLLATE "C" NOT NULL,
    stream_version bigint  NOT NULL CHECK (stream_version >= 1),
    event_type     text    COLLATE "C" NOT NULL,
    event_version  integer NOT NULL DEFAULT 1 CHECK (event_version >= 1),
    occurred_at    bigint  NOT NULL,
    recorded_at    bigint  NOT NULL,
    correlation_id text    COLLATE "C",
    causation_id   text    COLLATE "C",
    user_id        text    COLLATE "C",
    payload        json    NOT NULL,
    metadata       json    NOT NULL,
    hash           text    NOT NULL,
    occurred_time  timestamptz GENERATED ALWAYS AS (to_timestamp(occurred_at / 1000000.0)) STORED,
    recorded_time  timestamptz GENERATED ALWAYS AS (to_timestamp(recorded_at / 1000000.0)) STORED,
    CONSTRAINT events_stream_key UNIQUE (aggregate_type, aggregate_id, stream_version)
)
