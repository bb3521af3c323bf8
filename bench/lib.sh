#!/usr/bin/env bash
# Shared by the bench scripts: where things are, tools, CPU accounting, wrk runs.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
# The system under test runs from an export of HEAD (git archive), not from the working tree.
BENCH_HOME=${BENCH_HOME:-/tmp/union-aid-bench}
RESULTS=${RESULTS:-$BENCH_DIR/results}
WORK=${WORK:-/tmp/union-aid-bench-work}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
export PSQL=$PGBIN/psql PGPORT=${PGPORT:-5432} TOKEN_SH=$BENCH_HOME/deploy/local/token.sh
WARMUP=${WARMUP:-5}          # seconds of warm-up before each measurement
PREWARM=${PREWARM:-30}       # seconds of load on each path once before the rounds (JIT: see README)
DURATION=${DURATION:-15}     # seconds per measurement
CONNS=${CONNS:-16}           # concurrent connections (and pgbench clients)
THREADS=${THREADS:-2}        # wrk threads / pgbench threads
mkdir -p "$RESULTS" "$WORK"

say() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "$*"; exit 1; }

need_tools() { # wrk nginx pgbench ...
    local missing=() t
    for t in "$@"; do
        case $t in
            pgbench) [[ -x $PGBIN/pgbench ]] || missing+=(postgresql-client-15) ;;
            *) command -v "$t" >/dev/null || missing+=("$t") ;;
        esac
    done
    ((${#missing[@]} == 0)) && return 0
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        say "installing ${missing[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        die "missing: ${missing[*]} (install them, e.g. apt-get install ${missing[*]})"
    fi
}

token() { "$TOKEN_SH" "$@" --ttl 86400; }

# CPU seconds (user+system) used so far by the processes whose pids are given.
cpu_of() {
    local total=0 pid ticks
    ticks=$(getconf CLK_TCK)
    for pid in "$@"; do
        [[ -r /proc/$pid/stat ]] || continue
        total=$((total + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat")))
    done
    awk -v t="$total" -v k="$ticks" 'BEGIN { printf "%.2f", t / k }'
}
# prioritise NICE PID... (NICE empty: nothing): the scheduler's autogroup of each PID (its session: everything started
# from that terminal or setsid) at nice NICE. Linux shares the CPU between autogroups first, so on a
# machine shared with other sessions a plain `nice` only ranks processes inside one session; this ranks
# the benchmark's sessions ahead of the others' for the run (root only; /proc/sys/kernel/sched_autogroup_enabled).
prioritise() {
    local level=$1 pid; shift
    [[ -z $level || ! -w /proc/self/autogroup ]] && return 0
    for pid in "$@"; do
        [[ -w /proc/$pid/autogroup ]] && echo "$level" >"/proc/$pid/autogroup" 2>/dev/null && say "autogroup of $pid: $(cat "/proc/$pid/autogroup")"
    done
    return 0
}
pid_on_port() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
# PostgreSQL's processes: PG_MASTER's (the postmaster) and its children when set, else every postgres on
# the machine (on a shared machine other sessions' test databases would count too: set PG_MASTER).
postgres_pids() {
    if [[ -n ${PG_MASTER:-} ]]; then echo "$PG_MASTER $(pgrep -P "$PG_MASTER" | xargs)"; else pgrep -d ' ' -x postgres || true; fi
}

# wrk_run NAME URL LUA [extra wrk args]: warm-up, then a measured run; prints the JSON line of
# bench/wrk/report.lua plus the CPU seconds used by the processes in $CPU_PIDS (name:pid,...)
# and by wrk itself, to $WORK/NAME.json.
wrk_run() {
    local name=$1 url=$2 lua=$3; shift 3
    wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" -s "$lua" "$@" "$url" >/dev/null 2>&1 || true
    # PostgreSQL's backends are taken now, after the warm-up, whatever pids the caller gave: a pool
    # that opened connections after the caller looked would otherwise go uncounted.
    local pids=() entry pid
    for entry in ${CPU_PIDS//,/ }; do
        if [[ ${entry%%:*} == postgres ]]; then pids+=("postgres:$(postgres_pids | tr ' ' ':')"); else pids+=("$entry"); fi
    done
    local before=()
    for entry in "${pids[@]}"; do p=${entry#*:}; before+=("$(cpu_of ${p//:/ })"); done
    local t0=$SECONDS
    # `times` in the subshell prints the CPU its children (wrk) used: the load generator's side.
    (wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency -s "$lua" "$@" "$url" || true; times) >"$WORK/$name.wrk" 2>&1
    local wrk_cpu
    wrk_cpu=$(tail -1 "$WORK/$name.wrk" | awk '{ for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); t += a[1] * 60 + a[2] } } END { printf "%.2f", t }')
    local i=0 cpu="{"
    for entry in "${pids[@]}"; do
        local after p=${entry#*:}; after=$(cpu_of ${p//:/ })
        cpu+="\"${entry%%:*}\": $(awk -v a="$after" -v b="${before[$i]}" 'BEGIN{printf "%.2f", a-b}'), "
        i=$((i + 1))
    done
    cpu+="\"wrk\": $wrk_cpu, \"wall\": $((SECONDS - t0))}"
    local line; line=$(grep '^{"' "$WORK/$name.wrk" | tail -1)
    [[ -n $line ]] || { cat "$WORK/$name.wrk" >&2; die "wrk $name gave no result"; }
    printf '{"name": "%s", "wrk": %s, "cpuSeconds": %s}\n' "$name" "$line" "$cpu" | tee "$WORK/$name.json"
}

# prewarm URL LUA [extra wrk args]: PREWARM seconds of load, results discarded. The JVMs compile
# for minutes on this machine; without it the first rounds measure the JIT, not the code.
prewarm() {
    wrk -t"$THREADS" -c"$CONNS" -d"${PREWARM}s" -s "$2" "${@:3}" "$1" >/dev/null 2>&1 || true
}

# A JSON value from a file: jget FILE EXPR (python expression on d)
jget() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

# The machine the run was made on; MACHINE_NOTE says what else ran on it meanwhile.
machine_json() {
    python3 - <<'PY'
import json, os, platform, subprocess
cpu = [l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")]
mem = [l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")][0]
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
print(json.dumps({"cpu": cpu[0] if cpu else "?", "cores": os.cpu_count(), "memMiB": int(mem) // 1024,
                  "kernel": platform.release(), "java": java, "loadavg1m": os.getloadavg()[0],
                  "note": os.environ.get("MACHINE_NOTE", "no note given (MACHINE_NOTE): whether other work ran at the same time is not known")}))
PY
}

# The bare Quarkus app with one REST hello endpoint (bench/hello-quarkus): the baseline of target 7
# and the ceiling of target 3. Built once from the working tree.
HELLO_APP=$BENCH_DIR/hello-quarkus/target/quarkus-app
hello_build() {
    [[ -f $HELLO_APP/quarkus-run.jar ]] && return 0
    mvn -B -q -f "$BENCH_DIR/hello-quarkus/pom.xml" package -DskipTests >"$WORK/hello-build.log" 2>&1 ||
        die "could not build bench/hello-quarkus (see $WORK/hello-build.log)"
}
# hello_start PORT: starts it (with its AppCDS archive, like every app here), waits for GET /hello
# (text/plain: send Accept */* or text/plain), prints its pid.
hello_start() {
    hello_build
    local port=$1 pid
    [[ -z $(pid_on_port "$port") ]] || die "port $port is in use (pid $(pid_on_port "$port"))"
    (cd "$HELLO_APP" && exec java ${JAVA_OPTS:-} -XX:SharedArchiveFile=app-cds.jsa -Dquarkus.http.port="$port" \
        -jar quarkus-run.jar) >"$WORK/hello-$port.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 200); do
        [[ $(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$port/hello") == 200 ]] && { echo $pid; return 0; }
        kill -0 $pid 2>/dev/null || break
        sleep 0.1
    done
    die "hello did not start (see $WORK/hello-$port.log)"
}
