#!/usr/bin/env bash
# Target 8: payout-to-report lag under load. While wrk runs the submit + decide + pay flow
# (bench/wrk/flow.lua, FLOW_CONNS connections), a probe pays one payout every 0.5 s and times
# from its 201 until reporting's payout feed position (stored in the same transaction as the
# figures it applied) reaches that payout's feed row. p99 of the probe's lags counts.
. "$(dirname "$0")/lib.sh"
need_tools wrk
LAG_SECONDS=${LAG_SECONDS:-40}
FLOW_CONNS=${FLOW_CONNS:-8}
export BENCH_DIR YEAR; YEAR=$(date +%Y)
export WORKERS_FILE=$WORK/workers.txt CLERK_TOKEN REVIEWER_TOKEN FINANCE_TOKEN
CLERK_TOKEN=$(token clerk C01 --user bench-clerk) REVIEWER_TOKEN=$(token reviewer --user bench-reviewer)
FINANCE_TOKEN=$(token finance --user bench-finance)
[[ -s $WORKERS_FILE ]] || PGPASSWORD=registry "$PSQL" -h 127.0.0.1 -p "$PGPORT" -U registry -d registry -At \
    -c "select id from hardship_file where name like 'Bench %' and category = 'DEEP' order by id" >"$WORKERS_FILE"
wrk -t"$FLOW_CONNS" -c"$FLOW_CONNS" -d"$((LAG_SECONDS + 10))s" -s "$BENCH_DIR/wrk/flow.lua" http://127.0.0.1:8082 >"$WORK/t8-load.wrk" 2>&1 &
load=$!
sleep 5
python3 "$BENCH_DIR/tools/ua.py" lag "$LAG_SECONDS" "$WORK/t8-lag.json"
wait $load || true
grep '^{"' "$WORK/t8-load.wrk" | tee "$WORK/t8-load.json"
