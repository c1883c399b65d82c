-- Facts about the store itself: its id, when and by which version it was created, and the schema
-- version (the number of these statements applied).
CREATE TABLE store_info (
    key   text COLLATE "C" PRIMARY KEY,
    value text NOT NULL
)
