#!/bin/sh
# Scenario 11: `process` and `dlq retry` killed with SIGKILL at random moments, KILLS times each.
#
#   scripts/reliability/11-kill-process-and-retry.sh [KILLS=50]
#
# Runs the end-to-end test ProcessCrashIT (src/test/java/dev/eventscope/e2e), which drives the
# real jar, with KILLS kills instead of the suite's 5. After every kill it checks that the read
# model is exactly the fold of the events up to the checkpoint (nothing applied twice, nothing
# lost, no half-written batch), that every trigger up to the reactor's checkpoint has exactly one
# reaction, and that a killed retry resolved a prefix of each aggregate's letters, in order. The
# random moments are reproducible: the seed is printed (rerun with -Deventscope.crash.seed=N).
set -u
root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd -P)
kills=${1:-50}
cd "$root" || exit 2
./mvnw -B -q verify -Dit.test=ProcessCrashIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dspotless.check.skip=true -Deventscope.crash.kills="$kills" >"${TMPDIR:-/tmp}/evs-reliability-11.log" 2>&1
code=$?
out="$root/target/failsafe-reports/dev.eventscope.e2e.ProcessCrashIT-output.txt"
grep -h '^seed \|killed .* times' "$out" 2>/dev/null
if [ "$code" != 0 ]; then
    tail -40 "${TMPDIR:-/tmp}/evs-reliability-11.log"
    echo "FAIL: ProcessCrashIT failed (an invariant broke or the run could not start)"
    exit 1
fi
