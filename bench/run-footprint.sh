#!/usr/bin/env bash
# Target 7: start time and RSS after load of each app vs a bare Quarkus app (bench/hello-quarkus,
# one REST hello endpoint, same Quarkus, same JVM, same JAVA_OPTS), started alternately on this
# machine. Each app gets a second instance on a spare port (2808x) next to the running stack, with the
# run's configuration; start time = launch until the first HTTP answer (services: /q/health/live,
# hello: /hello), also Quarkus' own "started in". RSS = VmRSS after WARMUP+DURATION s of wrk load.
. "$(dirname "$0")/lib.sh"
need_tools wrk
HELLO_JAR=$HELLO_APP/quarkus-run.jar
hello_build
local_dir=$BENCH_HOME/deploy/local
# shellcheck disable=SC1091
. "$local_dir/data/secrets.env"
export BENCH_DIR
common_env=(QUARKUS_HTTP_HOST=127.0.0.1 JWT_ISSUER=union-aid-local JWT_PUBLIC_KEY_LOCATION=$local_dir/keys/dev-public.pem
    SERVICE_TOKEN_KEY_LOCATION=$local_dir/keys/dev-private.pem REGISTRY_URL=http://localhost:8081
    DISBURSEMENT_URL=http://localhost:8082 REPORTING_URL=http://localhost:8083 QUARKUS_OTEL_SDK_DISABLED=true
    GATEWAY_RATE_LIMIT_RPS=1000000 GATEWAY_RATE_LIMIT_BURST=1000000)

# measure NAME PORT READY_PATH LOAD_PATH TOKEN_ROLE DIR JAR [ENV...]
measure() {
    local name=$1 port=$2 ready=$3 load=$4 role=$5 dir=$6 jar=$7; shift 7
    local log=$WORK/fp-$name.log t0 t1 pid code
    [[ -z $(pid_on_port "$port") ]] || die "port $port is in use (pid $(pid_on_port "$port"))"
    t0=$(date +%s.%N)
    # Every app, hello too, starts the same way: from its target/quarkus-app, with the build's AppCDS
    # archive when there is one (see the modules' application.properties).
    local app_dir; app_dir=$(dirname "$jar")
    local cds=(); [[ -f $app_dir/app-cds.jsa ]] && cds=(-XX:SharedArchiveFile=app-cds.jsa)
    (cd "$app_dir" && exec env "${common_env[@]}" QUARKUS_HTTP_PORT=$port HELLO_PORT=$port "$@" java ${JAVA_OPTS:-} "${cds[@]}" -jar quarkus-run.jar) >"$log" 2>&1 &
    pid=$!
    while :; do
        code=$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$port$ready" || true)
        [[ $code == 200 ]] && break
        kill -0 $pid 2>/dev/null || { tail -20 "$log" >&2; die "$name exited"; }
        sleep 0.05
    done
    t1=$(date +%s.%N)
    # The app may answer before its "started in" line reaches the log: wait a little for it. Under
    # `set -e -o pipefail` a grep that finds nothing would end the whole run without a word (it did once).
    local started=""
    for _ in $(seq 1 40); do
        started=$(grep -o 'started in [0-9.]*s' "$log" | head -1 | grep -o '[0-9.]*' | head -1 || true)
        [[ -n $started ]] && break
        sleep 0.05
    done
    local tok=""; [[ -n $role ]] && tok=$(token $role)
    # hello answers text/plain: with the services' Accept (JSON) every answer would be a 406
    local accept=application/json; [[ $name == hello-* ]] && accept='*/*'
    ACCEPT=$accept TOKEN=${tok:-none} REQ_PATH=$load wrk -t"$THREADS" -c"$CONNS" -d"$((WARMUP + DURATION))s" -s "$BENCH_DIR/wrk/get-path.lua" \
        "http://127.0.0.1:$port" >"$WORK/fp-$name.wrk" 2>&1 || true
    local rss; rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    local line; line=$(grep '^{"' "$WORK/fp-$name.wrk" | tail -1 || true)
    [[ -n $line ]] || { kill -TERM $pid; cat "$WORK/fp-$name.wrk" >&2; die "wrk gave no result for $name"; }
    local rps; rps=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["rps"])' "$line")
    local non2xx; non2xx=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["non2xx"])' "$line")
    [[ $non2xx == 0 ]] || say "warning: $name answered $non2xx of its load requests with a non-2xx status"
    kill -TERM $pid; wait $pid 2>/dev/null || true
    printf '{"name": "%s", "startSeconds": %.3f, "quarkusStartedIn": %s, "rssMiB": %.1f, "loadRps": %s, "loadNon2xx": %s, "loadPath": "%s"}\n' \
        "$name" "$(echo "$t1 - $t0" | bc)" "${started:-null}" "$(echo "$rss / 1024" | bc -l)" "$rps" "$non2xx" "$load" | tee -a "$WORK/footprint.jsonl"
}

: >"$WORK/footprint.jsonl"
id=$(head -1 "$WORK/ids.txt" 2>/dev/null || echo 1)
hello() { measure "hello-$1" 28090 /hello /hello "" "$BENCH_DIR/hello-quarkus" "$HELLO_JAR"; }
hello 1
measure aid-registry-service 28081 /q/health/live "/api/v1/workers/$id" finance "$BENCH_HOME/aid-registry-service" \
    "$BENCH_HOME/aid-registry-service/target/quarkus-app/quarkus-run.jar" \
    DB_URL=jdbc:postgresql://localhost:$PGPORT/registry DB_USER=registry DB_PASSWORD=registry \
    ID_DATA_KEY=$ID_DATA_KEY ID_BLIND_INDEX_KEY=$ID_BLIND_INDEX_KEY
hello 2
measure disbursement-service 28082 /q/health/live "/api/v1/payouts?limit=50" finance "$BENCH_HOME/disbursement-service" \
    "$BENCH_HOME/disbursement-service/target/quarkus-app/quarkus-run.jar" \
    DB_URL=jdbc:postgresql://localhost:$PGPORT/disbursement DB_USER=disbursement DB_PASSWORD=disbursement \
    DETAILS_DATA_KEY=${DETAILS_DATA_KEY:-}
hello 3
measure reporting-service 28083 /q/health/live "/api/v1/reports/aid?groupBy=project,year" analyst "$BENCH_HOME/reporting-service" \
    "$BENCH_HOME/reporting-service/target/quarkus-app/quarkus-run.jar" \
    DB_URL=jdbc:postgresql://localhost:$PGPORT/reporting DB_USER=reporting DB_PASSWORD=reporting
hello 4
measure gateway 28080 /q/health/live "/api/v1/workers/$id" finance "$BENCH_HOME/gateway" \
    "$BENCH_HOME/gateway/target/quarkus-app/quarkus-run.jar"
hello 5
