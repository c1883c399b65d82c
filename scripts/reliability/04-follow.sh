#!/bin/sh
# Scenario 4: `events --follow` and `process --follow` while 3 writers append.
#
#   scripts/reliability/04-follow.sh [SECONDS=60] [WRITERS=3]
#
# Starts a follower printing NDJSON and a projection processor following the log, then 3 writers
# (Appender.java) appending over 10 streams for SECONDS. When they stop, waits until both
# followers have caught up (at most 30 s), stops them with SIGINT and compares: the follower's
# positions must be exactly the store's, in order (0 missed, 0 out of order, 0 twice); the
# projection's rows must equal the fold of every event and its checkpoint the last position.
. "$(dirname -- "$0")/lib.sh"

secs=${1:-60}
writers=${2:-3}
db="$work/events.db"
cat > "$work/model.yaml" <<'YAML'
projections:
  p:
    key: id
    columns: {id: TEXT, version: INTEGER, last: INTEGER}
    on:
      Incremented: {upsert: '{"id": .aggregateId, "version": .streamVersion, "last": .position}'}
YAML
evs --db "$db" init >/dev/null 2>&1 || fail "init failed"
evs_bg --db "$db" events --follow -o ndjson >"$work/followed.ndjson" 2>"$work/follow.err"; follower=$bg
evs_bg --db "$db" --model "$work/model.yaml" process p --follow >/dev/null 2>"$work/process.err"; processor=$bg
w=0; pids=""
while [ "$w" -lt "$writers" ]; do
    w=$((w + 1))
    "$java" -Xmx256m -XX:+UseSerialGC -cp "$jar" "$rel/Appender.java" "$db" "$w" "${secs}s" 10 "$work/w$w.txt" &
    pids="$pids $!"
done
for p in $pids; do wait "$p" || fail "a writer failed"; done
total=$(q "$db" "select count(*) from events")
last=$(q "$db" "select max(position) from events")
waited=0
while [ "$waited" -lt 300 ]; do
    seen=$(wc -l < "$work/followed.ndjson")
    cp=$(q "$db" "select coalesce((select position from checkpoints where handler = 'p'), 0)")
    [ "$seen" -ge "$total" ] && [ "$cp" = "$last" ] && break
    sleep_ms 100; waited=$((waited + 1))
done
kill -INT "$follower" "$processor"
wait "$follower"; fcode=$?
wait "$processor"; pcode=$?

jq -r '.position' "$work/followed.ndjson" > "$work/followed.txt" || fail "the follower's output is not NDJSON"
q "$db" "select position from events order by position" > "$work/stored.txt"
missed=$(sort -n "$work/stored.txt" | comm -23 - "$(sort -n "$work/followed.txt" > "$work/fs.txt"; echo "$work/fs.txt")" | wc -l)
twice=$(sort -n "$work/followed.txt" | uniq -d | wc -l)
disorder=$(awk 'NR > 1 && $1 <= prev { n++ } { prev = $1 } END { print n + 0 }' "$work/followed.txt")
extra=$(sort -n "$work/followed.txt" | comm -13 "$(sort -n "$work/stored.txt" > "$work/ss.txt"; echo "$work/ss.txt")" - | wc -l)
rows_off=$(q "$db" "with f as (select aggregate_id id, max(stream_version) v, max(position) last from events group by aggregate_id)
    select (select count(*) from f left join rm_p r using (id) where r.last is not f.last or r.version is not f.v) + (select count(*) from rm_p where id not in (select id from f))")
cp=$(q "$db" "select position from checkpoints where handler = 'p'")
acked=$(cat "$work"/w*.txt | awk '$1 == 0' | wc -l)
echo "$writers writers for $secs s: $acked acknowledged appends, $total events stored"
echo "events --follow: $(wc -l < "$work/followed.txt") printed, $missed missed, $disorder out of order, $twice twice, $extra not in the store; exit $fcode after SIGINT"
echo "process --follow: checkpoint $cp of $last, $rows_off rows off the fold; exit $pcode after SIGINT"
[ "$missed" = 0 ] && [ "$disorder" = 0 ] && [ "$twice" = 0 ] && [ "$extra" = 0 ] && [ "$rows_off" = 0 ] && [ "$cp" = "$last" ] || exit 1
