-- Which instance each dead letter of a saga belongs to: a saga keeps order per instance, not per
-- stream, so an instance's later events are parked behind its first dead letter. deadline names the
-- deadline whose emit rule failed when it passed (the letter is then on the event that set it).
CREATE TABLE saga_letters (
    saga        text    COLLATE "C" NOT NULL,
    letter_id   bigint  NOT NULL,
    instance_id text    COLLATE "C" NOT NULL,
    deadline    text    COLLATE "C",
    PRIMARY KEY (saga, letter_id)
)
