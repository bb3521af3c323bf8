#!/usr/bin/env bash
# The whole benchmark, in the order it was run for results/latest.json:
#   stack (export of HEAD, built, started) -> 2 000 files by API -> targets 1, 2, 3, 4 -> report
#   scale points (5) -> 1 M files by SQL -> list depth (6) -> footprint (7) -> lag (8) -> gateway CPU
#   at a fixed rate (9, its own upstream and ports) -> results.
# Each step can also be run alone (see README). About 45 minutes on a busy 2-core machine.
# REUSE_LIST_FROM=DIR skips the 1 M file copies and target 6, taking its figures from DIR (an earlier run).
. "$(dirname "$0")/lib.sh"
# A step that fails says so (set -e alone ends the run without a word).
trap 'say "run-all stopped: line $LINENO ended with status $?"' ERR
need_tools wrk nginx pgbench
"$BENCH_DIR/stack.sh" start
python3 "$BENCH_DIR/tools/ua.py" seed "${SEED_FILES:-2000}"
python3 "$BENCH_DIR/tools/ua.py" ids 2000 "$WORK/ids.txt"
"$BENCH_DIR/run-proxy.sh"
"$BENCH_DIR/run-get-vs-pgbench.sh"
"$BENCH_DIR/run-flow.sh"
POINTS=${POINTS:-"50000 500000 5000000"} "$BENCH_DIR/run-report-scale.sh"
if [[ -n ${REUSE_LIST_FROM:-} ]]; then
    # Target 6 taken from an earlier run's raw files (its code path unchanged), said so in the results.
    cp "$REUSE_LIST_FROM"/t6-*.json "$REUSE_LIST_FROM"/t6-plan.txt "$WORK/" 2>/dev/null || true
    echo "{\"from\": \"$REUSE_LIST_FROM\"}" >"$WORK/t6-reused.json"
else
    python3 "$BENCH_DIR/tools/ua.py" clone-files "${LIST_FILES:-1002500}"
    "$BENCH_DIR/run-list-depth.sh"
fi
"$BENCH_DIR/run-footprint.sh"
"$BENCH_DIR/run-lag.sh"
RECORD=1 "$BENCH_DIR/run-gateway-cpu.sh"
python3 "$BENCH_DIR/tools/results.py" "$WORK" "$RESULTS" "$(machine_json)"
[[ ${KEEP_RUNNING:-0} == 1 ]] || "$BENCH_DIR/stack.sh" stop
