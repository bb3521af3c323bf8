#!/usr/bin/env bash
# Target 6: a list page (GET /api/v1/workers?limit=50, keyset) at depth DEPTH (default 1 000 000
# rows: the cursor of the row at that offset) vs the first page, straight to the registry.
# Needs at least DEPTH+50 files (bench/tools/ua.py clone-files). Rounds alternate.
. "$(dirname "$0")/lib.sh"
need_tools wrk
ROUNDS=${ROUNDS:-2}
DEPTH=${DEPTH:-1000000}
export BENCH_DIR TOKEN; TOKEN=$(token finance)
q() { PGPASSWORD=registry "$PSQL" -h 127.0.0.1 -p "$PGPORT" -U registry -d registry -At -c "$1"; }
files=$(q "select count(*) from hardship_file")
((files >= DEPTH + 50)) || die "only $files files; need $((DEPTH + 50)) (bench/tools/ua.py clone-files $((DEPTH + 1000)))"
after=$(q "select id from hardship_file order by id offset $((DEPTH - 1)) limit 1")
cursor=$(printf 'v1\037%s' "$after" | base64 -w0 | tr '+/' '-_' | tr -d '=')
echo "{\"files\": $files, \"depth\": $DEPTH, \"cursorAfterId\": $after}" >"$WORK/t6-setup.json"
q "explain (analyze, buffers) select * from hardship_file where id > $after order by id limit 51" >"$WORK/t6-plan.txt"
reg=$(pid_on_port 8081) pg=$(postgres_pids)
for r in $(seq 1 "$ROUNDS"); do
    REQ_PATH="/api/v1/workers?limit=50" CPU_PIDS="registry:$reg,postgres:${pg// /:}" \
        wrk_run "t6-first-$r" http://127.0.0.1:8081 "$BENCH_DIR/wrk/get-path.lua"
    REQ_PATH="/api/v1/workers?limit=50&cursor=$cursor" CPU_PIDS="registry:$reg,postgres:${pg// /:}" \
        wrk_run "t6-deep-$r" http://127.0.0.1:8081 "$BENCH_DIR/wrk/get-path.lua"
done
