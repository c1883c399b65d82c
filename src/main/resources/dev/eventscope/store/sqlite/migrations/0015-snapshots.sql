-- Snapshots: an aggregate's state after its events up to stream_version, folded under the rules
-- whose fingerprint is model_fingerprint (docs/FORMAT.md). Derived data, outside the hash chain.
-- max_occurred_at is the largest event timestamp folded (UTC epoch microseconds), so a valid-time
-- cut can tell whether the snapshot lies inside it. Ids are never reused. The UNIQUE index also
-- serves lookups by stream.
CREATE TABLE snapshots (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    aggregate_type    TEXT    NOT NULL,
    aggregate_id      TEXT    NOT NULL,
    stream_version    INTEGER NOT NULL CHECK (stream_version >= 1),
    position          INTEGER NOT NULL CHECK (position >= 1),
    max_occurred_at   INTEGER NOT NULL,
    model_fingerprint TEXT    NOT NULL,
    state             TEXT    NOT NULL,
    state_sha256      TEXT    NOT NULL,
    size_bytes        INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    UNIQUE (aggregate_type, aggregate_id, stream_version, model_fingerprint)
)
