#!/usr/bin/env bash
# Target 4: submit + decide + pay straight to disbursement (wrk, bench/wrk/flow.lua: clerk submits,
# reviewer decides, finance pays; LIVING_RELIEF, 1.00 yuan, random seeded DEEP files) vs pgbench
# running the same disbursement statements as one transaction (bench/sql/flow.sql), same
# concurrency. Ratio = flows per second / pgbench transactions per second. Rounds alternate.
. "$(dirname "$0")/lib.sh"
need_tools wrk pgbench
ROUNDS=${ROUNDS:-2}
FLOW_CONNS=${FLOW_CONNS:-8}
export BENCH_DIR YEAR; YEAR=$(date +%Y)
export WORKERS_FILE=$WORK/workers.txt CLERK_TOKEN REVIEWER_TOKEN FINANCE_TOKEN
CLERK_TOKEN=$(token clerk C01 --user bench-clerk) REVIEWER_TOKEN=$(token reviewer --user bench-reviewer)
FINANCE_TOKEN=$(token finance --user bench-finance)
PGPASSWORD=registry "$PSQL" -h 127.0.0.1 -p "$PGPORT" -U registry -d registry -At \
    -c "select id from hardship_file where name like 'Bench %' and status = 'ACTIVE' and category = 'DEEP' order by id" >"$WORKERS_FILE"
n=$(wc -l <"$WORKERS_FILE"); [[ $n -gt 0 ]] || die "no seeded DEEP files (bench/tools/ua.py seed)"
# pgbench picks :w from the same ids (line number -> id through a temp table is overkill: the
# seeded ids are dense, so a random id in their range is a seeded file).
read -r lo hi <<<"$(sort -n "$WORKERS_FILE" | sed -n '1p;$p' | tr '\n' ' ')"
{ echo "\\set w random($lo, $hi)"; echo "\\set year $YEAR"; cat "$BENCH_DIR/sql/flow.sql"; } >"$WORK/flow.pgbench"
dis=$(pid_on_port 8082) reg=$(pid_on_port 8081) rep=$(pid_on_port 8083) pg=$(postgres_pids)
CONNS=$FLOW_CONNS THREADS=$FLOW_CONNS PREWARM=${PREWARM_FLOW:-150} prewarm http://127.0.0.1:8082 "$BENCH_DIR/wrk/flow.lua"
for r in $(seq 1 "$ROUNDS"); do
    CONNS=$FLOW_CONNS THREADS=$FLOW_CONNS CPU_PIDS="disbursement:$dis,registry:$reg,reporting:$rep,postgres:${pg// /:}" \
        wrk_run "t4-service-$r" http://127.0.0.1:8082 "$BENCH_DIR/wrk/flow.lua"
    PGPASSWORD=disbursement "$PGBIN/pgbench" -n -M prepared -h 127.0.0.1 -p "$PGPORT" -U disbursement -c "$FLOW_CONNS" \
        -j "$THREADS" -T "$WARMUP" -f "$WORK/flow.pgbench" disbursement >"$WORK/t4-pgbench-warm.out" 2>&1 || true
    (PGPASSWORD=disbursement "$PGBIN/pgbench" -n -M prepared -h 127.0.0.1 -p "$PGPORT" -U disbursement -c "$FLOW_CONNS" \
        -j "$THREADS" -T "$DURATION" -f "$WORK/flow.pgbench" disbursement; times) >"$WORK/t4-pgbench-$r.out" 2>&1
    tps=$(grep -o 'tps = [0-9.]*' "$WORK/t4-pgbench-$r.out" | head -1 | cut -d' ' -f3)
    failed=$(grep -o 'number of failed transactions: [0-9]*' "$WORK/t4-pgbench-$r.out" | grep -o '[0-9]*$' || echo 0)
    [[ -n $tps ]] || { cat "$WORK/t4-pgbench-$r.out" >&2; die "pgbench failed"; }
    printf '{"name": "t4-pgbench-%s", "tps": %s, "failed": %s, "pgbenchCpu": "%s"}\n' "$r" "$tps" "${failed:-0}" \
        "$(tail -1 "$WORK/t4-pgbench-$r.out")" | tee "$WORK/t4-pgbench-$r.json"
done
