#!/usr/bin/env bash
# Prints a bearer token signed with the local development key (keys/dev-private.pem),
# which every service of a local run accepts. Needs only bash and openssl. The role service
# is a service-to-service token: issuer union-aid-service, signed with the services' own local
# key (keys/service-private.pem); the services take it on feeds and the gateway refuses it.
#
#   token.sh ROLE [STATION_CODE] [--user NAME] [--ttl SECONDS]
#
# ROLE: clerk, reviewer, finance, analyst, admin or service. A clerk works at one
# station: give its code. NAME is the subject (default local-ROLE); SECONDS the
# lifetime (default 3600).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
key=${LOCAL_TOKEN_KEY:-$here/keys/dev-private.pem}
issuer=union-aid-local
kid=union-aid-local
max_ttl=86400 # the services refuse tokens that live longer (JWT_MAX_LIFETIME, 24 h)
roles=(clerk reviewer finance analyst admin service)

usage() {
    echo "usage: $(basename "$0") ROLE [STATION_CODE] [--user NAME] [--ttl SECONDS]" >&2
    echo "       ROLE is one of: ${roles[*]}" >&2
    exit 2
}

fail() {
    echo "token.sh: $*" >&2
    exit 2
}

role= station= user= ttl=3600
while (($#)); do
    case $1 in
        --user) (($# >= 2)) || usage; user=$2; shift 2 ;;
        --user=*) user=${1#*=}; shift ;;
        --ttl) (($# >= 2)) || usage; ttl=$2; shift 2 ;;
        --ttl=*) ttl=${1#*=}; shift ;;
        -h|--help) usage ;;
        -*) fail "unknown option $1" ;;
        *)
            if [[ -z $role ]]; then role=$1
            elif [[ -z $station ]]; then station=$1
            else usage
            fi
            shift ;;
    esac
done

[[ -n $role ]] || usage
[[ " ${roles[*]} " == *" $role "* ]] || fail "unknown role '$role' (one of: ${roles[*]})"
[[ $role != clerk || -n $station ]] || fail "a clerk works at one station: give its STATION_CODE"
# Values go into JSON as they are, so only plain characters pass.
[[ -z $station || $station =~ ^[A-Za-z0-9_-]{1,32}$ ]] || fail "bad STATION_CODE '$station'"
user=${user:-local-$role}
[[ $user =~ ^[A-Za-z0-9._@-]{1,128}$ ]] || fail "bad NAME '$user' (letters, digits, . _ @ -)"
[[ $ttl =~ ^[1-9][0-9]{0,8}$ ]] || fail "bad --ttl '$ttl' (seconds, 1 or more)"
((ttl <= max_ttl)) || fail "--ttl $ttl is above $max_ttl seconds: the services refuse tokens that live longer"
if [[ $role == service ]]; then
    key=${LOCAL_SERVICE_TOKEN_KEY:-$here/keys/service-private.pem}
    issuer=union-aid-service
    kid=union-aid-service
fi
[[ -r $key ]] || fail "cannot read the signing key $key"
command -v openssl >/dev/null || fail "needs openssl"

base64url() {
    openssl base64 -A | tr '+/' '-_' | tr -d '='
}

now=$(date +%s)
jti=$(openssl rand -hex 16)
header="{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"$kid\"}"
payload="{\"iss\":\"$issuer\",\"sub\":\"$user\",\"upn\":\"$user\",\"groups\":[\"$role\"]"
[[ -z $station ]] || payload+=",\"station\":\"$station\""
payload+=",\"iat\":$now,\"exp\":$((now + ttl)),\"jti\":\"$jti\"}"

signing_input="$(printf '%s' "$header" | base64url).$(printf '%s' "$payload" | base64url)"
signature=$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$key" -binary | base64url)
printf '%s.%s\n' "$signing_input" "$signature"
