-- Events are immutable: the function behind the triggers that refuse UPDATE, DELETE and TRUNCATE.
CREATE FUNCTION events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are immutable: % is refused', TG_OP USING ERRCODE = 'restrict_violation';
END
$$
