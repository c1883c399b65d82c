#!/bin/sh
# Scenario 2: SIGINT and SIGTERM during import and during process.
#
#   scripts/reliability/02-signals.sh [ROUNDS=5] [EVENTS=10000]
#
# Each round sends INT, then TERM, at a random moment to: an import into a new store, an import
# into a larger store, and `process` of a projection plus a reactor. Reports the exit codes, how
# long after the signal the process ended, and how long after the signal another writer (the
# sqlite3 CLI, BEGIN IMMEDIATE with a 5 s busy timeout) got the write lock. Then checks the same
# invariants as the kill -9 scenarios and runs the command again to completion.
. "$(dirname -- "$0")/lib.sh"

rounds=${1:-5}
events=${2:-10000}
gen "$events" 1 > "$work/in.ndjson"
gen $((events * 4)) 2 > "$work/base.ndjson"
evs --db "$work/base.db" import "$work/base.ndjson" >/dev/null 2>&1 || fail "could not build the larger store"
cat > "$work/model.yaml" <<'YAML'
projections:
  p:
    key: id
    columns: {id: TEXT, n: INTEGER, last: INTEGER}
    on:
      Happened: {upsert: '{"id": .aggregateId, "n": .payload.n, "last": .position}'}
handlers:
  r:
    kind: reactor
    types: [Happened]
    emit: 'if (floor(.payload.n / 10) * 10 == .payload.n) {"eventType": "Noted", "aggregateType": "Note", "aggregateId": .aggregateId + "-" + string(.payload.n)} else null'
YAML

codes=""; worst_exit=0; worst_lock=0; bad=0
# lock_after START_MS DB: ms from START_MS until the sqlite3 CLI holds the write lock of DB
lock_after() {
    sqlite3 "$2" ".timeout 5000" "BEGIN IMMEDIATE;" "ROLLBACK;" >/dev/null 2>"$work/lock.err" \
        || { echo "the write lock was not free within 5 s: $(cat "$work/lock.err")" >&2; echo 99999; return; }
    echo $(( $(now_ms) - $1 ))
}

# signal_run NAME SIG MAXDELAY DB ARGS...: runs evs ARGS, sends SIG after a random delay
signal_run() {
    name=$1; sig=$2; maxdelay=$3; db=$4; shift 4
    evs_bg --db "$db" "$@" 2>"$work/run.err" >/dev/null
    at=$(rand "$maxdelay")
    sleep_ms "$at"
    sent=$(now_ms)
    kill -"$sig" "$bg" 2>/dev/null
    lock=-1
    [ -f "$db" ] && lock=$(lock_after "$sent" "$db")
    wait "$bg" 2>/dev/null; code=$?
    ended=$(( $(now_ms) - sent ))
    [ "$lock" -gt "$worst_lock" ] && worst_lock=$lock
    [ "$ended" -gt "$worst_exit" ] && worst_exit=$ended
    codes="$codes $name/$sig=$code"
    echo "$name SIG$sig after ${at} ms: exit $code, ended ${ended} ms after the signal, another writer had the lock after ${lock} ms"
    case "$code" in 0|130|143) ;; *) bad=$((bad + 1)); echo "  unexpected exit $code: $(cat "$work/run.err")" >&2 ;; esac
}

check_import() { # DB BASE: verify, prefix of the file, no duplicates; then resume
    total=$(verified "$1")
    if [ "$total" != 0 ]; then
        found=$(q "$1" "select count(*) from events where event_id like '00000001-%'")
        [ "$2" = 0 ] && [ "$found" != 0 ] && [ "$found" != "$events" ] && { bad=$((bad + 1)); echo "  partial atomic import: $found" >&2; }
        o=$(q "$1" "select count(*) from (select json_extract(payload, '\$.n') n, row_number() over (order by position) r from events where event_id like '00000001-%') where n != r")
        [ "$o" = 0 ] || { bad=$((bad + 1)); echo "  $o events out of file order" >&2; }
    fi
    echo "  kept $(q "$1" "select count(*) from events where event_id like '00000001-%'" 2>/dev/null || echo 0) of $events; scratch files left: $(ls "$(dirname "$1")" | grep -c '\.import-.*\.tmp$')"
    evs --db "$1" import "$work/in.ndjson" >/dev/null 2>&1 || { bad=$((bad + 1)); echo "  resume failed" >&2; }
    [ "$(verified "$1")" = $(($2 + events)) ] || { bad=$((bad + 1)); echo "  wrong count after resume" >&2; }
    [ "$(q "$1" "select count(*) - count(distinct event_id) from events")" = 0 ] || { bad=$((bad + 1)); echo "  duplicates" >&2; }
}

check_process() { # DB: rows = fold up to the checkpoint; one reaction per trigger up to r's checkpoint
    cp=$(q "$1" "select coalesce((select position from checkpoints where handler = 'p'), 0)")
    wrong=$(q "$1" "with f as (select aggregate_id id, max(position) last from events where aggregate_type = 'Thing' and position <= $cp group by aggregate_id)
        select (select count(*) from f left join rm_p r using (id) where r.last is not f.last) + (select count(*) from rm_p where id not in (select id from f))" 2>/dev/null || echo 0)
    [ "$wrong" = 0 ] || { bad=$((bad + 1)); echo "  rm_p differs from the fold at checkpoint $cp in $wrong rows" >&2; }
    cr=$(q "$1" "select coalesce((select position from checkpoints where handler = 'r'), 0)")
    miss=$(q "$1" "select count(*) from events t where t.aggregate_type = 'Thing' and t.position <= $cr and json_extract(t.payload, '\$.n') % 10 = 0
        and (select count(*) from events n where n.causation_id = t.event_id) != 1")
    extra=$(q "$1" "select count(*) from events n where n.aggregate_type = 'Note' and n.causation_id not in (select event_id from events where position <= $cr)")
    [ "$miss" = 0 ] && [ "$extra" = 0 ] || { bad=$((bad + 1)); echo "  reactions: $miss triggers without exactly one, $extra beyond the checkpoint" >&2; }
    echo "  checkpoints p=$cp r=$cr; rows off the fold: $wrong; triggers without exactly one reaction: $miss; reactions past the checkpoint: $extra"
}

i=0
while [ "$i" -lt "$rounds" ]; do
    i=$((i + 1))
    for sig in INT TERM; do
        d="$work/r$i$sig"; mkdir "$d"
        signal_run import-new "$sig" 1500 "$d/new.db" import "$work/in.ndjson"
        check_import "$d/new.db" 0
        cp "$work/base.db" "$d/big.db"
        signal_run import-larger "$sig" 3000 "$d/big.db" import "$work/in.ndjson"
        check_import "$d/big.db" $((events * 4))
        cp "$work/base.db" "$d/p.db"
        signal_run process-projection "$sig" 4000 "$d/p.db" --model "$work/model.yaml" process p --batch 50
        signal_run process-reactor "$sig" 4000 "$d/p.db" --model "$work/model.yaml" process r --batch 5
        check_process "$d/p.db"
        evs --db "$d/p.db" --model "$work/model.yaml" process p >/dev/null 2>&1 || { bad=$((bad + 1)); echo "  resumed process p failed" >&2; }
        evs --db "$d/p.db" --model "$work/model.yaml" process r >/dev/null 2>&1 || { bad=$((bad + 1)); echo "  resumed process r failed" >&2; }
        check_process "$d/p.db"
        rm -rf "$d"
    done
done
echo "exit codes:$codes"
echo "slowest end after a signal: ${worst_exit} ms; slowest write lock for another writer after a signal: ${worst_lock} ms"
echo "$bad broken invariants"
[ "$bad" = 0 ] && [ "$worst_lock" -le 1000 ] || exit 1
