#!/usr/bin/env bash
# Experiment for target 3: the registry with a verified-token cache (jwt-cache/CachingJwtParser.java,
# copied into an export of the stack's commit and built there) on port 28081, vs the running
# registry (8081), same DB and keys, same GET by id, alternating rounds.
. "$(dirname "$0")/../lib.sh"
ROUNDS=${ROUNDS:-2}
EXP=${EXP:-/tmp/union-aid-bench-exp}
commit=${COMMIT:-HEAD}
if [[ ! -f $EXP/aid-registry-service/target/quarkus-app/quarkus-run.jar ]]; then
    rm -rf "$EXP" && mkdir -p "$EXP"
    git -C "$REPO_DIR" archive "$commit" | tar -x -C "$EXP"
    cp "$BENCH_DIR/experiments/jwt-cache/CachingJwtParser.java" "$EXP/aid-registry-service/src/main/java/org/unionaid/registry/config/"
    (cd "$EXP" && mvn -B -q -o package -DskipTests -pl aid-registry-service) >"$WORK/exp-build.log" 2>&1 || die "build failed ($WORK/exp-build.log)"
fi
local_dir=$BENCH_HOME/deploy/local
# shellcheck disable=SC1091
. "$local_dir/data/secrets.env"
[[ -z $(pid_on_port 28081) ]] || die "port 28081 is in use"
(cd "$EXP/aid-registry-service" && exec env QUARKUS_HTTP_PORT=28081 QUARKUS_HTTP_HOST=127.0.0.1 JWT_ISSUER=union-aid-local \
    JWT_PUBLIC_KEY_LOCATION=$local_dir/keys/dev-public.pem SERVICE_TOKEN_KEY_LOCATION=$local_dir/keys/dev-private.pem \
    DB_URL=jdbc:postgresql://localhost:$PGPORT/registry DB_USER=registry DB_PASSWORD=registry QUARKUS_OTEL_SDK_DISABLED=true \
    ID_DATA_KEY=$ID_DATA_KEY ID_BLIND_INDEX_KEY=$ID_BLIND_INDEX_KEY java -jar target/quarkus-app/quarkus-run.jar) >"$WORK/reg-exp.log" 2>&1 &
exp=$!
trap 'kill $exp 2>/dev/null || true' EXIT
until [[ $(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:28081/q/health/live) == 200 ]]; do
    kill -0 $exp 2>/dev/null || { tail -20 "$WORK/reg-exp.log" >&2; die "experiment registry exited"; }
    sleep 0.5
done
export BENCH_DIR IDS_FILE=$WORK/ids-seeded.txt TOKEN; TOKEN=$(token finance)
reg=$(pid_on_port 8081)
for port in 8081 28081; do prewarm http://127.0.0.1:$port "$BENCH_DIR/wrk/get-by-id.lua"; done
for r in $(seq 1 "$ROUNDS"); do
    CPU_PIDS="registry:$reg" wrk_run "x3-registry-$r" http://127.0.0.1:8081 "$BENCH_DIR/wrk/get-by-id.lua"
    CPU_PIDS="registry:$exp" wrk_run "x3-registry-jwtcache-$r" http://127.0.0.1:28081 "$BENCH_DIR/wrk/get-by-id.lua"
done
