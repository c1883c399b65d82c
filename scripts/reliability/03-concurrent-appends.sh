#!/bin/sh
# Scenario 3: 3 processes x 1,000 acknowledged appends with expected versions, first to one
# stream, then spread over 10 streams.
#
#   scripts/reliability/03-concurrent-appends.sh [ACKS_PER_WRITER=1000] [WRITERS=3]
#
# Each writer (Appender.java, its own JVM) reads the stream's version, appends through the real
# `evs append --expected-version N` code path in its JVM, and retries on conflict or busy until it
# has ACKS acknowledged appends. Checks: every acknowledged eventId stored exactly once, nothing
# else stored, no duplicate stream versions, no gaps (versions 1..n per stream), no lost update
# (each stored event's version is the version its writer read + 1). Reports ok/conflict/busy and
# p50/p99 latency of one append command (open, append, close; JVM start excluded).
. "$(dirname -- "$0")/lib.sh"

acks=${1:-1000}
writers=${2:-3}
bad=0
for streams in 1 10; do
    db="$work/s$streams.db"
    evs --db "$db" init >/dev/null 2>&1 || fail "init failed"
    w=0; pids=""
    while [ "$w" -lt "$writers" ]; do
        w=$((w + 1))
        "$java" -Xmx256m -XX:+UseSerialGC -cp "$jar" "$rel/Appender.java" "$db" "$w" "$acks" "$streams" "$work/w$w-$streams.txt" &
        pids="$pids $!"
    done
    for p in $pids; do wait "$p" || fail "a writer failed"; done
    cat "$work"/w*-"$streams".txt > "$work/all.txt"
    ok=$(awk '$1 == 0' "$work/all.txt" | wc -l)
    conflict=$(awk '$1 == 3' "$work/all.txt" | wc -l)
    busy=$(awk '$1 == 75' "$work/all.txt" | wc -l)
    other=$(awk '$1 != 0 && $1 != 3 && $1 != 75' "$work/all.txt" | wc -l)
    lat=$(awk '$1 == 0 || $1 == 3 { print $2 }' "$work/all.txt" | sort -n | awk '{ a[NR] = $1 } END {
        p50 = a[int(NR * 0.50 + 0.5)]; p99 = a[int(NR * 0.99 + 0.5)]; printf "p50 %.1f ms, p99 %.1f ms, max %.1f ms", p50 / 1000, p99 / 1000, a[NR] / 1000 }')
    awk '$1 == 0 { print $5 }' "$work/all.txt" | sort > "$work/acked.txt"
    q "$db" "select event_id from events" | sort > "$work/stored.txt"
    lost=$(comm -23 "$work/acked.txt" "$work/stored.txt" | wc -l)
    unacked=$(comm -13 "$work/acked.txt" "$work/stored.txt" | wc -l)
    dupv=$(q "$db" "select count(*) from (select 1 from events group by aggregate_id, stream_version having count(*) > 1)")
    gaps=$(q "$db" "select coalesce(sum(max_v - n), 0) from (select max(stream_version) max_v, count(*) n from events group by aggregate_id)")
    lostupd=$(q "$db" "select count(*) from events where stream_version != json_extract(payload, '\$.read') + 1")
    verified "$db" >/dev/null
    echo "$writers writers x $acks acknowledged appends over $streams stream(s): ok $ok, conflict $conflict, busy $busy, other $other"
    echo "  $lost lost of $ok acknowledged, $unacked stored but not acknowledged, $dupv duplicate versions, $gaps gaps, $lostupd lost updates"
    echo "  append latency (ok and conflict attempts): $lat"
    [ "$lost" = 0 ] && [ "$unacked" = 0 ] && [ "$dupv" = 0 ] && [ "$gaps" = 0 ] && [ "$lostupd" = 0 ] && [ "$other" = 0 ] \
        && [ "$ok" = $((acks * writers)) ] || bad=$((bad + 1))
done
[ "$bad" = 0 ] || exit 1
