#!/usr/bin/env bash
# Target 5: a grouped report (GET /api/v1/reports/aid?groupBy=project,year,station, role analyst,
# straight to reporting) at growing payout counts, and against a GET of a file by id at the same
# point. For each POINT (payouts in all): historical payouts are added by SQL (bench/tools/ua.py
# payouts: application + payout + payout_feed rows), reporting reads them through the feed
# (its catch-up rate is recorded), the databases are vacuumed and analysed (as autovacuum would, but
# not during the measurement), then the report and the GET are measured side by side. The report
# is measured twice: computed on every request (BUST=1: a parameter of its own per request, so
# nothing is served as already rendered) and asked again as city systems do (served as rendered
# while no feed moves). A second, smaller shape (LIGHT_REPORT_PATH, groupBy=project,year: the 11
# projects by year, what a city system pulls for its monthly table) is measured computed each time too.
. "$(dirname "$0")/lib.sh"
need_tools wrk
POINTS=${POINTS:-"50000 500000"}
REPORT_PATH=${REPORT_PATH:-"/api/v1/reports/aid?groupBy=project,year,station"}
LIGHT_REPORT_PATH=${LIGHT_REPORT_PATH:-"/api/v1/reports/aid?groupBy=project,year"}
export BENCH_DIR IDS_FILE=$WORK/ids.txt TOKEN
[[ -s $IDS_FILE ]] || python3 "$BENCH_DIR/tools/ua.py" ids 2000 "$IDS_FILE"
rep=$(pid_on_port 8083) reg=$(pid_on_port 8081)
for point in $POINTS; do
    t0=$SECONDS
    python3 "$BENCH_DIR/tools/ua.py" payouts "$point"
    gen=$((SECONDS - t0))
    python3 "$BENCH_DIR/tools/ua.py" wait-feed "${FEED_TIMEOUT:-3000}" | tee "$WORK/t5-feed-$point.json"
    cells=$(PGPASSWORD=reporting "$PSQL" -h 127.0.0.1 -p "$PGPORT" -U reporting -d reporting -At \
        -c "select (select count(*) from aid_cell) || ' ' || (select count(*) from aid_person) || ' ' || (select count(*) from payout) || ' ' || ((select count(*) from aid_reach) + (select count(*) from aid_reach_chain))")
    echo "{\"point\": $point, \"generateSeconds\": $gen, \"aidCell\": $(echo $cells | cut -d' ' -f1), \"aidPerson\": $(echo $cells | cut -d' ' -f2), \"reportingPayouts\": $(echo $cells | cut -d' ' -f3), \"counterRows\": $(echo $cells | cut -d' ' -f4)}" \
        | tee "$WORK/t5-setup-$point.json"
    # Settle before measuring: the bulk load and the catch-up leave millions of new and dead row
    # versions, and autovacuum would clean them up while the report is measured (its CPU counted as the
    # report's, its I/O in the way). A system in steady state has had that done: VACUUM ANALYZE each
    # database first, and note the autovacuum workers still running when the measurement starts.
    t1=$SECONDS
    for db in disbursement reporting registry; do
        PGPASSWORD=$db "$PSQL" -h 127.0.0.1 -p "$PGPORT" -U "$db" -d "$db" -q -c "VACUUM ANALYZE"
    done
    autovacuum=$(PGPASSWORD=reporting "$PSQL" -h 127.0.0.1 -p "$PGPORT" -U reporting -d reporting -At \
        -c "select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'")
    echo "{\"point\": $point, \"vacuumSeconds\": $((SECONDS - t1)), \"autovacuumWorkersAfter\": $autovacuum}" | tee "$WORK/t5-settle-$point.json"
    pg=$(postgres_pids)
    for r in 1 2; do
        TOKEN=$(token analyst) REQ_PATH=$REPORT_PATH BUST=1 CPU_PIDS="reporting:$rep,postgres:${pg// /:}" \
            wrk_run "t5-report-$point-$r" http://127.0.0.1:8083 "$BENCH_DIR/wrk/get-path.lua"
        TOKEN=$(token analyst) REQ_PATH=$REPORT_PATH CPU_PIDS="reporting:$rep,postgres:${pg// /:}" \
            wrk_run "t5-repeat-$point-$r" http://127.0.0.1:8083 "$BENCH_DIR/wrk/get-path.lua"
        TOKEN=$(token analyst) REQ_PATH=$LIGHT_REPORT_PATH BUST=1 CPU_PIDS="reporting:$rep,postgres:${pg// /:}" \
            wrk_run "t5-light-$point-$r" http://127.0.0.1:8083 "$BENCH_DIR/wrk/get-path.lua"
        TOKEN=$(token finance) CPU_PIDS="registry:$reg,postgres:${pg// /:}" \
            wrk_run "t5-get-$point-$r" http://127.0.0.1:8081 "$BENCH_DIR/wrk/get-by-id.lua"
    done
done
