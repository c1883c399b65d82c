#!/bin/sh
# Scenario 5: `replay --as-of` repeated while 3 writers append.
#
#   scripts/reliability/05-replay-during-writes.sh [SECONDS=30] [WRITERS=3]
#
# While the writers (Appender.java, 10 streams) run, replays every Counter as of "now" again and
# again. Afterwards each result is checked against the store: its state (a count of events and the
# last position folded) must be the fold of exactly the stream's events up to the position the
# result reports, which must be the stream's events recorded up to the as-of time; and every stream
# with an event recorded by then must be in the result.
. "$(dirname -- "$0")/lib.sh"

secs=${1:-30}
writers=${2:-3}
db="$work/events.db"
cat > "$work/model.yaml" <<'YAML'
aggregates:
  Counter:
    initial: {count: 0}
    reducers:
      Incremented: '{"count": $state.count + 1, "lastPosition": $event.position, "lastRead": $event.payload.read}'
YAML
evs --db "$db" init >/dev/null 2>&1 || fail "init failed"
w=0; pids=""
while [ "$w" -lt "$writers" ]; do
    w=$((w + 1))
    "$java" -Xmx256m -XX:+UseSerialGC -cp "$jar" "$rel/Appender.java" "$db" "$w" "${secs}s" 10 "$work/w$w.txt" &
    pids="$pids $!"
done
sleep 2
n=0
while kill -0 $pids 2>/dev/null; do
    n=$((n + 1))
    asof=$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)
    evs --db "$db" --model "$work/model.yaml" replay --aggregate-type Counter --as-of "$asof" -o ndjson \
        > "$work/r$n.ndjson" 2>"$work/r$n.err" || fail "replay $n failed: $(cat "$work/r$n.err")"
    echo "$asof" > "$work/r$n.asof"
done
for p in $pids; do wait "$p" || fail "a writer failed"; done

results=0; wrong=0; missing=0
i=0
while [ "$i" -lt "$n" ]; do
    i=$((i + 1))
    asof=$(cat "$work/r$i.asof")
    # exact integer arithmetic (julianday() is a floating-point day count and can be a second off)
    asof_micros=$(q "$db" "select cast(strftime('%s', '$(echo "$asof" | cut -c1-19)') as integer) * 1000000 + cast(substr('$asof', 21, 6) as integer)")
    jq -r '[.aggregateId, .version, .position, .state.count, .state.lastPosition] | @tsv' "$work/r$i.ndjson" > "$work/r$i.tsv"
    while IFS="$(printf '\t')" read -r id version pos count lastpos; do
        results=$((results + 1))
        expect=$(q "$db" "select count(*) || ' ' || coalesce(max(position), 0) || ' ' || coalesce(max(stream_version), 0) || ' ' ||
            (select count(*) from events where aggregate_id = '$id' and recorded_at <= $asof_micros)
            from events where aggregate_id = '$id' and position <= $pos")
        if [ "$expect" != "$count $lastpos $version $count" ]; then
            wrong=$((wrong + 1)); echo "replay $i as of $asof, $id: result count/last/version $count $lastpos $version; store $expect" >&2
        fi
    done < "$work/r$i.tsv"
    streams=$(q "$db" "select count(distinct aggregate_id) from events where recorded_at <= $asof_micros")
    got=$(wc -l < "$work/r$i.tsv")
    [ "$streams" = "$got" ] || { missing=$((missing + 1)); echo "replay $i: $got streams, $streams recorded by then" >&2; }
done
total=$(q "$db" "select count(*) from events")
echo "$n replays as of now during $secs s of $writers writers ($total events written): $results aggregate results, $wrong not the fold up to their reported position, $missing replays missing a stream"
[ "$n" -gt 0 ] && [ "$wrong" = 0 ] && [ "$missing" = 0 ] || exit 1
