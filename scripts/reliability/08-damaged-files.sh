#!/bin/sh
# Scenario 8: damaged store files. Which damage SQLite catches, which `verify` catches, and that
# no change to an event row goes unnoticed.
#
#   scripts/reliability/08-damaged-files.sh [FLIPS=40]
#
# On copies of a 2,000-event store: (a) the 100-byte header overwritten; (b) a b-tree page of the
# events table overwritten with random bytes; (c) one byte inside a stored payload changed (still
# valid SQLite); (d) the file copied without its -wal while the -wal held committed events;
# (e) FLIPS single random bytes changed anywhere in the file. For each: the exit codes of
# `events`, `verify` and `append`; for (e) also whether the event rows (read with the sqlite3 CLI)
# differ from the original: a changed row that `verify` passes is an undetected change.
. "$(dirname -- "$0")/lib.sh"

flips=${1:-40}
gen 2000 1 > "$work/in.ndjson"
evs --db "$work/base.db" import "$work/in.ndjson" >/dev/null 2>&1 || fail "import"
pin=$(evs --db "$work/base.db" head 2>/dev/null)
rows() { sqlite3 -readonly "$1" "select * from events order by position" 2>/dev/null | cksum; }
orig=$(rows "$work/base.db")
size=$(wc -c < "$work/base.db"); page=$(q "$work/base.db" "pragma page_size")
bad=0

report() { # NAME DB
    evs --db "$2" events --limit 1 -o ndjson >/dev/null 2>"$work/e1"; c1=$?
    evs --db "$2" verify >"$work/v" 2>"$work/e2"; c2=$?
    evs --db "$2" append --type T --aggregate-type A --aggregate-id a-1 >/dev/null 2>"$work/e3"; c3=$?
    printf '%-52s events: %-3s verify: %-3s append: %s\n' "$1" "$c1" "$c2" "$c3"
    echo "      $(cat "$work/e2" "$work/v" | head -2 | tr '\n' ' ' | cut -c1-220)"
}
poke() { # FILE OFFSET BYTES: overwrite at OFFSET with BYTES random bytes
    head -c "$3" /dev/urandom | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

cp "$work/base.db" "$work/a.db"; poke "$work/a.db" 0 100
report "(a) header overwritten (first 100 bytes)" "$work/a.db"

# the root page of the events table, and a leaf page near the middle of the file
root=$(q "$work/base.db" "select rootpage from sqlite_master where name = 'events'")
cp "$work/base.db" "$work/b.db"; poke "$work/b.db" $(( (size / page / 2) * page + 200 )) 600
report "(b) a b-tree page in the middle damaged (600 bytes)" "$work/b.db"
cp "$work/base.db" "$work/b2.db"; poke "$work/b2.db" $(( (root - 1) * page + 8 )) 64
report "(b') the events table's root page damaged" "$work/b2.db"

# a byte inside the payload text of event n=1234: same length, still valid JSON and SQLite
off=$(grep -boa '"n":1234,' "$work/base.db" | head -1 | cut -d: -f1)
cp "$work/base.db" "$work/c.db"; printf '9' | dd of="$work/c.db" bs=1 seek=$((off + 4)) conv=notrunc status=none
report "(c) one payload digit changed (1234 -> 9234)" "$work/c.db"
[ "$c2" = 1 ] || { bad=$((bad + 1)); echo "  a changed payload passed verify" >&2; }

# (d) a -wal with committed events that were never checkpointed, and a copy of the .db alone
cp "$work/base.db" "$work/d.db"
sqlite3 "$work/d.db" "BEGIN; SELECT count(*) FROM events;" ".shell sleep 20" >/dev/null 2>&1 & holder=$!
sleep 1
i=0; while [ "$i" -lt 5 ]; do i=$((i + 1)); evs --db "$work/d.db" append --type T --aggregate-type A --aggregate-id a-2 >/dev/null 2>&1; done
kill -9 "$holder"; wait "$holder" 2>/dev/null
pin_d=$(evs --db "$work/d.db" head 2>/dev/null)
mkdir "$work/copy"; cp "$work/d.db" "$work/copy/events.db"
echo "(d) the store had a $(wc -c < "$work/d.db-wal")-byte -wal; copied without it: head before $pin_d, copy:"
report "(d) copy without its -wal" "$work/copy/events.db"
evs --db "$work/copy/events.db" verify --expect-head "$pin_d" >/dev/null 2>&1; c=$?
echo "      verify --expect-head $pin_d on the copy: exit $c"
[ "$c" = 1 ] || { bad=$((bad + 1)); echo "  a copy without its -wal passed verify --expect-head" >&2; }

# (e) single random bytes anywhere
sqlite_caught=0; verify_caught=0; harmless=0; undetected=0
i=0
while [ "$i" -lt "$flips" ]; do
    i=$((i + 1))
    cp "$work/base.db" "$work/e.db"
    at=$(rand "$size")
    old=$(od -An -tu1 -j "$at" -N1 "$work/e.db" | tr -d ' ')
    new=$(( (old + 1 + $(rand 255)) % 256 ))
    printf "$(printf '\\%03o' "$new")" | dd of="$work/e.db" bs=1 seek="$at" conv=notrunc status=none
    evs --db "$work/e.db" verify --full >/dev/null 2>&1; v=$?
    changed=no; [ "$(rows "$work/e.db")" = "$orig" ] || changed=yes
    if [ "$v" = 74 ]; then sqlite_caught=$((sqlite_caught + 1))
    elif [ "$v" = 1 ]; then verify_caught=$((verify_caught + 1))
    elif [ "$changed" = yes ]; then undetected=$((undetected + 1)); echo "  UNDETECTED: byte $at ($old -> $new) changed the event rows and verify passed" >&2
    else harmless=$((harmless + 1)); fi
done
echo "(e) $flips random single-byte changes: $sqlite_caught refused as damaged (exit 74), $verify_caught found by verify (exit 1), $harmless left every event row as it was (verify ok), $undetected changed event rows undetected"
[ "$undetected" = 0 ] && [ "$bad" = 0 ] || exit 1
