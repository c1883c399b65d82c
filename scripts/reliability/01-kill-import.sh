#!/bin/sh
# Scenario 1: kill -9 during bulk import at random moments, then resume.
#
#   scripts/reliability/01-kill-import.sh [KILLS=50] [EVENTS=10000]
#
# Half the kills hit an import into a new store (one atomic transaction, ADR 0040), half an import
# into a store 4x larger than the input (written batch by batch, ADR 0003). After each kill: verify
# must pass; the file's events in the store must be a prefix of the file, in file order (whole
# batches), exactly once; an atomic import must have left nothing or everything. Then the same
# import runs again and must complete: every event of the file exactly once, in file order.
# An import that exited 0 before the kill acknowledged all its events; so does every resume.
. "$(dirname -- "$0")/lib.sh"

kills=${1:-50}
events=${2:-10000}
gen "$events" 1 > "$work/in.ndjson"
gen $((events * 4)) 2 > "$work/base.ndjson"
evs --db "$work/base.db" import "$work/base.ndjson" >/dev/null 2>&1 || fail "could not build the larger store"

# how long an uninterrupted import takes here, per mode: the kills land uniformly inside it
t0=$(now_ms); evs --db "$work/t1.db" import "$work/in.ndjson" >/dev/null 2>&1 || fail "uninterrupted import failed"
t_new=$(( $(now_ms) - t0 ))
cp "$work/base.db" "$work/t2.db"
t0=$(now_ms); evs --db "$work/t2.db" import "$work/in.ndjson" >/dev/null 2>&1 || fail "uninterrupted import failed"
t_big=$(( $(now_ms) - t0 ))
echo "uninterrupted import of $events events: ${t_new} ms into a new store, ${t_big} ms into a store of $((events * 4))"

acked=0; lost=0; partial=0; dupes=0; killed=0; finished=0; nothing=0; all=0; some=0; scratch=0; scratch_after=0; some_batched=0
i=0
while [ "$i" -lt "$kills" ]; do
    i=$((i + 1))
    d="$work/k$i"; mkdir "$d"; db="$d/events.db"
    if [ $((i % 2)) = 1 ]; then mode=new; t=$t_new; base=0
    else mode=larger; t=$t_big; base=$((events * 4)); cp "$work/base.db" "$db"; fi
    at=$(rand "$t")
    evs_bg --db "$db" import "$work/in.ndjson" >/dev/null 2>"$d/err"
    if [ $((i % 4)) = 0 ]; then
        # every other kill into the larger store lands while batches are being written: after the
        # first batch is committed, within about two batches' time
        while kill -0 "$bg" 2>/dev/null && [ "$(q "$db" "select count(*) from events" 2>/dev/null || echo 0)" -le "$base" ]; do
            sleep_ms 20
        done
        at="first commit + $(rand 600)"; sleep_ms "${at#first commit + }"
    else
        sleep_ms "$at"
    fi
    kill -9 "$bg" 2>/dev/null
    wait "$bg" 2>/dev/null; code=$?
    if [ "$code" = 137 ]; then killed=$((killed + 1)); else finished=$((finished + 1)); fi

    n=$(ls "$d" | grep -c '\.import-.*\.tmp$'); scratch=$((scratch + n))
    total=$(verified "$db")
    if [ "$total" = 0 ]; then found=0; else
        found=$(q "$db" "select count(*) from events where event_id like '00000001-%'")
        d1=$(q "$db" "select count(*) - count(distinct event_id) from events")
        dupes=$((dupes + d1))
        # a prefix of the file, in file order: the k-th of its events stored is line k
        bad=$(q "$db" "select count(*) from (select json_extract(payload, '\$.n') n, row_number() over (order by position) r from events where event_id like '00000001-%') where n != r")
        [ "$bad" = 0 ] || { partial=$((partial + 1)); echo "kill $i ($mode, ${at} ms): $bad events out of file order" >&2; }
    fi
    if [ "$code" = 0 ]; then acked=$((acked + events)); [ "$found" = "$events" ] || lost=$((lost + events - found)); fi
    case "$mode" in larger*) [ "$found" = 0 ] || [ "$found" = "$events" ] || some_batched=$((some_batched + 1)) ;; esac
    if [ "$mode" = new ] && [ "$found" != 0 ] && [ "$found" != "$events" ]; then
        partial=$((partial + 1)); echo "kill $i (new store, ${at} ms): $found of $events events kept" >&2
    fi
    if [ "$found" = 0 ]; then nothing=$((nothing + 1)); elif [ "$found" = "$events" ]; then all=$((all + 1)); else some=$((some + 1)); fi
    echo "kill $i: into a $mode store, after ${at} ms, exit $code, $found of $events kept, $n scratch files left"

    # resume
    evs --db "$db" import "$work/in.ndjson" >/dev/null 2>"$d/err2" || fail "kill $i: the resumed import failed: $(cat "$d/err2")"
    acked=$((acked + events))
    total=$(verified "$db")
    [ "$total" = $((base + events)) ] || fail "kill $i: $total events after the resume, expected $((base + events))"
    found=$(q "$db" "select count(distinct event_id) from events where event_id like '00000001-%'")
    lost=$((lost + events - found))
    d1=$(q "$db" "select count(*) - count(distinct event_id) from events"); dupes=$((dupes + d1))
    bad=$(q "$db" "select count(*) from (select json_extract(payload, '\$.n') n, row_number() over (order by position) r from events where event_id like '00000001-%') where n != r")
    [ "$bad" = 0 ] || { partial=$((partial + 1)); echo "kill $i: after the resume $bad events out of file order" >&2; }
    n=$(ls "$d" | grep -c '\.import-.*\.tmp$'); scratch_after=$((scratch_after + n))
    rm -rf "$d"
done

echo "kills: $kills ($killed while running, $finished had already finished); kept after the kill: nothing $nothing, everything $all, a prefix of whole batches $some; scratch files left: $scratch after the kills, $scratch_after after the resumes"
echo "$lost lost of $acked acknowledged, $partial partial batches, $dupes duplicates"
[ "$lost" = 0 ] && [ "$partial" = 0 ] && [ "$dupes" = 0 ] || exit 1
