#!/bin/sh
# Scenario 12: SQLite's native library and a noexec temporary directory.
#
#   scripts/reliability/12-noexec-tmp.sh
#
# sqlite-jdbc extracts its native library into a temporary directory and loads it from there; on
# a noexec mount that load fails. Mounts a noexec tmpfs (needs root) and checks: (a) the jar started
# plainly with java.io.tmpdir on it gives an actionable message and a documented exit code, not a
# stack trace; (b) the launcher scripts/evs with TMPDIR and its cache on noexec still works,
# because it extracts the library elsewhere; (c) what the launcher does when its cache is noexec.
. "$(dirname -- "$0")/lib.sh"

mnt="$work/noexec"; mkdir "$mnt"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=64m,noexec tmpfs "$mnt" 2>/dev/null; then
    echo "skipped: cannot mount a noexec tmpfs here (needs root)"; exit 77
fi
trap 'umount "$mnt" 2>/dev/null; cleanup' EXIT
bad=0

echo "(a) java -Djava.io.tmpdir=<noexec> -jar eventscope.jar"
NO_COLOR=1 "$java" -Xmx256m -Djava.io.tmpdir="$mnt" -jar "$jar" --db "$work/a.db" append --type T --aggregate-type A --aggregate-id a-1 \
    >"$work/out" 2>"$work/err"; code=$?
echo "  exit $code"; sed 's/^/  | /' "$work/err" | head -8
grep -q 'hint:' "$work/err" || { bad=$((bad + 1)); echo "  no hint in the message" >&2; }
[ "$code" = 74 ] || [ "$code" = 0 ] || { bad=$((bad + 1)); echo "  exit $code" >&2; }
grep -q 'at org\.\|at dev\.\|Exception' "$work/err" && { bad=$((bad + 1)); echo "  a stack trace" >&2; }

echo "(b) scripts/evs with TMPDIR on the noexec mount (cache elsewhere)"
TMPDIR="$mnt" EVENTSCOPE_CACHE="$work/cache" EVENTSCOPE_JAR="$jar" NO_COLOR=1 "$root/scripts/evs" --db "$work/b.db" \
    append --type T --aggregate-type A --aggregate-id a-1 >"$work/out" 2>"$work/err"; code=$?
echo "  exit $code: $(head -c 200 "$work/out")$(head -c 300 "$work/err")"
[ "$code" = 0 ] || bad=$((bad + 1))

echo "(c) scripts/evs with its cache (and TMPDIR) on the noexec mount"
TMPDIR="$mnt" EVENTSCOPE_CACHE="$mnt/cache" EVENTSCOPE_JAR="$jar" NO_COLOR=1 "$root/scripts/evs" --db "$work/c.db" \
    append --type T --aggregate-type A --aggregate-id a-1 >"$work/out" 2>"$work/err"; code=$?
echo "  exit $code"; sed 's/^/  | /' "$work/err" | head -8
[ "$code" = 0 ] || grep -q 'hint:' "$work/err" || { bad=$((bad + 1)); echo "  failed without a hint" >&2; }
echo "$bad broken expectations"
[ "$bad" = 0 ] || exit 1
