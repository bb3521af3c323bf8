#!/usr/bin/env bash
# Targets 1 and 2: the same DB-bound GET (a file by id, random ids) straight to the registry (8081),
# through the gateway (8080), and through nginx as a plain reverse proxy (127.0.0.1:8088 -> 8081,
# keep-alive upstream). Rounds alternate the three sides; the median round counts.
# Needs: a running stack (bench/stack.sh start) with files (bench/tools/ua.py seed).
. "$(dirname "$0")/lib.sh"
need_tools wrk nginx
ROUNDS=${ROUNDS:-3}
export BENCH_DIR IDS_FILE=$WORK/ids.txt TOKEN; TOKEN=$(token finance)
python3 "$BENCH_DIR/tools/ua.py" ids 2000 "$IDS_FILE"

mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    upstream registry { server 127.0.0.1:8081; keepalive 64; }
    server {
        listen 127.0.0.1:8088;
        location /api/ {
            proxy_pass http://registry;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$remote_addr;
        }
    }
}
CONF
[[ -f $WORK/nginx/nginx.pid ]] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null && sleep 1
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"
trap 'kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true' EXIT
sleep 1
ngx=$(pgrep -d, -f "nginx.*$WORK/nginx" || true)
gw=$(pid_on_port 8080) reg=$(pid_on_port 8081)
pg=$(postgres_pids)
nginx_pids=$(pgrep -d ' ' nginx)
# The gateway's JIT needs longer than the others: its CPU per request still fell from 0.13 to 0.09 ms
# over the first 90 s of load on this machine (PREWARM_PROXY, 120 s; the registry warms behind it).
prewarm http://127.0.0.1:8081 "$BENCH_DIR/wrk/get-by-id.lua"
PREWARM=${PREWARM_PROXY:-120} prewarm http://127.0.0.1:8080 "$BENCH_DIR/wrk/get-by-id.lua"
prewarm http://127.0.0.1:8088 "$BENCH_DIR/wrk/get-by-id.lua"
for r in $(seq 1 "$ROUNDS"); do
    CPU_PIDS="registry:$reg,postgres:${pg// /:}" wrk_run "t1-direct-$r" http://127.0.0.1:8081 "$BENCH_DIR/wrk/get-by-id.lua"
    CPU_PIDS="gateway:$gw,registry:$reg,postgres:${pg// /:}" wrk_run "t1-gateway-$r" http://127.0.0.1:8080 "$BENCH_DIR/wrk/get-by-id.lua"
    CPU_PIDS="nginx:${nginx_pids// /:},registry:$reg,postgres:${pg// /:}" wrk_run "t2-nginx-$r" http://127.0.0.1:8088 "$BENCH_DIR/wrk/get-by-id.lua"
done
