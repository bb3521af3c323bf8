#!/usr/bin/env bash
# Target 10: the registry's GET /api/v1/workers/{id} against the same GET in a minimal Quarkus REST +
# Hibernate ORM (Panache) app of one entity (bench/minimal-registry) on the same PostgreSQL, by CPU time
# per request at a fixed rate well below saturation (wrk/paced.lua), not by saturated throughput.
# Sides, interleaved in each round: minimal (the entity by id as JSON), clerk (the registry straight on
# 8081, a clerk of the city station C01: masked ID number, station scope, an access-log row) and reviewer
# (the full read: the ID number opened, the birth date, an access-log row). CPU from /proc of the service's
# JVM and of the stack's PostgreSQL (the postmaster on PGPORT and its backends, taken after each warm-up), and wrk's own; also each JVM's CPU while
# idle (IDLE seconds, no load), which the per-request figures include.
#
#   BENCH_HOME=/tmp/union-aid-bench bench/run-registry-get.sh     # needs bench/stack.sh start and ua.py seed 2000
#
# Settings: RATE (500 req/s), PACED_CONNS (16), ROUNDS (5), DURATION (20 s), WARMUP (5 s), PREWARM (60 s
# of unpaced load per side first), MINIMAL_PORT (8091), IDLE (10 s), PRIORITY (e.g. -10: this script's
# session and the stack's ahead of other sessions' work on a shared machine, see prioritise in lib.sh; put
# back to 0 at the end). Writes $WORK/registry-get-<time>/;
# tools/registry_get.py summarises (summary.json) and RECORD=1 records target 10 into results/latest.json.
# PROFILE_SECONDS (0): after the rounds, each side profiled that long under the same paced load.
set -euo pipefail
WORK=${WORK:-/tmp/union-aid-bench-work}/registry-get-$(date -u +%Y%m%dT%H%M%S)
DURATION=${DURATION:-20}
PREWARM=${PREWARM:-60}
. "$(dirname "$0")/lib.sh"
need_tools wrk
RATE=${RATE:-500}
PACED_CONNS=${PACED_CONNS:-16}
ROUNDS=${ROUNDS:-5}
MINIMAL_PORT=${MINIMAL_PORT:-8091}
IDLE=${IDLE:-10}
registry=http://127.0.0.1:8081
reg_pid=$(pid_on_port 8081)
[[ -n $reg_pid ]] || die "no registry on 8081: bench/stack.sh start, then python3 bench/tools/ua.py seed 2000"

# The minimal app, built from the working tree once, started against the registry's database.
app=$BENCH_DIR/minimal-registry/target/quarkus-app
if [[ ! -f $app/quarkus-run.jar || ${REBUILD:-0} == 1 ]]; then
    say "building bench/minimal-registry"
    mvn -B -q -f "$BENCH_DIR/minimal-registry/pom.xml" package -DskipTests >"$WORK/minimal-build.log" 2>&1 ||
        die "could not build bench/minimal-registry (see $WORK/minimal-build.log)"
fi
[[ -z $(pid_on_port "$MINIMAL_PORT") ]] || die "port $MINIMAL_PORT is in use"
(cd "$app" && exec env MINIMAL_PORT="$MINIMAL_PORT" DB_URL="jdbc:postgresql://127.0.0.1:$PGPORT/registry" \
    java ${JAVA_OPTS:-} -XX:SharedArchiveFile=app-cds.jsa -jar quarkus-run.jar) >"$WORK/minimal.log" 2>&1 &
min_pid=$!
PRIORITY=${PRIORITY:-}
trap 'kill $min_pid 2>/dev/null || true; wait $min_pid 2>/dev/null || true; [[ -z $PRIORITY ]] || prioritise 0 $$ $reg_pid ${PG_MASTER:-}' EXIT
# Only the stack's PostgreSQL counts (other sessions may run test databases): its postmaster on PGPORT.
PG_MASTER=$(pid_on_port "$PGPORT")
[[ $(ps -o comm= -p "$PG_MASTER") == postgres ]] || die "no postgres listens on $PGPORT"
export PG_MASTER
prioritise "$PRIORITY" $$ "$reg_pid" "$PG_MASTER"
for _ in $(seq 1 200); do
    [[ $(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$MINIMAL_PORT/api/v1/workers/1") == 200 ]] && break
    kill -0 $min_pid 2>/dev/null || die "the minimal app ended (see $WORK/minimal.log)"
    sleep 0.2
done

export BENCH_DIR TOKEN PATH_PREFIX=/api/v1/workers/ RATE THREADS
clerk_token=$(token clerk C01 --user bench-clerk) reviewer_token=$(token reviewer --user bench-reviewer)
declare -A url_of=([minimal]=http://127.0.0.1:$MINIMAL_PORT [clerk]=$registry [reviewer]=$registry)
declare -A token_of=([minimal]=none [clerk]=$clerk_token [reviewer]=$reviewer_token)
declare -A pid_of=([minimal]=$min_pid [clerk]=$reg_pid [reviewer]=$reg_pid)
sides=(minimal clerk reviewer)
lua=$BENCH_DIR/wrk/paced.lua
for side in "${sides[@]}"; do
    for n in 1 2000; do
        code=$(curl -s -o "$WORK/$side-$n.body" -w '%{http_code}' -H "Authorization: Bearer ${token_of[$side]}" "${url_of[$side]}/api/v1/workers/$n")
        [[ $code == 200 ]] || die "$side answered $code to GET /api/v1/workers/$n (seeded? python3 bench/tools/ua.py seed 2000)"
    done
done
for side in "${sides[@]}"; do
    say "pre-warming $side"
    TOKEN=${token_of[$side]} RATE=0 prewarm "${url_of[$side]}" "$lua"
done
# Idle CPU of each JVM after its warm-up (timers, pollers): part of every per-request figure at a fixed rate.
for side in minimal clerk; do
    a=$(cpu_of "${pid_of[$side]}"); sleep "$IDLE"; b=$(cpu_of "${pid_of[$side]}")
    printf '{"side": "%s", "idleCpuSecondsPerSecond": %s}\n' "$side" "$(awk -v a="$a" -v b="$b" -v t="$IDLE" 'BEGIN { printf "%.4f", (b - a) / t }')" >>"$WORK/idle.jsonl"
done
for r in $(seq 1 "$ROUNDS"); do
    for side in "${sides[@]}"; do
        TOKEN=${token_of[$side]} CONNS=$PACED_CONNS CPU_PIDS="service:${pid_of[$side]},postgres" \
            wrk_run "t10-$side-$r" "${url_of[$side]}" "$lua" >/dev/null
        say "$side round $r: $(jget "$WORK/t10-$side-$r.json" '"%.0f req/s, %s s CPU" % (d["wrk"]["rps"], d["cpuSeconds"])') (load $(cut -d' ' -f1 /proc/loadavg))"
        cut -d' ' -f1-3 /proc/loadavg >"$WORK/t10-$side-$r.load"
        echo "${PRIORITY:-0}" >>"$WORK/t10-$side-$r.load"
    done
done
# PROFILE_SECONDS > 0: then each side under the same paced load with async-profiler attached (bench/profile.sh),
# the shares in $WORK/profile-SIDE.txt and, by part of the request, -owners.txt (copied with the run by RECORD=1).
if ((${PROFILE_SECONDS:-0} > 0)); then
    for side in "${sides[@]}"; do
        (TOKEN=${token_of[$side]} RATE=$RATE wrk -t"$THREADS" -c"$PACED_CONNS" -d"$((PROFILE_SECONDS + 5))s" -s "$lua" \
            "${url_of[$side]}" >/dev/null 2>&1 &)
        sleep 2
        port=${url_of[$side]##*:}
        WORK=$WORK "$BENCH_DIR/profile.sh" "$port" "$PROFILE_SECONDS" "profile-$side" >"$WORK/profile-$side.txt" 2>&1
        python3 "$BENCH_DIR/tools/stacks.py" "$WORK/profile-$side.collapsed" --owners >"$WORK/profile-$side-owners.txt" || true
        sleep 4
    done
fi
python3 "$BENCH_DIR/tools/registry_get.py" summary "$WORK" "$RATE" | tee "$WORK/summary.json"
if [[ ${RECORD:-0} == 1 ]]; then python3 "$BENCH_DIR/tools/registry_get.py" record "$WORK"; fi
say "results in $WORK"
