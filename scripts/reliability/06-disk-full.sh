#!/bin/sh
# Scenario 6: the disk fills up during appends and imports (a small tmpfs; needs root).
#
#   scripts/reliability/06-disk-full.sh [EVENTS=20000]
#
# Mounts a 3 MiB tmpfs and fills it: with an import into a new store, with appends, and with an
# import into a larger store. Each must fail with exit 74 and a message that says the disk is
# full; afterwards verify must pass, the acknowledged appends must all be there, an import must
# have left nothing (new store) or whole batches in file order (larger store). Then the tmpfs is
# grown to 256 MiB ("space freed") and the same commands must complete. Exits 77 when it cannot
# mount a tmpfs here.
. "$(dirname -- "$0")/lib.sh"

events=${1:-20000}
mnt="$work/small"
mkdir "$mnt"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=3m tmpfs "$mnt" 2>/dev/null; then
    echo "skipped: cannot mount a tmpfs here (needs root)"; exit 77
fi
trap 'umount "$mnt" 2>/dev/null; cleanup' EXIT
gen "$events" 1 > "$work/in.ndjson"
bad=0
expect_full() { # CODE ERRFILE WHAT
    if [ "$1" != 74 ]; then bad=$((bad + 1)); echo "  $3: exit $1, expected 74: $(head -c 600 "$2")" >&2; fi
    echo "  $3: exit $1; stderr: $(head -c 300 "$2" | tr '\n' '|')"
}

echo "1. import of $events events ($(du -k "$work/in.ndjson" | cut -f1) KiB) into a new store on a 3 MiB tmpfs"
evs --db "$mnt/a.db" import "$work/in.ndjson" >/dev/null 2>"$work/err"; expect_full $? "$work/err" import
echo "  left on the tmpfs: $(ls "$mnt" | tr '\n' ' ')"
[ -f "$mnt/a.db" ] && { n=$(verified "$mnt/a.db"); [ "$n" = 0 ] || { bad=$((bad + 1)); echo "  $n events kept by a failed atomic import" >&2; }; }
rm -f "$mnt"/*

echo "2. appends of 40 KiB events until the disk is full"
payload="{\"blob\":\"$(head -c 40000 /dev/zero | tr '\0' 'x')\"}"
printf '%s' "$payload" > "$work/payload.json"
acked=0; code=0
while [ "$acked" -lt 500 ]; do
    evs --db "$mnt/b.db" append --type Filled --aggregate-type Disk --aggregate-id d-1 --payload "@$work/payload.json" \
        >/dev/null 2>"$work/err"; code=$?
    [ "$code" = 0 ] || break
    acked=$((acked + 1))
done
expect_full "$code" "$work/err" "append after $acked acknowledged"
n=$(verified "$mnt/b.db")
[ "$n" = "$acked" ] || { bad=$((bad + 1)); echo "  $n events stored, $acked acknowledged" >&2; }
echo "  verify: $n events, all $acked acknowledged appends present"
evs --db "$mnt/b.db" events --limit 1 -o ndjson >/dev/null 2>"$work/err" || { bad=$((bad + 1)); echo "  reading a full store failed: $(cat "$work/err")" >&2; }

echo "3. space freed (tmpfs grown to 256 MiB): append and import complete"
mount -o remount,size=256m "$mnt" || fail "cannot grow the tmpfs"
evs --db "$mnt/b.db" append --type Filled --aggregate-type Disk --aggregate-id d-1 --payload '{}' >/dev/null 2>"$work/err" \
    || { bad=$((bad + 1)); echo "  append after freeing space: $(cat "$work/err")" >&2; }
evs --db "$mnt/a.db" import "$work/in.ndjson" >/dev/null 2>"$work/err" || { bad=$((bad + 1)); echo "  import after freeing space: $(cat "$work/err")" >&2; }
echo "  append: $(verified "$mnt/b.db") events; import: $(verified "$mnt/a.db") of $events events"

echo "4. import of $events events into a larger store that fills the disk part way"
rm -f "$mnt"/*
gen $((events * 4)) 2 > "$work/base.ndjson"
evs --db "$mnt/c.db" import "$work/base.ndjson" >/dev/null 2>&1 || fail "could not build the larger store"
used=$(du -k "$mnt" | tail -1 | cut -f1)
mount -o remount,size=$((used + 1536))k "$mnt" || fail "cannot shrink the tmpfs"
evs --db "$mnt/c.db" import "$work/in.ndjson" >/dev/null 2>"$work/err"; expect_full $? "$work/err" "import into a store of $((events * 4))"
n=$(verified "$mnt/c.db")
found=$(q "$mnt/c.db" "select count(*) from events where event_id like '00000001-%'")
o=$(q "$mnt/c.db" "select count(*) from (select json_extract(payload, '\$.n') n, row_number() over (order by position) r from events where event_id like '00000001-%') where n != r")
[ "$o" = 0 ] && [ "$n" = $((events * 4 + found)) ] || { bad=$((bad + 1)); echo "  not whole batches: $o out of order, $n events" >&2; }
echo "  kept $found of $events (whole batches in file order: $([ "$o" = 0 ] && echo yes || echo NO)); verify ok"
mount -o remount,size=256m "$mnt" || fail "cannot grow the tmpfs"
evs --db "$mnt/c.db" import "$work/in.ndjson" >/dev/null 2>"$work/err" || { bad=$((bad + 1)); echo "  resume: $(cat "$work/err")" >&2; }
n=$(verified "$mnt/c.db")
[ "$n" = $((events * 5)) ] || { bad=$((bad + 1)); echo "  $n events after the resume" >&2; }
echo "  after freeing space the import resumed: $n events, $(q "$mnt/c.db" "select count(*) - count(distinct event_id) from events") duplicates"
echo "$bad broken invariants"
[ "$bad" = 0 ] || exit 1
