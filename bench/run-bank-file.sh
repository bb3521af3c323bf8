#!/usr/bin/env bash
# Issue 13's benchmark: a bank file of N (10 000) ISSUED bank-transfer payouts exported (POST /api/v1/bank-files,
# the registry's accounts read in bulk) and its N-line result imported (POST .../results), each against PostgreSQL
# doing the same rows with COPY, measured beside it in the same run: ROUNDS (5) rounds, the two sides alternating
# which goes first, the median round counts. Goal: each operation within 2x of COPY.
#
#   bench/run-bank-file.sh          starts the stack (bench/stack.sh) unless it runs, prepares, measures, reports
#
# Preparation is not measured: files (ua.py seed + clone-files), their bank accounts through PUT, and N payouts per
# round by SQL (tools/bank_file.py prepare). Results: $WORK/bank-file-run.json, bench/results/bank-file.{json,md}.
# Settings: N, ROUNDS, ROUND_OFFSET (a second run on the same stack: ROUND_OFFSET=5 measures rounds 6..10), BENCH_HOME,
# PRIORITY (e.g. -10, root only: this script's session, the stack's and PostgreSQL's autogroups ahead of other
# sessions' work on a shared machine for the measured rounds, see prioritise in lib.sh; both sides alike).
. "$(dirname "$0")/lib.sh"
need_tools curl
N=${N:-10000}
ROUNDS=${ROUNDS:-5}
export BENCH_HOME PSQL PGPORT TOKEN_SH WORK
started=0
if [[ $(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8082/q/health/ready) != 200 ]]; then
    "$BENCH_DIR/stack.sh" start
    started=1
fi
stop_stack() { [[ $started == 1 ]] && "$BENCH_DIR/stack.sh" stop || true; }
trap stop_stack EXIT
say "preparing $N files with bank accounts and $ROUNDS x $N ISSUED payouts"
python3 "$BENCH_DIR/tools/bank_file.py" prepare "$N" "$ROUNDS"
PRIORITY=${PRIORITY:-}
stack_pids="$$ $(pid_on_port 8082) $(pid_on_port 8081) $(pid_on_port 8083) $(pid_on_port 5432)"
[[ -z $PRIORITY ]] || trap 'prioritise 0 $stack_pids; stop_stack' EXIT
prioritise "$PRIORITY" $stack_pids
say "measuring $ROUNDS rounds"
python3 "$BENCH_DIR/tools/bank_file.py" run "$N" "$ROUNDS" "$WORK/bank-file-run.json"
python3 "$BENCH_DIR/tools/bank_file.py" report "$WORK/bank-file-run.json" "$RESULTS" "$(machine_json)"
