#!/usr/bin/env bash
# Loads the demo city into a running local system (deploy/local/run.sh --demo calls it):
# 73 stations, 40 enterprises (3 closed), 4,000 hardship files, about 15,000 payouts of the
# 11 projects since 2016, plus live items made through the gateway; then waits until the city
# report shows them and prints the summary. Run again, it sees the city is there and loads nothing.
#
#   deploy/local/demo/load.sh [datagen options, e.g. --seed 7 or --scale 100000,500000]
#
# Environment (run.sh sets the first five): GATEWAY_URL, REGISTRY_URL, DISBURSEMENT_URL,
# REPORTING_URL, TOKEN_SH; PGHOST/PGPORT or LOCAL_PG_PORT for the disbursement database.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
jar=$root/tools/datagen/target/datagen.jar
started=$SECONDS

gateway=${GATEWAY_URL:-http://localhost:8080}
registry=${REGISTRY_URL:-http://localhost:8081}
disbursement=${DISBURSEMENT_URL:-http://localhost:8082}
token_sh=${TOKEN_SH:-$root/deploy/local/token.sh}
if [[ -n ${PGHOST:-} ]]; then
    db_host=$PGHOST db_port=${PGPORT:-5432}
else
    db_host=localhost db_port=${LOCAL_PG_PORT:-5432}
fi

# Build the generator when it is missing or older than its sources.
if [[ ! -f $jar ]] || [[ -n $(find "$root/tools/datagen/src/main" "$root/tools/datagen/pom.xml" "$root/common/src/main" "$root/common/pom.xml" -newer "$jar" -print -quit) ]]; then
    echo "building the data generator (tools/datagen)..."
    (cd "$root" && mvn -B -q package -DskipTests -pl tools/datagen -am) >/dev/null 2>&1 ||
        { echo "could not build tools/datagen (run: mvn -B package -DskipTests -pl tools/datagen -am)" >&2; exit 1; }
fi

for url in "$registry" "$disbursement" "$gateway"; do
    curl -fsS -o /dev/null --max-time 5 "$url/q/health/ready" ||
        { echo "$url is not ready: start the system first (deploy/local/run.sh)" >&2; exit 1; }
done

java -jar "$jar" --token-cmd "$token_sh" --registry-url "$registry" --disbursement-url "$disbursement" \
    --gateway-url "$gateway" --db-url "jdbc:postgresql://$db_host:$db_port/disbursement" \
    --db-user disbursement --db-password disbursement --out "$root/deploy/local/data/demo" "$@"
echo "demo loader finished in $((SECONDS - started)) s"
