#!/usr/bin/env bash
# The whole benchmark, in the order it was run for results/latest.json:
#   stack (export of HEAD, built, started) -> 2 000 files by API -> targets 1, 2, 3, 4 -> report
#   scale points (5) -> 1 M files by SQL -> list depth (6) -> footprint (7) -> lag (8) -> results.
# Each step can also be run alone (see README). About 45 minutes on a busy 2-core machine.
. "$(dirname "$0")/lib.sh"
need_tools wrk nginx pgbench
"$BENCH_DIR/stack.sh" start
python3 "$BENCH_DIR/tools/ua.py" seed "${SEED_FILES:-2000}"
python3 "$BENCH_DIR/tools/ua.py" ids 2000 "$WORK/ids.txt"
"$BENCH_DIR/run-proxy.sh"
"$BENCH_DIR/run-get-vs-pgbench.sh"
"$BENCH_DIR/run-flow.sh"
POINTS=${POINTS:-"50000 500000"} "$BENCH_DIR/run-report-scale.sh"
python3 "$BENCH_DIR/tools/ua.py" clone-files "${LIST_FILES:-1002500}"
"$BENCH_DIR/run-list-depth.sh"
"$BENCH_DIR/run-footprint.sh"
"$BENCH_DIR/run-lag.sh"
python3 "$BENCH_DIR/tools/results.py" "$WORK" "$RESULTS" "$(machine_json)"
[[ ${KEEP_RUNNING:-0} == 1 ]] || "$BENCH_DIR/stack.sh" stop
