-- Where each event of the store an 'upcast migrate' copied from landed in this one: one row per
-- event it became (part 0, 1, ... of a split), or one row with no new position for an event its
-- upcasters dropped. Empty in a store that was not made by a migration.
CREATE TABLE migration_positions (
    old_position bigint  NOT NULL,
    part         integer NOT NULL CHECK (part >= 0),
    new_position bigint  UNIQUE,
    PRIMARY KEY (old_position, part)
)
