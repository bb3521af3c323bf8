#!/usr/bin/env bash
# Starts union-aid on this machine: PostgreSQL, Keycloak, the three services and the gateway.
# Ctrl-C (or SIGTERM) stops them all. See README.md next to this script.
#
#   run.sh [--demo] [--no-build] [--no-keycloak] [--only MODULE[,MODULE...]]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
data=$here/data
logs=$here/logs
keys=$here/keys
pid_file=$here/run/run.pid

# module:port:database, in start order: the gateway last.
modules=(
    aid-registry-service:8081:registry
    disbursement-service:8082:disbursement
    reporting-service:8083:reporting
    gateway:8080:
)
databases=(registry disbursement reporting)
launcher_jar=$root/local-postgres/target/local-postgres.jar
http_host=${LOCAL_HTTP_HOST:-127.0.0.1}
ready_timeout=${READY_TIMEOUT:-180}
java_opts=${JAVA_OPTS:-}
# Keycloak: the identity provider of the local run (deploy/keycloak), with a database of its own.
keycloak_version=26.4.7
keycloak_port=${KEYCLOAK_PORT:-8180}
keycloak_management_port=${KEYCLOAK_MANAGEMENT_PORT:-9180}
keycloak_url=http://localhost:$keycloak_port
keycloak_issuer=$keycloak_url/realms/union-aid
token_env=$data/token.env

demo=0 build=1 only= keycloak=1
usage() {
    sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
while (($#)); do
    case $1 in
        --demo) demo=1; shift ;;
        --no-build) build=0; shift ;;
        --no-keycloak) keycloak=0; shift ;;
        --only) (($# >= 2)) || usage; only=$2; shift 2 ;;
        --only=*) only=${1#*=}; shift ;;
        -h|--help) usage ;;
        *) echo "run.sh: unknown argument $1" >&2; usage ;;
    esac
done

say() { printf 'run.sh: %s\n' "$*"; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }
alive() { kill -0 "$1" 2>/dev/null; }
port_busy() { (: >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [[ -n $only ]]; then
    for name in ${only//,/ }; do
        [[ " ${modules[*]%%:*} " == *" $name "* ]] || die "--only: no module $name (modules: ${modules[*]%%:*})"
    done
    selected=()
    for entry in "${modules[@]}"; do
        [[ ",$only," == *",${entry%%:*},"* ]] && selected+=("$entry")
    done
    modules=("${selected[@]}")
fi

command -v java >/dev/null || die "needs java (17 or newer) on the PATH"
command -v curl >/dev/null || die "needs curl on the PATH"
mkdir -p "$data" "$logs" "$here/run"

# One run at a time: a second one would fight the first for ports and data.
if [[ -f $pid_file ]]; then
    other=$(cat "$pid_file")
    if [[ $other =~ ^[0-9]+$ ]] && alive "$other" && ps -p "$other" -o args= | grep -q 'run\.sh'; then
        die "another run is active (pid $other); stop it first"
    fi
fi
echo $$ >"$pid_file"

# ---- stopping: everything this script started, the gateway first, PostgreSQL last ----
started=()        # name:pid:grace-seconds, in start order; also in $children for a later run
children=$here/run/children
stopping=0 last_pid=

remember() { # name pid grace
    started+=("$1:$2:$3")
    last_pid=$2
    printf '%s\n' "${started[@]}" >"$children"
}

forget() { # pid
    local kept=() entry
    for entry in "${started[@]}"; do
        [[ $entry == *":$1:"* ]] || kept+=("$entry")
    done
    started=(${kept[@]+"${kept[@]}"})
    printf '%s\n' ${started[@]+"${started[@]}"} >"$children"
}

stop_process() {
    local name=$1 pid=$2 grace=$3 waited=0
    if alive "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        while alive "$pid" && ((waited < grace * 10)); do
            sleep 0.1
            waited=$((waited + 1))
        done
        if alive "$pid"; then
            say "$name did not stop within ${grace}s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    wait "$pid" 2>/dev/null || true
}

# A PostgreSQL server whose launcher died without stopping it (killed, or an earlier crash).
stop_orphan_postmaster() {
    local pid_file_pg=$data/pg/postmaster.pid pid waited=0
    [[ -f $pid_file_pg ]] || return 0
    pid=$(head -n 1 "$pid_file_pg")
    [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" && [[ $(ps -p "$pid" -o comm=) == *postgres* ]] || return 0
    say "stopping PostgreSQL left running (pid $pid)"
    kill -INT "$pid" 2>/dev/null || true # fast shutdown
    while alive "$pid" && ((waited < 150)); do
        sleep 0.1
        waited=$((waited + 1))
    done
    alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
}

stop_all() {
    ((stopping == 0)) || return 0
    stopping=1
    trap '' INT TERM HUP
    if ((${#started[@]})); then
        say "stopping..."
        local i name pid grace
        for ((i = ${#started[@]} - 1; i >= 0; i--)); do
            IFS=: read -r name pid grace <<<"${started[i]}"
            stop_process "$name" "$pid" "$grace"
        done
    fi
    [[ -n ${PGHOST:-} ]] || stop_orphan_postmaster
    rm -f "$pid_file" "$children" "$token_env"
    ((${#started[@]} == 0)) || say "stopped"
}
trap 'stop_all; exit 0' INT TERM HUP
trap 'stop_all' EXIT

# Processes of an earlier run that was killed before it could stop them.
if [[ -f $children ]]; then
    leftovers=()
    while read -r entry; do leftovers+=("$entry"); done <"$children"
    for ((i = ${#leftovers[@]} - 1; i >= 0; i--)); do
        IFS=: read -r name pid grace <<<"${leftovers[i]}"
        [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" || continue
        ps -p "$pid" -o args= | grep -q -e quarkus-run.jar -e local-postgres.jar -e kc.home.dir || continue
        say "stopping $name (pid $pid), left running by an earlier run"
        stop_process "$name" "$pid" "$grace"
    done
    rm -f "$children"
fi

# ---- secrets of the local run, made once and kept in data/ (never committed) ----
secrets=$data/secrets.env
random_key() {
    if command -v openssl >/dev/null; then openssl rand -base64 32; else head -c 32 /dev/urandom | base64; fi
}
if [[ ! -f $secrets ]]; then
    (
        umask 077
        {
            printf '# Made by run.sh for local runs only; delete it together with data/pg.\n'
            printf 'ID_DATA_KEY=%s\nID_BLIND_INDEX_KEY=%s\n' "$(random_key)" "$(random_key)"
            printf 'DETAILS_DATA_KEY=%s\n' "$(random_key)"
        } >"$secrets"
    )
    say "made the local secrets in ${secrets#"$root"/}"
elif ! grep -q '^DETAILS_DATA_KEY=' "$secrets"; then
    # Secrets made before disbursement sealed the applications' details: the key is added, the others kept.
    printf 'DETAILS_DATA_KEY=%s\n' "$(random_key)" >>"$secrets"
    say "added DETAILS_DATA_KEY to the local secrets in ${secrets#"$root"/}"
fi
if ! grep -q '^KEYCLOAK_ADMIN_PASSWORD=' "$secrets"; then
    # The master realm's admin of the local Keycloak (made on its first start only).
    printf 'KEYCLOAK_ADMIN_PASSWORD=%s\n' "$(random_key | tr -d '/+=' | cut -c1-20)" >>"$secrets"
fi
# Read, not exported: the ID keys go to the registry only, the details key to disbursement (and the demo loader).
# shellcheck disable=SC1090
. "$secrets"

# ---- build what is missing or older than its sources ----
app_jar() { echo "$root/$1/target/quarkus-app/quarkus-run.jar"; }

needs_build() { # module jar
    local dir=$root/$1 jar=$2 sources
    [[ -f $jar ]] || return 0
    sources=("$dir/src" "$dir/pom.xml")
    if grep -q '<artifactId>union-aid-common</artifactId>' "$dir/pom.xml"; then
        sources+=("$root/common/src" "$root/common/pom.xml")
    fi
    [[ -n $(find "${sources[@]}" -type f -newer "$jar" -print -quit 2>/dev/null) ]]
}

to_build=() built=0
if [[ -f $root/local-postgres/pom.xml ]] && needs_build local-postgres "$launcher_jar"; then
    to_build+=(local-postgres)
fi
for entry in ${modules[@]+"${modules[@]}"}; do
    module=${entry%%:*}
    [[ -f $root/$module/pom.xml ]] || continue
    if needs_build "$module" "$(app_jar "$module")"; then
        to_build+=("$module")
    fi
done
if ((${#to_build[@]})); then
    if ((build == 0)); then
        say "not building (--no-build): ${to_build[*]}"
    elif ! command -v mvn >/dev/null; then
        say "cannot build ${to_build[*]}: no mvn on the PATH"
    else
        list=$(IFS=,; echo "${to_build[*]}")
        say "building ${to_build[*]} (log: ${logs#"$root"/}/build.log)..."
        built=1
        # (Some Maven builds print colour codes even with -B: the sed takes them out.)
        if (cd "$root" && mvn -B -q -fae package -DskipTests -pl "$list" -am) 2>&1 |
            sed $'s/\x1b\\[[0-9;]*m//g' >"$logs/build.log"; then
            say "built"
        else
            say "the build failed for some modules (see ${logs#"$root"/}/build.log); starting what is built"
        fi
    fi
fi

# ---- Keycloak: a JDK 21+, the server unpacked from Maven's copy of its zip and built once ----
java_feature() { # JAVA_HOME -> its feature release, 0 when it is not a JDK
    local release=$1/release version
    [[ -x $1/bin/java && -f $release ]] || { echo 0; return; }
    version=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$release")
    echo "${version:-0}"
}
find_keycloak_java() { # KEYCLOAK_JAVA_HOME, JAVA_HOME, the java on the PATH, then the newest under /usr/lib/jvm
    local candidates=() home best= best_version=0 v
    [[ -n ${KEYCLOAK_JAVA_HOME:-} ]] && candidates+=("$KEYCLOAK_JAVA_HOME")
    [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME")
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")") && candidates+=("$home")
    for home in "${candidates[@]}"; do
        (($(java_feature "$home") >= 21)) && { echo "$home"; return; }
    done
    for home in /usr/lib/jvm/*; do
        v=$(java_feature "$home")
        ((v >= 21 && v > best_version)) && best=$home best_version=$v
    done
    [[ -n $best ]] && echo "$best"
}
keycloak_home=$data/keycloak/keycloak-$keycloak_version
keycloak_zip=$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$keycloak_version/keycloak-quarkus-dist-$keycloak_version.zip
keycloak_build_options="--db=postgres --health-enabled=true"
prepare_keycloak() { # 0 when $keycloak_home is unpacked and built; says why not otherwise
    keycloak_java=$(find_keycloak_java || true)
    [[ -n $keycloak_java ]] || { say "Keycloak needs Java 21+: none found (KEYCLOAK_JAVA_HOME, JAVA_HOME, /usr/lib/jvm)"; return 1; }
    local marker=$keycloak_home/.union-aid-built
    [[ -f $marker && $(cat "$marker") == "$keycloak_build_options" ]] && return 0
    if [[ ! -f $keycloak_zip ]]; then
        command -v mvn >/dev/null || { say "Keycloak's zip is not in the local Maven repository and there is no mvn to fetch it"; return 1; }
        say "fetching Keycloak $keycloak_version with Maven (about 160 MB, log: ${logs#"$root"/}/keycloak-build.log)..."
        (cd "$root" && mvn -B -q dependency:get -Dtransitive=false \
            -Dartifact=org.keycloak:keycloak-quarkus-dist:$keycloak_version:zip) >"$logs/keycloak-build.log" 2>&1 ||
            { say "could not fetch Keycloak (see ${logs#"$root"/}/keycloak-build.log)"; return 1; }
    fi
    say "unpacking and building Keycloak $keycloak_version once (about 30-60 s)..."
    rm -rf "$keycloak_home" && mkdir -p "$data/keycloak"
    if command -v unzip >/dev/null; then
        unzip -q -o "$keycloak_zip" -d "$data/keycloak"
    else
        (cd "$data/keycloak" && "$keycloak_java/bin/jar" xf "$keycloak_zip") && chmod +x "$keycloak_home"/bin/*.sh
    fi || { say "could not unpack $keycloak_zip"; return 1; }
    # shellcheck disable=SC2086
    env -u JAVA_OPTS JAVA_HOME="$keycloak_java" "$keycloak_home/bin/kc.sh" build $keycloak_build_options \
        >>"$logs/keycloak-build.log" 2>&1 || { say "kc.sh build failed (see ${logs#"$root"/}/keycloak-build.log)"; return 1; }
    echo "$keycloak_build_options" >"$marker"
}
if ((keycloak)); then
    if port_busy "$keycloak_port"; then
        say "Keycloak skipped: port $keycloak_port is in use (KEYCLOAK_PORT)"
        keycloak=0
    elif ! prepare_keycloak; then
        say "Keycloak skipped; tokens come from token.sh only"
        keycloak=0
    fi
fi
((keycloak)) && databases+=(keycloak)
rm -f "$token_env"

# ---- PostgreSQL ----
[[ -f $launcher_jar ]] || die "local-postgres is not built ($launcher_jar); run: mvn -B package -DskipTests -pl local-postgres"
pg_log=$logs/local-postgres.log
if [[ -n ${PGHOST:-} ]]; then
    pg_host=$PGHOST pg_port=${PGPORT:-5432}
    say "using the PostgreSQL server at $pg_host:$pg_port; creating the databases it lacks"
    java -jar "$launcher_jar" external "${databases[@]}" >"$pg_log" 2>&1 ||
        { tail -n 5 "$pg_log" >&2; die "could not prepare the databases on $pg_host:$pg_port"; }
    pg_where="$pg_host:$pg_port (PGHOST)"
else
    pg_host=localhost pg_port=${LOCAL_PG_PORT:-5432}
    stop_orphan_postmaster
    port_busy "$pg_port" && die "port $pg_port is in use: stop what uses it, or set LOCAL_PG_PORT (or PGHOST for an existing server)"
    say "starting PostgreSQL on port $pg_port (data in ${data#"$root"/}/pg)..."
    LOCAL_PG_PORT=$pg_port java $java_opts -jar "$launcher_jar" embedded "$data/pg" "${databases[@]}" >"$pg_log" 2>&1 &
    remember postgres $! 30
    pg_pid=$last_pid
    deadline=$((SECONDS + ready_timeout))
    until grep -q 'LOCAL POSTGRES READY' "$pg_log"; do
        alive "$pg_pid" || { tail -n 15 "$pg_log" >&2; die "PostgreSQL did not start (see ${pg_log#"$root"/})"; }
        ((SECONDS < deadline)) || die "PostgreSQL was not ready within ${ready_timeout}s (see ${pg_log#"$root"/})"
        sleep 0.5
    done
    pg_where="localhost:$pg_port (embedded, data in ${data#"$root"/}/pg)"
fi
say "PostgreSQL ready at $pg_where"

# ---- Keycloak, started now and awaited after the services (it takes 20-60 s) ----
keycloak_log=$logs/keycloak.log
if ((keycloak)); then
    mkdir -p "$keycloak_home/data/import"
    cp "$root/deploy/keycloak/union-aid-realm.json" "$keycloak_home/data/import/"
    say "starting Keycloak on port $keycloak_port (database keycloak; log: ${keycloak_log#"$root"/})..."
    # The realm signs with the local development key (deploy/keycloak/README.md); the realm file
    # reads it from the environment, so it is written only once in the repository.
    dev_key=$(grep -v -- '-----' "$keys/dev-private.pem" | tr -d '\n')
    (exec env -u JAVA_OPTS JAVA_HOME="$keycloak_java" UNION_AID_DEV_PRIVATE_KEY="$dev_key" \
        KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
        "$keycloak_home/bin/kc.sh" start --optimized --http-enabled=true --http-host="$http_host" \
        --http-port="$keycloak_port" --http-management-port="$keycloak_management_port" --hostname="$keycloak_url" \
        --import-realm --db-url="jdbc:postgresql://$pg_host:$pg_port/keycloak" --db-username=keycloak --db-password=keycloak) \
        >"$keycloak_log" 2>&1 &
    remember keycloak $! 20
    keycloak_pid=$last_pid
    # token.sh signs with the realm's issuer while this run lasts (removed when it stops)
    printf 'TOKEN_ISSUER=%s\n' "$keycloak_issuer" >"$token_env"
fi

# ---- the services and the gateway ----
# With Keycloak they trust its realm and fetch its keys from the JWKS; token.sh tokens pass too
# (same key, the realm's issuer). Without it, the local issuer and the key file.
if ((keycloak)); then
    jwt_issuer=$keycloak_issuer jwt_key_location=$keycloak_issuer/protocol/openid-connect/certs
else
    jwt_issuer=union-aid-local jwt_key_location=$keys/dev-public.pem
fi
start_module() { # module port database
    local module=$1 port=$2 database=$3
    local vars=(
        "QUARKUS_HTTP_HOST=$http_host"
        "JWT_ISSUER=$jwt_issuer"
        "JWT_PUBLIC_KEY_LOCATION=$jwt_key_location"
        "SERVICE_TOKEN_PUBLIC_KEY_LOCATION=$keys/service-public.pem"
        "PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://localhost:8080}"
        "REGISTRY_URL=http://localhost:8081"
        "DISBURSEMENT_URL=http://localhost:8082"
        "REPORTING_URL=http://localhost:8083"
        # No trace collector runs locally: without this, exporters complain every few seconds.
        "QUARKUS_OTEL_SDK_DISABLED=true"
    )
    if [[ -n $database ]]; then
        vars+=("DB_URL=jdbc:postgresql://$pg_host:$pg_port/$database" "DB_USER=$database" "DB_PASSWORD=$database")
    fi
    # The services sign their calls to each other with a key of their own; the gateway has none.
    [[ $module == gateway ]] || vars+=("SERVICE_TOKEN_KEY_LOCATION=$keys/service-private.pem")
    # The console signs in at Keycloak (as the browser reaches it).
    [[ $module == gateway ]] && ((keycloak)) && vars+=("CONSOLE_ISSUER=$keycloak_issuer")
    if [[ $module == aid-registry-service ]]; then
        vars+=("ID_DATA_KEY=$ID_DATA_KEY" "ID_BLIND_INDEX_KEY=$ID_BLIND_INDEX_KEY"
            "ID_PREVIOUS_DATA_KEYS=${ID_PREVIOUS_DATA_KEYS:-}")
    fi
    if [[ $module == disbursement-service ]]; then
        vars+=("DETAILS_DATA_KEY=$DETAILS_DATA_KEY" "DETAILS_PREVIOUS_DATA_KEYS=${DETAILS_PREVIOUS_DATA_KEYS:-}")
    fi
    # Evidence documents, sealed, one folder per service in the local data (not under target/: a build would drop them).
    if [[ $module == aid-registry-service || $module == disbursement-service ]]; then
        vars+=("DOCUMENTS_STORE=local" "DOCUMENTS_FOLDER=$data/documents/${module%-service}")
    fi
    # Started from target/quarkus-app so that the build's AppCDS archive (app-cds.jsa, when the
    # module writes one) fits the class path; a JVM other than the one that built it ignores it.
    local cds=()
    [[ -f $root/$module/target/quarkus-app/app-cds.jsa ]] && cds=(-XX:SharedArchiveFile=app-cds.jsa)
    # shellcheck disable=SC2086
    (cd "$root/$module/target/quarkus-app" && exec env "${vars[@]}" java $java_opts "${cds[@]}" -jar quarkus-run.jar) \
        >"$logs/$module.log" 2>&1 &
    remember "$module" $! 15
}

# 0 ready, 1 the process ended, 2 not ready in time. A 404 means the app runs without a health check.
wait_ready() { # pid port
    local pid=$1 port=$2 code deadline=$((SECONDS + ready_timeout))
    while ((SECONDS < deadline)); do
        alive "$pid" || return 1
        code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://localhost:$port/q/health/ready" || true)
        [[ $code == 200 || $code == 404 ]] && return 0
        sleep 1
    done
    return 2
}

running=() skipped=()
for entry in "${modules[@]}"; do
    IFS=: read -r module port database <<<"$entry"
    if [[ ! -f $root/$module/pom.xml ]]; then
        skipped+=("$module:not in this checkout")
        continue
    fi
    if [[ ! -f $(app_jar "$module") ]]; then
        skipped+=("$module:not built")
        continue
    fi
    if ((built)) && needs_build "$module" "$(app_jar "$module")"; then
        skipped+=("$module:its build failed (see ${logs#"$root"/}/build.log)")
        continue
    fi
    if port_busy "$port"; then
        skipped+=("$module:port $port is in use")
        continue
    fi
    say "starting $module on port $port..."
    start_module "$module" "$port" "$database"
    pid=$last_pid
    if wait_ready "$pid" "$port"; then
        running+=("$module:$port:$pid")
    else
        status=$?
        ((status == 1)) && why="it exited" || why="not ready within ${ready_timeout}s"
        tail -n 15 "$logs/$module.log" | sed 's/^/    /' >&2
        say "$module failed to start: $why (see ${logs#"$root"/}/$module.log)"
        stop_process "$module" "$pid" 15
        forget "$pid"
        skipped+=("$module:failed to start, $why")
    fi
done

# ---- Keycloak ready: its health and the realm's discovery document ----
if ((keycloak)); then
    deadline=$((SECONDS + ready_timeout))
    until curl -sf -o /dev/null -m 2 "http://localhost:$keycloak_management_port/health/ready" &&
        curl -sf -o /dev/null -m 2 "$keycloak_issuer/.well-known/openid-configuration"; do
        if ! alive "$keycloak_pid" || ((SECONDS >= deadline)); then
            tail -n 15 "$keycloak_log" | sed 's/^/    /' >&2
            say "Keycloak did not start (see ${keycloak_log#"$root"/}); the services still trust it: stop and run with --no-keycloak"
            keycloak=0
            break
        fi
        sleep 1
    done
    ((keycloak)) && say "Keycloak ready at $keycloak_url"
fi

# ---- demo data: demo/load.sh (see demo/README.md) ----
if ((demo)); then
    if [[ -f $here/demo/load.sh ]]; then
        say "loading the demo city..."
        if GATEWAY_URL=http://localhost:8080 REGISTRY_URL=http://localhost:8081 DISBURSEMENT_URL=http://localhost:8082 \
            REPORTING_URL=http://localhost:8083 TOKEN_SH=$here/token.sh DETAILS_DATA_KEY=$DETAILS_DATA_KEY bash "$here/demo/load.sh" 2>&1 |
            tee "$logs/demo.log"; then
            say "demo data loaded"
        else
            say "loading the demo data failed (see ${logs#"$root"/}/demo.log); the system keeps running"
        fi
    else
        say "--demo: demo data is not available yet (no ${here#"$root"/}/demo/load.sh); starting without it"
    fi
fi

# ---- what runs, and how to call it ----
token_cmd=$here/token.sh
[[ $here == "$PWD" ]] && token_cmd=./token.sh
[[ $here == "$PWD"/* ]] && token_cmd=${here#"$PWD"/}/token.sh
echo
echo "union-aid is running (logs in ${logs#"$root"/}/):"
printf '  %-22s %s\n' PostgreSQL "$pg_where"
((keycloak)) && printf '  %-22s %s (realm union-aid; admin console %s/admin, user admin, password in %s)\n' \
    Keycloak "$keycloak_url" "$keycloak_url" "${secrets#"$root"/}"
api=
for entry in ${running[@]+"${running[@]}"}; do
    IFS=: read -r module port _ <<<"$entry"
    printf '  %-22s http://localhost:%s\n' "$module" "$port"
    [[ $module == gateway ]] && api=http://localhost:$port
done
for entry in ${skipped[@]+"${skipped[@]}"}; do
    printf '  %-22s skipped: %s\n' "${entry%%:*}" "${entry#*:}"
done
if [[ -z $api && ${#running[@]} -gt 0 ]]; then
    api=http://localhost:$(cut -d: -f2 <<<"${running[0]}")
    echo "  The gateway is not running: call the services directly."
fi
if [[ -n $api ]]; then
    echo
    if ((keycloak)); then
        echo "  Sign in to the console at $api/ as clerk (station C01-D02-S01-C01), clerk2 (C01-D01-S01-C01),"
        echo "  reviewer, finance, analyst or admin; password demo (demo users of the local realm only)."
    fi
    echo "  API: $api   (OpenAPI: /q/openapi, Swagger UI: /q/swagger-ui on each service)"
    echo "  Get a token (roles: clerk STATION_CODE, reviewer, finance, analyst, admin) and call it:"
    echo "    TOKEN=\$($token_cmd admin)"
    echo "    curl -H \"Authorization: Bearer \$TOKEN\" $api/api/v1/stations"
fi
echo
echo "Press Ctrl-C to stop everything."

# ---- until Ctrl-C or SIGTERM; say when something stops by itself ----
while :; do
    sleep 1 &
    wait $! || true
    for entry in ${started[@]+"${started[@]}"}; do
        IFS=: read -r name pid _ <<<"$entry"
        alive "$pid" && continue
        [[ $name == postgres ]] && die "PostgreSQL stopped unexpectedly (see ${pg_log#"$root"/}); stopping everything"
        say "$name stopped unexpectedly (see ${logs#"$root"/}/$name.log)"
        forget "$pid"
    done
done
