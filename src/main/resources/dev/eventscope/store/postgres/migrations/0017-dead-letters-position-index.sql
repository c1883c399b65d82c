CREATE INDEX dead_letters_position ON dead_letters (position)
