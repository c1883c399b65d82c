-- The end of the hash chain, in one row. Every append locks it FOR UPDATE, so appends are serial:
-- positions are head + 1 .. n, dense and in commit order, and a rollback leaves no hole.
-- recorded_at is the record time of the last event (UTC epoch microseconds): it never goes back.
CREATE TABLE head (
    one         boolean PRIMARY KEY DEFAULT true CHECK (one),
    position    bigint  NOT NULL CHECK (position >= 0),
    hash        text    NOT NULL,
    recorded_at bigint  NOT NULL,
    events      bigint  NOT NULL CHECK (events >= 0)
)
