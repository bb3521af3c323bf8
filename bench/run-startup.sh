#!/usr/bin/env bash
# Targets 11-14: wall time from `java` launched to the first 200 of /q/health/ready, per service,
# started alone against a PostgreSQL of its own (the local launcher, embedded, port PG_PORT), with
# each start-up variant (VARIANTS) in interleaved rounds: round 1 starts every service with every
# variant once, round 2 again, ... The first start of each service (its Flyway migrations on an
# empty database, and the AOT cache's training run) is not counted. Per start: wall seconds to
# ready, the JVM's CPU seconds at that moment (/proc), Quarkus's own "started in", the load average.
#
#   BENCH_HOME=/tmp/union-aid-bench bench/run-startup.sh          # a built export of HEAD (stack.sh builds one)
#   VARIANTS="jdk17 jdk17-appcds jdk25 jdk25-aot" ROUNDS=5 SERVICES="aid-registry-service gateway" ...
#   NICE=-10 ...    # this script's session (the JVMs it starts) and PostgreSQL's at that nice level, ahead
#                   # of other sessions' work on a shared machine (root; prioritise in lib.sh: Linux shares the
#                   # CPU between sessions' autogroups first): wall time nearer a quiet machine's; put back at the end
#   CPU1=1 ...      # every start also inside a cgroup of one CPU (cpu.cfs_quota_us = cfs_period_us), as a
#                   # pod with resources.limits.cpu: 1; needs a writable cgroup v1 cpu controller or cgroup v2
#
# Variants: jdk17 (the images' JVM, its default CDS of the JDK's classes), jdk17-appcds (plus the build's
# target/quarkus-app/app-cds.jsa: quarkus.package.jar.appcds.enabled), jdk25 (Temurin 25, JDK25), jdk25-aot
# (JDK 25 with -XX:AOTCache made by one training run of the service: -XX:AOTCacheOutput, the service started,
# made ready, asked the GETs of AOT_TRAIN_PATHS and stopped; JEP 483/514), jdk25-aot-static (the same, the
# training run ending after Quarkus's static init, -Dquarkus.appcds.generate=true as Quarkus's own AppCDS
# build step does: no database or other service needed, so an image build can make it). Any variant may carry JVM
# flags after a +: jdk25-aot-static+cts10 (-XX:CompileThresholdScaling=10), +c1 (-XX:TieredStopAtLevel=1), +serial
# (-XX:+UseSerialGC), +nosv (Hibernate's schema validation off), +noflyval (Flyway's validation of the applied
# migrations off), +eageroa (the OpenAPI document prepared at start, as Quarkus 3.33 does, not at its first request), +noreplay
# (the AOT cache's method profiles not used, -XX:-AOTReplayTraining), +aoteager (-XX:+AOTCompileEagerly); e.g. VARIANTS="jdk25-aot-static jdk25-aot-static+cts10". Writes $WORK/startup-<time>/:
# starts.jsonl (one line per start), summary.json; tools/startup.py summarises and records.
# AOTJAR_HOME: a second build of the same tree packaged with -Dquarkus.package.jar.type=aot-jar (every jar on the
# JVM's own class path instead of Quarkus's RunnerClassLoader, so an AOT cache can hold the application's classes
# too: JEP 483 caches only the built-in class loaders' classes); variants aotjar-jdk17, aotjar-jdk25-aot and
# aotjar-jdk25-aot-static start from it (their caches trained on it), interleaved with the others.
set -euo pipefail
WORK=${WORK:-/tmp/union-aid-bench-work}/startup-$(date -u +%Y%m%dT%H%M%S)
. "$(dirname "$0")/lib.sh"
home=${BENCH_HOME}
ROUNDS=${ROUNDS:-5}
SERVICES=${SERVICES:-aid-registry-service disbursement-service reporting-service gateway}
VARIANTS=${VARIANTS:-jdk17 jdk17-appcds jdk25 jdk25-aot}
JDK17=${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
PG_PORT=${PG_PORT:-15432}
PORT_BASE=${PORT_BASE:-18100}
CPU1=${CPU1:-0}
NICE=${NICE:-0}
keys=$home/deploy/local/keys
pg_jar=$home/local-postgres/target/local-postgres.jar
[[ -f $pg_jar ]] || die "no $pg_jar: build the export first (bench/stack.sh start builds one)"
for s in $SERVICES; do [[ -f $home/$s/target/quarkus-app/quarkus-run.jar ]] || die "$s is not built in $home"; done
AOTJAR_HOME=${AOTJAR_HOME:-}
if [[ " $VARIANTS " == *" aotjar-"* ]]; then
    [[ -n $AOTJAR_HOME ]] || die "aotjar-* variants need AOTJAR_HOME (a build with -Dquarkus.package.jar.type=aot-jar)"
    for s in $SERVICES; do [[ -f $AOTJAR_HOME/$s/target/quarkus-app/quarkus-run.jar ]] || die "$s is not built in $AOTJAR_HOME"; done
fi
# The build a variant starts from, and the prefix of its AOT caches' names.
home_of() { if [[ $1 == aotjar-* ]]; then echo "$AOTJAR_HOME"; else echo "$home"; fi; }
cache_of() { if [[ $2 == aotjar-* ]]; then echo "$WORK/aot/aotjar-$1"; else echo "$WORK/aot/$1"; fi; }
[[ -x $JDK25/bin/java ]] || VARIANTS=$(echo "$VARIANTS" | tr ' ' '\n' | grep -v jdk25 | xargs)
mkdir -p "$WORK"
say "runs in $WORK; variants: $VARIANTS; services: $SERVICES"

pids_started=() cg=
cleanup() {
    local pid
    for pid in "${pids_started[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids_started[@]}"; do wait "$pid" 2>/dev/null || true; done
    [[ $NICE == 0 ]] || prioritise 0 $$
    [[ -n $cg && -d $cg ]] && rmdir "$cg" 2>/dev/null || true
}
trap cleanup EXIT

# A cgroup of one CPU for CPU1=1 (cgroup v1 cpu controller, or v2 cpu.max).
if [[ $CPU1 == 1 ]]; then
    if [[ -w /sys/fs/cgroup/cpu/cpu.cfs_quota_us || -d /sys/fs/cgroup/cpu && -w /sys/fs/cgroup/cpu ]]; then
        cg=/sys/fs/cgroup/cpu/union-aid-bench-1cpu-$$
        mkdir -p "$cg" && echo 100000 >"$cg/cpu.cfs_period_us" && echo 100000 >"$cg/cpu.cfs_quota_us"
        # a task group is not ranked by autogroups: with NICE its shares stand for that nice level's weight
        [[ $NICE == 0 ]] || echo 10240 >"$cg/cpu.shares"
        cg_procs=$cg/cgroup.procs
    elif [[ -f /sys/fs/cgroup/cgroup.controllers ]] && grep -qw cpu /sys/fs/cgroup/cgroup.controllers; then
        cg=/sys/fs/cgroup/union-aid-bench-1cpu-$$
        mkdir -p "$cg" && echo "100000 100000" >"$cg/cpu.max"
        [[ $NICE == 0 ]] || echo 1000 >"$cg/cpu.weight"
        cg_procs=$cg/cgroup.procs
    else
        die "CPU1=1: no writable cpu cgroup here"
    fi
fi

# PostgreSQL of its own, with the three databases (users = names, as run.sh).
say "starting PostgreSQL on $PG_PORT"
LOCAL_PG_PORT=$PG_PORT "$JDK17/bin/java" -jar "$pg_jar" embedded "$WORK/pg" registry disbursement reporting >"$WORK/pg.log" 2>&1 &
pids_started+=($!)
for _ in $(seq 1 240); do grep -q 'LOCAL POSTGRES READY' "$WORK/pg.log" && break; sleep 0.5; done
grep -q 'LOCAL POSTGRES READY' "$WORK/pg.log" || die "PostgreSQL did not start: $WORK/pg.log"
if [[ $NICE != 0 ]]; then
    pg_master=$(pid_on_port "$PG_PORT")
    prioritise "$NICE" $$ "$pg_master"
fi

rand_key() { head -c 32 /dev/urandom | base64; }
ID_DATA_KEY=$(rand_key) ID_BLIND_INDEX_KEY=$(rand_key) DETAILS_DATA_KEY=$(rand_key)

port_of() { case $1 in aid-registry-service) echo $((PORT_BASE + 1)) ;; disbursement-service) echo $((PORT_BASE + 2)) ;;
    reporting-service) echo $((PORT_BASE + 3)) ;; gateway) echo $((PORT_BASE + 0)) ;; esac; }
db_of() { case $1 in aid-registry-service) echo registry ;; disbursement-service) echo disbursement ;; reporting-service) echo reporting ;; esac; }

# The environment run.sh gives a module, on this script's ports.
env_of() {
    local s=$1 db; db=$(db_of "$s")
    echo "QUARKUS_HTTP_PORT=$(port_of "$s") QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_OTEL_SDK_DISABLED=true"
    echo "JWT_ISSUER=union-aid-local JWT_PUBLIC_KEY_LOCATION=$keys/dev-public.pem SERVICE_TOKEN_PUBLIC_KEY_LOCATION=$keys/service-public.pem"
    echo "PUBLIC_BASE_URL=http://localhost:$PORT_BASE REGISTRY_URL=http://127.0.0.1:$(port_of aid-registry-service)"
    echo "DISBURSEMENT_URL=http://127.0.0.1:$(port_of disbursement-service) REPORTING_URL=http://127.0.0.1:$(port_of reporting-service)"
    [[ -n $db ]] && echo "DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$db DB_USER=$db DB_PASSWORD=$db"
    [[ $s == gateway ]] || echo "SERVICE_TOKEN_KEY_LOCATION=$keys/service-private.pem"
    [[ $s == aid-registry-service ]] && echo "ID_DATA_KEY=$ID_DATA_KEY ID_BLIND_INDEX_KEY=$ID_BLIND_INDEX_KEY"
    [[ $s == disbursement-service ]] && echo "DETAILS_DATA_KEY=$DETAILS_DATA_KEY"
    [[ $s == aid-registry-service || $s == disbursement-service ]] && echo "DOCUMENTS_STORE=local DOCUMENTS_FOLDER=$WORK/documents/$s"
    echo "${EXTRA_ENV:-}"
}

# The JVM and its flags for a variant (run from target/quarkus-app, as run.sh: AppCDS needs that class path).
# A variant's +parts (see the top) add flags to its base's.
java_of() {
    local s=$1 v=${2%%+*} m mods=() cache
    [[ $2 == *+* ]] && IFS=+ read -ra mods <<<"${2#*+}"
    cache=$(cache_of "$s" "$v")
    v=${v#aotjar-}
    case $v in
        jdk17) printf '%s' "$JDK17/bin/java" ;;
        jdk17-appcds) printf '%s' "$JDK17/bin/java -XX:SharedArchiveFile=app-cds.jsa" ;;
        jdk25) printf '%s' "$JDK25/bin/java" ;;
        jdk25-aot) printf '%s' "$JDK25/bin/java -XX:AOTCache=$cache.aot" ;;
        jdk25-aot-static) printf '%s' "$JDK25/bin/java -XX:AOTCache=$cache-static.aot" ;;
        *) die "unknown variant $v" ;;
    esac
    for m in "${mods[@]}"; do
        case $m in
            cts[0-9]*) printf ' -XX:CompileThresholdScaling=%s' "${m#cts}" ;;
            c1) printf ' -XX:TieredStopAtLevel=1' ;;
            serial) printf ' -XX:+UseSerialGC' ;;
            nosv) printf ' -Dquarkus.hibernate-orm.schema-management.strategy=none' ;;
            noflyval) printf ' -Dquarkus.flyway.validate-on-migrate=false' ;;
            eageroa) printf ' -Dunion-aid.openapi.lazy=false' ;;
            noreplay) printf ' -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining' ;;
            aoteager) printf ' -XX:+UnlockExperimentalVMOptions -XX:+AOTCompileEagerly' ;;
            *) die "unknown variant part +$m in $2" ;;
        esac
    done
    echo
}

# start SERVICE VARIANT LABEL [more java flags]: launch, wait for ready, one JSON line, stop (SIGTERM).
start() {
    local s=$1 v=$2 label=$3; shift 3
    local dir=$(home_of "$v")/$s/target/quarkus-app port log code pid t0 t1 cpu
    port=$(port_of "$s") log=$WORK/$label.log
    [[ -z $(pid_on_port "$port") ]] || die "port $port is in use"
    # shellcheck disable=SC2046
    t0=$(date +%s.%N)
    (cd "$dir" && { [[ -z $cg ]] || echo $BASHPID >"$cg_procs"; } &&
        exec env $(env_of "$s") $(java_of "$s" "$v") ${JAVA_OPTS:-} "$@" -jar quarkus-run.jar) >"$log" 2>&1 &
    pid=$!
    pids_started+=($pid)
    code=000
    while [[ $code != 200 ]]; do
        kill -0 "$pid" 2>/dev/null || { tail -20 "$log" >&2; die "$s ($v) ended before it was ready: $log"; }
        code=$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready" || true)
        [[ $code == 200 ]] || sleep 0.05
    done
    t1=$(date +%s.%N)
    cpu=$(cpu_of "$pid")
    if [[ -n ${TRAIN_PATHS:-} ]]; then
        local tok p; tok=$("$keys/../token.sh" admin --ttl 600)
        for p in $TRAIN_PATHS; do curl -s -o /dev/null -H "Authorization: Bearer $tok" "http://127.0.0.1:$port$p" || true; done
    fi
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
    local started; started=$(grep -o 'started in [0-9.]*s' "$log" | head -1 | grep -o '[0-9.]*' | head -1)
    printf '{"service": "%s", "variant": "%s", "label": "%s", "nice": '"$NICE"', "cpu1": %s, "wallSeconds": %s, "cpuSeconds": %s, "quarkusStartedIn": %s, "loadavg": "%s"}\n' \
        "$s" "$v" "$label" "$([[ -n $cg ]] && echo true || echo false)" "$(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.3f", a - b }')" \
        "$cpu" "${started:-null}" "$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/starts.jsonl"
}

# First starts (migrations), not counted; the AOT cache's training run for jdk25-aot.
mkdir -p "$WORK/aot"
bases=" $(for v in $VARIANTS; do echo "${v%%+*}"; done | xargs) "
for s in $SERVICES; do
    say "$s: first start (migrations)"
    start "$s" jdk17 "first-$s" >/dev/null
    for build in "" aotjar-; do
        cache=$(cache_of "$s" "${build}x")
        if [[ $bases == *" ${build}jdk25-aot "* ]]; then
            say "$s: AOT cache training run ${build:+(aot-jar build)}"
            t=$(date +%s.%N)
            TRAIN_PATHS=${AOT_TRAIN_PATHS:-/q/health/live /q/health/ready /q/openapi} start "$s" "${build}jdk25" "train-$build$s" \
                -XX:AOTCacheOutput="$cache.aot" >/dev/null
            printf '{"service": "%s", "build": "%s", "aotTrainingSeconds": %s, "aotCacheMiB": %s}\n' "$s" "$([[ -n $build ]] && echo aot-jar || echo fast-jar)" \
                "$(awk -v a="$(date +%s.%N)" -v b="$t" 'BEGIN { printf "%.1f", a - b }')" "$(du -m "$cache.aot" | cut -f1)" | tee -a "$WORK/aot.jsonl"
        fi
        if [[ $bases == *" ${build}jdk25-aot-static "* ]]; then
            say "$s: AOT cache training run, static init only ${build:+(aot-jar build)}"
            t=$(date +%s.%N)
            (cd "$(home_of "${build}x")/$s/target/quarkus-app" && "$JDK25/bin/java" -XX:AOTCacheOutput="$cache-static.aot" \
                -Dquarkus.appcds.generate=true -jar quarkus-run.jar) >"$WORK/train-static-$build$s.log" 2>&1 || true
            [[ -f $cache-static.aot ]] || die "no static AOT cache for $s: $WORK/train-static-$build$s.log"
            printf '{"service": "%s", "build": "%s", "static": true, "aotTrainingSeconds": %s, "aotCacheMiB": %s}\n' "$s" "$([[ -n $build ]] && echo aot-jar || echo fast-jar)" \
                "$(awk -v a="$(date +%s.%N)" -v b="$t" 'BEGIN { printf "%.1f", a - b }')" "$(du -m "$cache-static.aot" | cut -f1)" | tee -a "$WORK/aot.jsonl"
        fi
    done
done
for r in $(seq 1 "$ROUNDS"); do
    for s in $SERVICES; do
        for v in $VARIANTS; do start "$s" "$v" "$s-$v-$r" >/dev/null; done
    done
    say "round $r done (load $(cut -d' ' -f1-3 /proc/loadavg))"
done
python3 "$BENCH_DIR/tools/startup.py" summary "$WORK" | tee "$WORK/summary.json"
