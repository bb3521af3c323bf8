#!/usr/bin/env bash
# bench/stack.sh start|stop|status — the system under test: an export of HEAD in $BENCH_HOME
# (default /tmp/union-aid-bench), built with `mvn -B -q package -DskipTests`, started with that
# copy's deploy/local/run.sh (ports 8080-8083, PostgreSQL 5432). The gateway's per-caller rate
# limit is raised for the run (GATEWAY_RATE_LIMIT_RPS/BURST): the benchmarks are one caller.
. "$(dirname "$0")/lib.sh"
cmd=${1:-status}
pidfile=$WORK/run.pid

case $cmd in
start)
    for p in 8080 8081 8082 8083 5432; do
        [[ -z $(pid_on_port $p) ]] || die "port $p is in use (pid $(pid_on_port $p)): another stack runs"
    done
    if [[ ! -f $BENCH_HOME/gateway/target/quarkus-app/quarkus-run.jar || ${REBUILD:-0} == 1 ]]; then
        say "exporting HEAD to $BENCH_HOME and building it (mvn -B -q package -DskipTests)"
        rm -rf "$BENCH_HOME" && mkdir -p "$BENCH_HOME"
        git -C "$REPO_DIR" archive HEAD | tar -x -C "$BENCH_HOME"
        (cd "$BENCH_HOME" && mvn -B -q -o package -DskipTests) >"$WORK/build.log" 2>&1 ||
            (cd "$BENCH_HOME" && mvn -B -q package -DskipTests) >"$WORK/build.log" 2>&1 || die "build failed: $WORK/build.log"
    fi
    # Without Keycloak (run.sh's default since issue 17): the benchmarks measure the services on the two cores,
    # with token.sh's tokens under the local issuer; a Keycloak starting beside them answered their first JWKS
    # fetch too late (every call 401) and took a core while it ran.
    say "starting $BENCH_HOME/deploy/local/run.sh --no-build --no-keycloak"
    GATEWAY_RATE_LIMIT_RPS=${GATEWAY_RATE_LIMIT_RPS:-1000000} GATEWAY_RATE_LIMIT_BURST=${GATEWAY_RATE_LIMIT_BURST:-1000000} \
        setsid "$BENCH_HOME/deploy/local/run.sh" --no-build --no-keycloak >"$WORK/run.log" 2>&1 < /dev/null &
    echo $! >"$pidfile"
    for _ in $(seq 1 300); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/q/health/ready) == 200 ]] && { say "up"; exit 0; }
        kill -0 "$(cat "$pidfile")" 2>/dev/null || { cat "$WORK/run.log" >&2; die "run.sh ended"; }
        sleep 2
    done
    die "the stack did not get ready (see $WORK/run.log)"
    ;;
stop)
    [[ -f $pidfile ]] || exit 0
    pid=$(cat "$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    rm -f "$pidfile"
    say "stopped"
    ;;
status)
    for p in 8080 8081 8082 8083 5432; do echo "$p: $(pid_on_port $p)"; done
    ;;
esac
