#!/bin/sh
# Scenario 7: a read-only store file, and a store in a read-only directory.
#
#   scripts/reliability/07-read-only.sh
#
# Runs evs as an unprivileged user (setpriv, needs root; root itself ignores file permissions).
# Cases: (a) the file is read-only, the directory writable; (b) the directory is read-only, the
# file writable; (c) both read-only and a -wal beside the file holding committed events that were
# never checkpointed (a writer killed). Inspection commands must work where SQLite allows and then
# show every committed event (never a stale file without its -wal), or be refused with exit 74
# and a message naming the read-only file or directory; writes must fail at once with exit 74 and
# a clear message, and change nothing.
. "$(dirname -- "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null 2>&1; then
    echo "skipped: needs root and setpriv to run evs as an unprivileged user"; exit 77
fi
as_nobody() {
    NO_COLOR=1 setpriv --reuid=65534 --regid=65534 --clear-groups \
        "$java" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.io.tmpdir="$work/tmp" -jar "$jar" "$@"
}
chmod 755 "$work"; mkdir -m 1777 "$work/tmp"
gen 1000 1 > "$work/in.ndjson"
bad=0; reads_ok=0; reads_refused=0

# try CASE DB: the reads and the writes, as nobody
try() {
    label=$1; db=$2; expect=$3
    before=$(cksum < "$db")
    for cmd in "events --limit 3 -o ndjson" "streams -o ndjson" "head" "verify" "stats"; do
        # shellcheck disable=SC2086
        out=$(as_nobody --db "$db" $cmd 2>"$work/err"); code=$?
        line=$(printf '%s' "$out" | tail -1 | head -c 120)
        echo "  $label: $cmd -> exit $code $( [ "$code" != 0 ] && head -c 300 "$work/err" | tr '\n' '|')"
        # a read either works and sees every committed event, or is refused with exit 74 and a
        # message naming the read-only file or directory (SQLite must create the -shm to read)
        if [ "$code" = 0 ]; then
            reads_ok=$((reads_ok + 1))
            case "$cmd" in head)
                [ "${out%%:*}" = "$expect" ] || { bad=$((bad + 1)); echo "  STALE: head $out, expected position $expect" >&2; } ;;
            esac
        elif [ "$code" = 74 ] && grep -q "read-only" "$work/err"; then
            reads_refused=$((reads_refused + 1))
        else
            bad=$((bad + 1)); echo "  a read failed without a clear message" >&2
        fi
    done
    t0=$(now_ms)
    as_nobody --db "$db" append --type T --aggregate-type A --aggregate-id a-1 >/dev/null 2>"$work/err"; code=$?
    echo "  $label: append -> exit $code after $(( $(now_ms) - t0 )) ms: $(head -c 300 "$work/err" | tr '\n' '|')"
    [ "$code" = 74 ] || { bad=$((bad + 1)); echo "  append: expected exit 74" >&2; }
    as_nobody --db "$db" import "$work/in.ndjson" >/dev/null 2>"$work/err"; code=$?
    echo "  $label: import -> exit $code: $(head -c 300 "$work/err" | tr '\n' '|')"
    [ "$code" = 74 ] || { bad=$((bad + 1)); echo "  import: expected exit 74" >&2; }
    [ "$(cksum < "$db")" = "$before" ] || { bad=$((bad + 1)); echo "  the file changed" >&2; }
}

echo "(a) read-only file, writable directory"
mkdir "$work/a"; evs --db "$work/a/events.db" import "$work/in.ndjson" >/dev/null 2>&1 || fail "import"
chown -R 65534:65534 "$work/a"; chmod 444 "$work/a/events.db"
try a "$work/a/events.db" 1000

echo "(b) read-only directory, writable file"
mkdir "$work/b"; evs --db "$work/b/events.db" import "$work/in.ndjson" >/dev/null 2>&1 || fail "import"
chown 65534:65534 "$work/b/events.db"; chmod 555 "$work/b"
try b "$work/b/events.db" 1000

echo "(c) read-only directory and files, with a -wal of committed events never checkpointed"
mkdir "$work/c"; evs --db "$work/c/events.db" import "$work/in.ndjson" >/dev/null 2>&1 || fail "import"
# a reader holds a snapshot so the appends stay in the -wal; then it and the last writer vanish
sqlite3 "$work/c/events.db" "BEGIN; SELECT count(*) FROM events;" ".shell sleep 30" >/dev/null 2>&1 &
holder=$!
sleep 1
i=0; while [ "$i" -lt 5 ]; do i=$((i + 1)); evs --db "$work/c/events.db" append --type T --aggregate-type A --aggregate-id a-2 >/dev/null 2>&1 || fail "append"; done
kill -9 "$holder"; wait "$holder" 2>/dev/null
echo "  files: $(ls -l "$work/c" | awk 'NR > 1 { printf "%s(%s bytes) ", $9, $5 }')"
chmod 444 "$work/c"/*; chmod 555 "$work/c"
try c "$work/c/events.db" 1005

echo "reads: $reads_ok worked (none stale), $reads_refused refused with exit 74 naming the read-only file or directory; $bad broken expectations"
[ "$bad" = 0 ] || exit 1
