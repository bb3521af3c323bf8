#!/usr/bin/env bash
# Checks a local run end to end: starts run.sh (with the options given), calls the API with a
# token from token.sh (200), without one and with one signed by another key (401), stops the
# run with SIGTERM and checks that none of its processes is left.
#
#   smoke.sh [run.sh options]      e.g. smoke.sh --no-build
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
output=$work/run.out
failures=0

check() { # description command...
    local description=$1
    shift
    if "$@"; then
        echo "ok   $description"
    else
        echo "FAIL $description"
        failures=$((failures + 1))
    fi
}
status_of() { # url [token]
    curl -s -o /dev/null -m 10 -w '%{http_code}' ${2:+-H "Authorization: Bearer $2"} "$1"
}

"$here/run.sh" "$@" >"$output" 2>&1 &
run_pid=$!
trap 'kill -TERM $run_pid 2>/dev/null; wait $run_pid; rm -rf "$work"' EXIT

deadline=$((SECONDS + ${SMOKE_TIMEOUT:-900}))
until grep -q 'Press Ctrl-C' "$output"; do
    if ! kill -0 "$run_pid" 2>/dev/null || ((SECONDS > deadline)); then
        cat "$output"
        echo "FAIL run.sh did not get ready"
        exit 1
    fi
    sleep 1
done
sed 's/^/    | /' "$output"

api=$(sed -n 's/^ *API: \([^ ]*\).*/\1/p' "$output")
children=$(cut -d: -f2 "$here/run/children")
check "run.sh names the API URL" test -n "$api"
if [[ -n $api ]]; then
    openssl genrsa -out "$work/other.pem" 2048 2>/dev/null
    check "an admin token from token.sh lists the stations (200)" \
        test "$(status_of "$api/api/v1/stations" "$("$here/token.sh" admin)")" = 200
    check "no token is refused (401)" test "$(status_of "$api/api/v1/stations")" = 401
    check "a token signed with another key is refused (401)" \
        test "$(status_of "$api/api/v1/stations" "$(LOCAL_TOKEN_KEY=$work/other.pem "$here/token.sh" admin)")" = 401
fi

kill -TERM "$run_pid"
wait "$run_pid"
check "run.sh exits 0 on SIGTERM" test $? = 0
trap 'rm -rf "$work"' EXIT
left=
for pid in $children; do
    kill -0 "$pid" 2>/dev/null && left+=" $pid"
done
check "no process of the run is left (pids: $(echo $children))" test -z "$left"
if [[ -z ${PGHOST:-} ]]; then
    check "the embedded PostgreSQL has stopped" test ! -e "$here/data/pg/postmaster.pid"
fi

((failures == 0)) && echo "smoke: all checks passed" || echo "smoke: $failures check(s) failed"
exit $((failures > 0))
