#!/usr/bin/env bash
# Experiment for target 1: a second gateway (port 28080, same jar, same upstreams) with
# Micrometer's HTTP server metrics off (QUARKUS_MICROMETER_BINDER_HTTP_SERVER_ENABLED=false)
# vs the running gateway (8080), same GET, alternating rounds; plus the registry directly.
. "$(dirname "$0")/../lib.sh"
ROUNDS=${ROUNDS:-2}
local_dir=$BENCH_HOME/deploy/local
export BENCH_DIR IDS_FILE=$WORK/ids.txt TOKEN; TOKEN=$(token finance)
[[ -z $(pid_on_port 28080) ]] || die "port 28080 is in use"
(cd "$BENCH_HOME/gateway" && exec env QUARKUS_HTTP_PORT=28080 QUARKUS_HTTP_HOST=127.0.0.1 JWT_ISSUER=union-aid-local \
    JWT_PUBLIC_KEY_LOCATION=$local_dir/keys/dev-public.pem REGISTRY_URL=http://localhost:8081 \
    DISBURSEMENT_URL=http://localhost:8082 REPORTING_URL=http://localhost:8083 QUARKUS_OTEL_SDK_DISABLED=true \
    GATEWAY_RATE_LIMIT_RPS=1000000 GATEWAY_RATE_LIMIT_BURST=1000000 QUARKUS_MICROMETER_BINDER_HTTP_SERVER_ENABLED=false \
    java -jar target/quarkus-app/quarkus-run.jar) >"$WORK/gw-exp.log" 2>&1 &
exp=$!
trap 'kill $exp 2>/dev/null || true' EXIT
until [[ $(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:28080/q/health/live) == 200 ]]; do sleep 0.5; done
gw=$(pid_on_port 8080) reg=$(pid_on_port 8081)
for port in 8080 28080; do prewarm http://127.0.0.1:$port "$BENCH_DIR/wrk/get-by-id.lua"; done
for r in $(seq 1 "$ROUNDS"); do
    CPU_PIDS="gateway:$gw,registry:$reg" wrk_run "x1-gateway-$r" http://127.0.0.1:8080 "$BENCH_DIR/wrk/get-by-id.lua"
    CPU_PIDS="gateway:$exp,registry:$reg" wrk_run "x1-gateway-nometrics-$r" http://127.0.0.1:28080 "$BENCH_DIR/wrk/get-by-id.lua"
done
