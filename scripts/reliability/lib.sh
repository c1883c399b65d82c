# Shared by the reliability scripts (sourced, not run). POSIX sh.
#
#   EVENTSCOPE_JAR   the jar under test (default: target/eventscope.jar; build it first with
#                    ./mvnw -B -q -DskipTests package)
#   KEEP=1           keep the scratch directory (its path is printed) for a post-mortem
set -u

rel=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd -P)
root=$(CDPATH= cd -- "$rel/../.." && pwd -P)
jar=${EVENTSCOPE_JAR:-"$root/target/eventscope.jar"}
if [ ! -f "$jar" ]; then
    echo "no jar at $jar: build it first with ./mvnw -B -q -DskipTests package" >&2
    exit 2
fi
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
command -v sqlite3 >/dev/null 2>&1 || { echo "these scripts need the sqlite3 CLI" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/evs-reliability.XXXXXX") || exit 2
cleanup() {
    if [ "${KEEP:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The real jar, as an end user starts it, with the heap the issue asks for; no colour.
evs() {
    NO_COLOR=1 "$java" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" "$@"
}

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# gen N SEED: N NDJSON events with ids derived from SEED and the line number, over 200 streams.
gen() {
    awk -v n="$1" -v seed="$2" 'BEGIN {
        for (i = 1; i <= n; i++) {
            printf "{\"eventId\":\"%08x-0000-4000-8000-%012x\",\"eventType\":\"Happened\",", seed, i
            printf "\"aggregateType\":\"Thing\",\"aggregateId\":\"t-%d\",", i % 200
            printf "\"timestamp\":\"2024-01-15T10:30:00Z\",\"payload\":{\"n\":%d,\"text\":\"%s\"},", i, "some words to make the line a realistic length"
            printf "\"metadata\":{\"correlationId\":\"c-%d\"}}\n", int(i / 4)
        }
    }'
}

# q DB SQL: one value from the sqlite3 CLI (read-only)
q() {
    sqlite3 -readonly "$1" "$2"
}

# now_ms: milliseconds since the epoch
now_ms() {
    date +%s%3N
}

# rand N: a pseudo-random integer in [0, N) (awk's generator, seeded from the clock and a counter)
_rand_calls=0
rand() {
    _rand_calls=$((_rand_calls + 1))
    awk -v n="$1" -v s="$(date +%N)$_rand_calls" 'BEGIN { srand(s % 2147483647); printf "%d\n", rand() * n }'
}

# sleep_ms N: sleep N milliseconds
sleep_ms() {
    sleep "$(awk -v m="$1" 'BEGIN { printf "%.3f", m / 1000 }')"
}

# evs_bg ARGS...: start the real jar in the background; its pid (the JVM itself) is in $bg.
# A shell without job control starts background commands with SIGINT and SIGQUIT ignored, and
# the JVM keeps them ignored; a user's Ctrl-C in a terminal is not. So the disposition is reset
# (with perl's exec, which replaces itself with the JVM) where perl is available.
evs_bg() {
    if command -v perl >/dev/null 2>&1; then
        NO_COLOR=1 perl -e '$SIG{INT} = $SIG{QUIT} = "DEFAULT"; exec @ARGV or die "exec: $!"' \
            "$java" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" "$@" &
    else
        NO_COLOR=1 "$java" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" "$@" &
    fi
    bg=$!
}

# verified DB: the event count verify reports (exit 0 and "ok: N events"), 0 when no store exists
# yet; fails the script on anything else
verified() {
    [ -f "$1" ] || { echo 0; return 0; }
    _out=$(evs --db "$1" verify 2>"$work/verify.err"); _code=$?
    if [ "$_code" = 66 ] && grep -q "not yet an Eventscope store" "$work/verify.err"; then echo 0; return 0; fi
    [ "$_code" = 0 ] || fail "verify $1 exited $_code: $_out $(cat "$work/verify.err")"
    echo "$_out" | sed -n 's/^ok: \([0-9]*\) events.*/\1/p'
}
