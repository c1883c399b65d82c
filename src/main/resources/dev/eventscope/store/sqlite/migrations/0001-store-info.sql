-- Facts about the store itself: its id, when and by which version it was created.
CREATE TABLE store_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
