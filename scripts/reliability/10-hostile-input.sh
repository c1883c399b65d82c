#!/bin/sh
# Scenario 10: the hostile input corpus, through the real jar with -Xmx256m.
#
#   scripts/reliability/10-hostile-input.sh [BIG_MB=200]
#
# Every file of src/test/resources/hostile is imported into a new store, read from a file and from
# standard input: it must be refused whole (exit 65, nothing stored) or stored (exit 0), never a
# crash (70) or anything else. Then lines generated here: a BIG_MB line (a string, and a number),
# alone, between valid lines and without a final newline, through import, `append --payload @FILE`
# and `append --file`; each must be refused with exit 65 within the 256 MB heap, nothing written.
# Peak memory (RSS) is reported. Finally `events` on a terminal (script(1)) must not let a stored
# escape sequence through raw.
. "$(dirname -- "$0")/lib.sh"

big=${1:-200}
corpus="$root/src/test/resources/hostile"
refused=0; stored=0; bad=0; maxrss=0
run() { # LABEL ARGS...: evs under /usr/bin/time; sets code, rss (KiB)
    label=$1; shift
    /usr/bin/time -f '%M' -o "$work/time" "$java" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" "$@" \
        >"$work/out" 2>"$work/err" <"${stdin:-/dev/null}"
    code=$?
    rss=$(tail -1 "$work/time"); case "$rss" in *[!0-9]*|"") rss=0 ;; esac
    [ "$rss" -gt "$maxrss" ] && maxrss=$rss
}
check() { # LABEL DB: exit 0 or 65; on 65 nothing stored
    n=0; [ -f "$2" ] && n=$(q "$2" "select count(*) from events" 2>/dev/null || echo 0)
    case "$code" in
        0) stored=$((stored + 1)) ;;
        65) refused=$((refused + 1)); [ "$n" = 0 ] || { bad=$((bad + 1)); echo "  $1: refused but $n events stored" >&2; } ;;
        *) bad=$((bad + 1)); echo "  $1: exit $code: $(head -c 400 "$work/err")" >&2 ;;
    esac
    printf '  %-44s exit %-3s %5s events stored  %6s KiB RSS  %s\n' "$1" "$code" "$n" "$rss" "$(grep -m1 'line [0-9]*:\|evs:' "$work/err" | cut -c1-110)"
}

echo "corpus ($(ls "$corpus" | wc -l) files), import FILE and import - (stdin):"
for f in "$corpus"/*.ndjson; do
    name=$(basename "$f" .ndjson)
    rm -f "$work"/c.db*; run "$name" --db "$work/c.db" import "$f"; check "$name" "$work/c.db"
    rm -f "$work"/c.db*; stdin=$f run "$name (stdin)" --db "$work/c.db" import -; check "$name (stdin)" "$work/c.db"
done

echo "generated: ${big} MB lines"
valid='{"eventType":"Valid","aggregateType":"T","aggregateId":"t-1","timestamp":"2024-01-15T10:30:00Z","payload":{}}'
{ printf '{"eventType":"Big","aggregateType":"T","aggregateId":"t-1","payload":{"blob":"'; head -c $((big * 1024 * 1024)) /dev/zero | tr '\0' 'x'; printf '"}}\n'; } > "$work/big-string.ndjson"
{ printf '{"eventType":"Big","aggregateType":"T","aggregateId":"t-1","payload":{"n":1'; head -c $((big * 1024 * 1024)) /dev/zero | tr '\0' '7'; printf '}}\n'; } > "$work/big-number.ndjson"
{ echo "$valid"; cat "$work/big-string.ndjson"; echo "$valid"; } > "$work/big-between.ndjson"
{ echo "$valid"; head -c $((big * 1024 * 1024)) /dev/zero | tr '\0' '['; } > "$work/big-unterminated.ndjson"
{ printf '{"blob":"'; head -c $((big * 1024 * 1024)) /dev/zero | tr '\0' 'x'; printf '"}'; } > "$work/big-payload.json"
for f in big-string big-number big-between big-unterminated; do
    rm -f "$work"/c.db*; run "$f" --db "$work/c.db" import "$work/$f.ndjson"; check "import $f" "$work/c.db"
done
rm -f "$work"/c.db*; stdin="$work/big-between.ndjson" run x --db "$work/c.db" import -; check "import - big-between" "$work/c.db"
rm -f "$work"/c.db*; run x --db "$work/c.db" append --type Big --aggregate-type T --aggregate-id t-1 --payload "@$work/big-payload.json"; check "append --payload @${big}MB" "$work/c.db"
rm -f "$work"/c.db*; run x --db "$work/c.db" append --file "$work/big-string.ndjson"; check "append --file ${big}MB" "$work/c.db"
rm -f "$work"/c.db*; stdin="$work/big-payload.json" run x --db "$work/c.db" append --type Big --aggregate-type T --aggregate-id t-1 --payload -; check "append --payload - (${big}MB stdin)" "$work/c.db"
rm -f "$work"/*.ndjson "$work/big-payload.json"

echo "terminal output of stored escape sequences (PAGER=cat: a pager such as less writes its own):"
rm -f "$work"/c.db*; evs --db "$work/c.db" import "$corpus/terminal-escapes-in-payload.ndjson" >/dev/null 2>&1
script -qec "PAGER=cat NO_COLOR=1 '$java' -jar '$jar' --db '$work/c.db' events; PAGER=cat NO_COLOR=1 '$java' -jar '$jar' --db '$work/c.db' show 1" "$work/typescript" >/dev/null 2>&1 </dev/null
raw=$(od -An -tx1 "$work/typescript" | tr ' ' '\n' | grep -c -x '1b\|9b\|07')
echo "  events and show on a terminal: $(wc -c < "$work/typescript") bytes, $raw raw ESC/CSI/BEL bytes"
[ "$raw" = 0 ] || bad=$((bad + 1))
echo "$refused refused whole, $stored stored, $bad broken expectations (crash, other exit, half-written); peak RSS ${maxrss} KiB with -Xmx256m"
[ "$bad" = 0 ] || exit 1
