#!/usr/bin/env bash
# Prints the SQL the services send for one GET of a file and for one submit + decide + pay:
# log_statement=all for a moment (ALTER SYSTEM as the embedded server's superuser), one call
# of each, then back. The pgbench scripts in bench/sql/ were written from this output.
. "$(dirname "$0")/lib.sh"
log=$BENCH_HOME/deploy/local/logs/local-postgres.log
su_psql() { "$PSQL" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -At -c "$1"; }
mark=$(wc -l <"$log")
su_psql "alter system set log_statement = 'all'" >/dev/null; su_psql "select pg_reload_conf()" >/dev/null; sleep 1
id=$(head -1 "$WORK/ids.txt")
curl -s -o /dev/null -H "Authorization: Bearer $(token finance)" "http://127.0.0.1:8081/api/v1/workers/$id"
echo "-- ==== flow" >&2
w=$(PGPASSWORD=registry "$PSQL" -h 127.0.0.1 -p "$PGPORT" -U registry -d registry -At -c "select id from hardship_file where name like 'Bench %' limit 1")
app=$(curl -s -H "Authorization: Bearer $(token clerk C01)" -H 'Content-Type: application/json' http://127.0.0.1:8082/api/v1/applications \
    -d "{\"projectCode\":\"LIVING_RELIEF\",\"workerId\":$w,\"year\":$(date +%Y),\"requestedAmount\":\"1.00\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -s -o /dev/null -H "Authorization: Bearer $(token reviewer)" -H 'Content-Type: application/json' \
    "http://127.0.0.1:8082/api/v1/applications/$app/decision" -d '{"approve":true,"amount":"1.00"}'
curl -s -o /dev/null -H "Authorization: Bearer $(token finance)" -H 'Content-Type: application/json' \
    http://127.0.0.1:8082/api/v1/payouts -d "{\"applicationId\":$app,\"channel\":\"BANK_TRANSFER\",\"reference\":\"capture-$app\"}"
sleep 1
su_psql "alter system reset log_statement" >/dev/null; su_psql "select pg_reload_conf()" >/dev/null
tail -n +"$((mark + 1))" "$log" | grep -E 'LOG:  (execute|statement)|DETAIL:  param' | grep -v -e 'alter system' -e pg_reload_conf
