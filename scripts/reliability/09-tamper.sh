#!/bin/sh
# Scenario 9: tampering with the sqlite3 CLI, and what `verify` and `verify --expect-head` see.
#
#   scripts/reliability/09-tamper.sh
#
# A store of 2,000 events; its head is pinned with `evs head` (kept "elsewhere"). Each tampering is
# done on a fresh copy with the plain sqlite3 CLI (and Rechain.java, a chain recomputed from
# docs/FORMAT.md); then verify runs without and with --expect-head. Reports, per tampering, which
# check caught it. Fails when a tampering that changes or removes pinned history goes unnoticed by
# verify --expect-head, or one the document says plain verify catches does not fail it.
. "$(dirname -- "$0")/lib.sh"

gen 2000 1 > "$work/in.ndjson"
evs --db "$work/base.db" import "$work/in.ndjson" >/dev/null 2>&1 || fail "import"
pin=$(evs --db "$work/base.db" head 2>/dev/null) || fail "head"
cp "$work/base.db" "$work/old.db"   # an honest older copy, for the swap
evs --db "$work/base.db" append --type Later --aggregate-type Thing --aggregate-id t-1 >/dev/null 2>&1 || fail "append"
pin=$(evs --db "$work/base.db" head 2>/dev/null)
echo "pinned head: $pin"
trigger_up="CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are immutable: UPDATE is refused'); END;"
trigger_del="CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are immutable: DELETE is refused'); END;"
bad=0

# case NAME PLAIN_MUST_CATCH: runs the tampering in $tamper on a copy, then both verifies
case_() {
    name=$1; plain_must=$2
    cp "$work/base.db" "$work/t.db"
    sh -c "$tamper" >"$work/tamper.out" 2>&1 || { echo "  tampering '$name' failed: $(cat "$work/tamper.out")" >&2; bad=$((bad + 1)); return; }
    evs --db "$work/t.db" verify >"$work/v1" 2>&1; plain=$?
    evs --db "$work/t.db" verify --expect-head "$pin" >"$work/v2" 2>&1; pinned=$?
    printf '%-58s verify: exit %s   --expect-head: exit %s\n' "$name" "$plain" "$pinned"
    echo "      verify says: $(head -2 "$work/v1" | tr '\n' ' ' | cut -c1-200)"
    [ "$pinned" != 0 ] || { bad=$((bad + 1)); echo "  UNDETECTED with --expect-head: $name" >&2; }
    [ "$plain_must" = no ] || [ "$plain" != 0 ] || { bad=$((bad + 1)); echo "  UNDETECTED by verify: $name" >&2; }
}

tamper="sqlite3 '$work/t.db' \"DROP TRIGGER events_no_update; UPDATE events SET payload = json_set(payload, '\\\$.n', 99999) WHERE position = 1000; $trigger_up\""
case_ "payload updated (trigger dropped and put back)" yes
tamper="sqlite3 '$work/t.db' \"DROP TRIGGER events_no_update; UPDATE events SET payload = json_set(payload, '\\\$.n', 99999) WHERE position = 1000; $trigger_up\" && '$java' -cp '$jar' '$rel/Rechain.java' '$work/t.db'"
case_ "payload updated, whole chain recomputed" no
tamper="sqlite3 '$work/t.db' \"DROP TRIGGER events_no_update; UPDATE events SET event_type = 'Forged' WHERE position = 2001; $trigger_up\" && '$java' -cp '$jar' '$rel/Rechain.java' '$work/t.db'"
case_ "the pinned head event itself changed, chain recomputed" no
tamper="sqlite3 '$work/t.db' \"DROP TRIGGER events_no_delete; DELETE FROM events WHERE position > 1990; $trigger_del\""
case_ "tail deleted (last 11 events)" yes
tamper="sqlite3 '$work/t.db' \"DROP TRIGGER events_no_delete; DELETE FROM events WHERE position > 1990; $trigger_del UPDATE sqlite_sequence SET seq = 1990 WHERE name = 'events';\""
case_ "tail deleted and sqlite_sequence lowered to match" no
tamper="sqlite3 '$work/t.db' \"DROP TRIGGER events_no_delete; DELETE FROM events WHERE position = 500; $trigger_del\""
case_ "one event in the middle deleted" yes
tamper="sqlite3 '$work/t.db' \"DROP TRIGGER events_no_delete; DELETE FROM events WHERE position = 500; $trigger_del\" && '$java' -cp '$jar' '$rel/Rechain.java' '$work/t.db'"
case_ "one event in the middle deleted, chain recomputed" no
tamper="sqlite3 '$work/t.db' \"INSERT INTO events SELECT 2002, lower(hex(randomblob(4))) || '-0000-4000-8000-000000000001', aggregate_type, aggregate_id, 999, 'Forged', 1, occurred_at, recorded_at, null, null, null, '{}', '{}', hash FROM events WHERE position = 2001;\""
case_ "forged event appended with a made-up hash" yes
tamper="sqlite3 '$work/t.db' \"DROP TRIGGER events_no_delete; DELETE FROM events WHERE position = 1500; $trigger_del INSERT INTO events SELECT 1500, 'aaaaaaaa-0000-4000-8000-000000000001', 'Thing', 't-forged', 1, 'Forged', 1, occurred_at, recorded_at, null, null, null, '{}', '{}', hash FROM events WHERE position = 1499;\" && '$java' -cp '$jar' '$rel/Rechain.java' '$work/t.db'"
case_ "event replaced by a forged one, chain recomputed" no
tamper="sqlite3 '$work/t.db' \"CREATE TRIGGER audit_me AFTER INSERT ON events BEGIN SELECT 1; END;\""
case_ "a trigger added" yes
tamper="sqlite3 '$work/t.db' \"CREATE VIEW v AS SELECT * FROM events; CREATE INDEX sneaky ON events (payload);\""
case_ "a view and an index added" yes
tamper="cp '$work/old.db' '$work/t.db'"
case_ "an older copy of the file swapped in" no

# Beyond pinned history: an event added after the pin with a correct hash is indistinguishable
# from a real later append; this is reported, not counted as a failure.
cp "$work/base.db" "$work/t.db"
sqlite3 "$work/t.db" "INSERT INTO events SELECT 2002, 'bbbbbbbb-0000-4000-8000-000000000001', 'Thing', 't-forged', 1, 'Forged', 1, occurred_at, recorded_at, null, null, null, '{}', '{}', '' FROM events WHERE position = 2001;" \
    && "$java" -cp "$jar" "$rel/Rechain.java" "$work/t.db" >/dev/null
evs --db "$work/t.db" verify --expect-head "$pin" >/dev/null 2>&1; c=$?
echo "forged event appended after the pin with a recomputed hash     --expect-head: exit $c (not detectable: it is the same as a later append)"
echo "$bad tamperings missed"
[ "$bad" = 0 ] || exit 1
