#!/usr/bin/env bash
# Target 9: the gateway's CPU per proxied request against nginx's on the same route, at a fixed
# request rate well below saturation (not saturated throughput: on a shared 2-core machine that
# measures the neighbours as much as the proxy). Both proxy GET /api/v1/workers/{n} (bearer token,
# random n) to one trivial static upstream, an nginx of its own answering a fixed 1 KiB JSON body,
# so neither the registry nor PostgreSQL is in the figure. wrk keeps the rate (wrk/paced.lua).
# CPU from /proc/<pid>/stat (utime + stime, all threads) of each process before and after each
# measurement: the gateway's JVM, the proxy nginx (master and workers), the upstream nginx, and wrk
# itself (`times`). Rounds interleave the sides (nginx, gateway, nginx, ...); the summary gives
# median and min-max of CPU-µs per request per component, and the ratio gateway / nginx.
#
#   bench/run-gateway-cpu.sh                      # HEAD's gateway (exported and built here)
#   GATEWAYS="before=DIR after=DIR" bench/run-gateway-cpu.sh   # several builds side by side (A/B)
#   GATEWAY_ENV_after="QUARKUS_X=y ..."    # more environment for the side named after (a variant)
#
# Settings: RATE (1000 req/s), PACED_CONNS (20), ROUNDS (5), DURATION (30 s), WARMUP (5 s),
# PREWARM_PROXY (90 s of unpaced load on each gateway first: its JIT), PORT_BASE (18000: the upstream
# on +81, nginx on +88, the gateways on +80, +90, ...; away from the stack's 8080-8083). Writes
# $WORK/gateway-cpu-<time>/ (one JSON per measurement, summary.json); nothing in the source tree.
# Needs no stack, no database.
set -euo pipefail
WORK=${WORK:-/tmp/union-aid-bench-work}/gateway-cpu-$(date -u +%Y%m%dT%H%M%S)
DURATION=${DURATION:-30}
. "$(dirname "$0")/lib.sh"
need_tools wrk nginx
RATE=${RATE:-1000}
PACED_CONNS=${PACED_CONNS:-20}
ROUNDS=${ROUNDS:-5}
PORT_BASE=${PORT_BASE:-18000}
up_port=$((PORT_BASE + 81)) ngx_port=$((PORT_BASE + 88))
keys=$REPO_DIR/deploy/local/keys

for p in $up_port $ngx_port; do [[ -z $(pid_on_port $p) ]] || die "port $p is in use (pid $(pid_on_port $p))"; done

# The gateway builds to measure: GATEWAYS, else HEAD exported and built (gateway module only).
if [[ -z ${GATEWAYS:-} ]]; then
    src=$WORK/src
    say "exporting HEAD to $src and building the gateway"
    mkdir -p "$src" && git -C "$REPO_DIR" archive HEAD | tar -x -C "$src"
    (cd "$src" && { mvn -B -q -o -pl gateway -am package -DskipTests || mvn -B -q -pl gateway -am package -DskipTests; }) \
        >"$WORK/build.log" 2>&1 || die "build failed: $WORK/build.log"
    GATEWAYS="gateway=$src/gateway/target/quarkus-app"
fi

pids_started=()
cleanup() {
    local pid
    for pid in "${pids_started[@]}"; do kill "$pid" 2>/dev/null || true; done
    for conf in upstream proxy; do
        [[ -f $WORK/$conf/nginx.pid ]] && kill "$(cat "$WORK/$conf/nginx.pid")" 2>/dev/null || true
    done
}
trap cleanup EXIT

# nginx_start NAME PORT BODY: an nginx of its own (2 workers, as run-proxy.sh) with the server BODY.
nginx_start() {
    mkdir -p "$WORK/$1"
    cat >"$WORK/$1/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/$1/nginx.pid;
error_log $WORK/$1/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    upstream upstream { server 127.0.0.1:$up_port; keepalive 64; }
    server {
        listen 127.0.0.1:$2;
        $3
    }
}
CONF
    nginx -c "$WORK/$1/nginx.conf" -p "$WORK/$1"
}
# pids of one of those nginx instances, joined by ':'
nginx_pids() { local master; master=$(cat "$WORK/$1/nginx.pid"); echo "$master $(pgrep -P "$master" | tr '\n' ' ')" | xargs | tr ' ' ':'; }

# A fixed body about the size of a worker's masked view.
body=$(python3 -c 'import json; print(json.dumps({"id": 1, "name": "x" * 900, "status": "ACTIVE"}).replace("\"", "\\\""))')
nginx_start upstream "$up_port" "keepalive_requests 1000000; location /api/ { default_type application/json; return 200 \"$body\"; }"
# The proxy: run-proxy.sh's configuration, to the static upstream.
nginx_start proxy "$ngx_port" 'location /api/ {
            proxy_pass http://upstream;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
        }'
sleep 1

# Each gateway build on a port of its own, the static upstream as the registry.
sides=(nginx)
declare -A port_of=([nginx]=$ngx_port) pid_of=()
i=0
for entry in $GATEWAYS; do
    name=${entry%%=*} dir=${entry#*=} port=$((PORT_BASE + 80 + 10 * i)); i=$((i + 1))
    [[ -f $dir/quarkus-run.jar ]] || die "no quarkus-run.jar in $dir"
    [[ -z $(pid_on_port $port) ]] || die "port $port is in use (pid $(pid_on_port $port))"
    cds=(); [[ -f $dir/app-cds.jsa ]] && cds=(-XX:SharedArchiveFile=app-cds.jsa)
    extra_env=GATEWAY_ENV_$name
    # shellcheck disable=SC2086
    (cd "$dir" && exec env QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_OTEL_SDK_DISABLED=true \
        REGISTRY_URL=http://127.0.0.1:$up_port DISBURSEMENT_URL=http://127.0.0.1:$up_port REPORTING_URL=http://127.0.0.1:$up_port \
        JWT_ISSUER=union-aid-local JWT_PUBLIC_KEY_LOCATION=$keys/dev-public.pem \
        SERVICE_TOKEN_PUBLIC_KEY_LOCATION=$keys/service-public.pem \
        GATEWAY_RATE_LIMIT_RPS=1000000 GATEWAY_RATE_LIMIT_BURST=1000000 ${!extra_env:-} \
        java ${JAVA_OPTS:-} "${cds[@]}" -jar quarkus-run.jar) >"$WORK/$name.log" 2>&1 &
    pids_started+=($!) pid_of[$name]=$! port_of[$name]=$port sides+=("$name")
done
for name in "${sides[@]:1}"; do
    for _ in $(seq 1 120); do
        [[ $(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:${port_of[$name]}/q/health/live") == 200 ]] && break
        kill -0 "${pid_of[$name]}" 2>/dev/null || die "$name ended (see $WORK/$name.log)"
        sleep 0.5
    done
done

export BENCH_DIR TOKEN PATH_PREFIX=/api/v1/workers/
TOKEN=$("$keys/../token.sh" finance --ttl 86400)
lua=$BENCH_DIR/wrk/paced.lua
for name in "${sides[@]}"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:${port_of[$name]}/api/v1/workers/7")
    [[ $code == 200 ]] || die "$name answered $code to GET /api/v1/workers/7"
done

# The JITs first: unpaced load (the gateway's CPU per request still falls for ~90 s of it).
for name in "${sides[@]}"; do
    say "pre-warming $name"
    RATE=0 PREWARM=$([[ $name == nginx ]] && echo 10 || echo "${PREWARM_PROXY:-90}") prewarm "http://127.0.0.1:${port_of[$name]}" "$lua"
done

# Paced: RATE requests a second over PACED_CONNS connections (wrk/paced.lua keeps the schedule).
export RATE THREADS
upstream_pids=$(nginx_pids upstream)
for r in $(seq 1 "$ROUNDS"); do
    for name in "${sides[@]}"; do
        if [[ $name == nginx ]]; then proxy="nginx:$(nginx_pids proxy)"; else proxy="gateway:${pid_of[$name]}"; fi
        CONNS=$PACED_CONNS CPU_PIDS="$proxy,upstream:$upstream_pids" wrk_run "t9-$name-$r" "http://127.0.0.1:${port_of[$name]}" "$lua" >/dev/null
        say "$name round $r: $(jget "$WORK/t9-$name-$r.json" '"%.0f req/s, %s s CPU" % (d["wrk"]["rps"], d["cpuSeconds"])')"
    done
done
# PROFILE_SECONDS > 0: then each gateway under the same paced load with async-profiler attached
# (bench/profile.sh), the shares in $WORK/profile-SIDE.txt and, by part of the request, -owners.txt.
if ((${PROFILE_SECONDS:-0} > 0)); then
    for name in "${sides[@]:1}"; do
        (RATE=$RATE wrk -t"$THREADS" -c"$PACED_CONNS" -d"$((PROFILE_SECONDS + 5))s" -s "$lua" "http://127.0.0.1:${port_of[$name]}" >/dev/null 2>&1 &)
        sleep 2
        WORK=$WORK "$BENCH_DIR/profile.sh" "${port_of[$name]}" "$PROFILE_SECONDS" "profile-$name" >"$WORK/profile-$name.txt" 2>&1
        python3 "$BENCH_DIR/tools/stacks.py" "$WORK/profile-$name.collapsed" --owners >"$WORK/profile-$name-owners.txt" || true
        sleep 4
    done
fi
python3 "$BENCH_DIR/tools/gateway_cpu.py" summary "$WORK" "$RATE" | tee "$WORK/summary.json"
# RECORD=1: straight into results/latest.json (target 9) and results/runs/
if [[ ${RECORD:-0} == 1 ]]; then python3 "$BENCH_DIR/tools/gateway_cpu.py" record "$WORK"; fi
say "results in $WORK (bench/tools/gateway_cpu.py record $WORK puts them into results/latest.json)"
