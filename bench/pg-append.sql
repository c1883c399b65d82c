-- One append as Eventscope runs it on PostgreSQL (ADR 0122), for pgbench's clients: lock the head
-- row, look the eventId up, read the stream's version, insert the next event, move the head,
-- notify, commit. Each client appends to a stream of its own, as the Eventscope side does.
-- The eventId is made from pgbench's random numbers, not gen_random_uuid(): a volatile function
-- in the lookup's condition keeps PostgreSQL from using the eventId index (a scan of the whole
-- table under the head lock), where Eventscope binds the id as a parameter.
\set hi random(1, 2147483647)
\set lo random(1, 9223372036854775806)
BEGIN;
SELECT position, hash, recorded_at, events, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint FROM head FOR UPDATE;
SELECT 1 FROM events WHERE event_id = ANY (ARRAY[(lpad(to_hex(:client_id), 8, '0') || lpad(to_hex(:hi), 8, '0') || lpad(to_hex(:lo), 16, '0'))::uuid]);
SELECT stream_version FROM events WHERE aggregate_type = 'Bench' AND aggregate_id = 'bench-' || :client_id ORDER BY stream_version DESC LIMIT 1;
INSERT INTO events (position, event_id, aggregate_type, aggregate_id, stream_version, event_type, event_version,
                    occurred_at, recorded_at, payload, metadata, hash)
  SELECT h.position + 1, (lpad(to_hex(:client_id), 8, '0') || lpad(to_hex(:hi), 8, '0') || lpad(to_hex(:lo), 16, '0'))::uuid, 'Bench', 'bench-' || :client_id,
         coalesce((SELECT stream_version FROM events WHERE aggregate_type = 'Bench'
                   AND aggregate_id = 'bench-' || :client_id ORDER BY stream_version DESC LIMIT 1), 0) + 1,
         'BenchAppended', 1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint,
         (extract(epoch FROM clock_timestamp()) * 1000000)::bigint, '{"n":1}', '{}',
         md5(h.hash || (h.position + 1)::text) || md5(h.hash)
  FROM head h;
UPDATE head SET position = position + 1, hash = md5(hash || (position + 1)::text) || md5(hash),
                recorded_at = (extract(epoch FROM clock_timestamp()) * 1000000)::bigint, events = events + 1;
SELECT pg_notify('eventscope.app_bench', (SELECT position FROM head)::text);
COMMIT;
