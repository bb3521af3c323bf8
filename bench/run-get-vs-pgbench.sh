#!/usr/bin/env bash
# Target 3: GET /api/v1/workers/{id} straight to the registry (random ids, role finance: no
# access journal write) vs pgbench running the SELECT Hibernate sends for it (captured from the
# PostgreSQL log, see bench/sql/get-file.sql) at the same concurrency, prepared statements.
# Rounds alternate; the median round counts. A third side, the ceiling: the bare hello app
# (bench/hello-quarkus, no database, no token) under the same wrk load: what any REST endpoint of
# this Quarkus can reach on this machine before it does any work (CEILING=0 leaves it out).
. "$(dirname "$0")/lib.sh"
need_tools wrk pgbench
ROUNDS=${ROUNDS:-3}
export BENCH_DIR IDS_FILE=$WORK/ids-seeded.txt TOKEN; TOKEN=$(token finance)
# Both sides read the same rows: the files made through the API, whose ids are dense (1..N),
# so pgbench's random(lo, hi) always names an existing file (the SQL copies' ids step by 50).
PGPASSWORD=registry "$PSQL" -h 127.0.0.1 -p "$PGPORT" -U registry -d registry -At \
    -c "select id from hardship_file where name like 'Bench %' order by id" >"$IDS_FILE"
lo=$(head -1 "$IDS_FILE") hi=$(tail -1 "$IDS_FILE")
(( hi - lo + 1 == $(wc -l <"$IDS_FILE") )) || die "seeded ids are not dense ($lo..$hi)"
{ echo "\\set id random($lo, $hi)"; cat "$BENCH_DIR/sql/get-file.sql"; } >"$WORK/get-file.pgbench"
reg=$(pid_on_port 8081) pg=$(postgres_pids)
prewarm http://127.0.0.1:8081 "$BENCH_DIR/wrk/get-by-id.lua"
hello=""
if [[ ${CEILING:-1} == 1 ]]; then
    hello=$(hello_start 28090)
    trap 'kill $hello 2>/dev/null || true' EXIT
    ACCEPT='*/*' TOKEN=none REQ_PATH=/hello prewarm http://127.0.0.1:28090 "$BENCH_DIR/wrk/get-path.lua"
fi
for r in $(seq 1 "$ROUNDS"); do
    CPU_PIDS="registry:$reg,postgres:${pg// /:}" wrk_run "t3-service-$r" http://127.0.0.1:8081 "$BENCH_DIR/wrk/get-by-id.lua"
    PGPASSWORD=registry "$PGBIN/pgbench" -n -M prepared -h 127.0.0.1 -p "$PGPORT" -U registry -c "$CONNS" -j "$THREADS" \
        -T "$WARMUP" -f "$WORK/get-file.pgbench" registry >/dev/null 2>&1
    (PGPASSWORD=registry "$PGBIN/pgbench" -n -M prepared -h 127.0.0.1 -p "$PGPORT" -U registry -c "$CONNS" -j "$THREADS" \
        -T "$DURATION" -f "$WORK/get-file.pgbench" registry; times) >"$WORK/t3-pgbench-$r.out" 2>&1
    tps=$(grep -o 'tps = [0-9.]*' "$WORK/t3-pgbench-$r.out" | head -1 | cut -d' ' -f3)
    lat=$(grep -o 'latency average = [0-9.]*' "$WORK/t3-pgbench-$r.out" | cut -d' ' -f4)
    printf '{"name": "t3-pgbench-%s", "tps": %s, "latencyAvgMs": %s, "pgbenchCpu": "%s"}\n' \
        "$r" "$tps" "$lat" "$(tail -1 "$WORK/t3-pgbench-$r.out")" | tee "$WORK/t3-pgbench-$r.json"
    if [[ -n $hello ]]; then
        ACCEPT='*/*' TOKEN=none REQ_PATH=/hello CPU_PIDS="hello:$hello" \
            wrk_run "t3-hello-$r" http://127.0.0.1:28090 "$BENCH_DIR/wrk/get-path.lua"
    fi
done
