#!/usr/bin/env bash
# Prints a bearer token signed with the local development key (keys/dev-private.pem),
# which every service of a local run accepts. Needs only bash and openssl. The role service
# is a service-to-service token: issuer union-aid-service, signed with the services' own local
# key (keys/service-private.pem); the services take it on feeds and the gateway refuses it.
#
#   token.sh ROLE [STATION_CODE] [--user NAME] [--ttl SECONDS] [--issuer ISSUER]
#
# ROLE: clerk, reviewer, finance, analyst, admin or service. A clerk works at one
# station: give its code. NAME is the subject (default local-ROLE); SECONDS the
# lifetime (default 3600).
# ISSUER: --issuer, else TOKEN_ISSUER, else the one of the local run under way (run.sh with
# Keycloak writes it to data/token.env: its realm's issuer, e.g.
# http://localhost:8180/realms/union-aid), else union-aid-local. The local realm signs with this
# same key, so under its issuer the token carries Keycloak's key id for it and passes the JWKS.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
key=${LOCAL_TOKEN_KEY:-$here/keys/dev-private.pem}
issuer=union-aid-local
kid=union-aid-local
max_ttl=86400 # the services refuse tokens that live longer (JWT_MAX_LIFETIME, 24 h)
roles=(clerk reviewer finance analyst admin service)

usage() {
    echo "usage: $(basename "$0") ROLE [STATION_CODE] [--user NAME] [--ttl SECONDS] [--issuer ISSUER]" >&2
    echo "       ROLE is one of: ${roles[*]}" >&2
    exit 2
}

fail() {
    echo "token.sh: $*" >&2
    exit 2
}

role= station= user= ttl=3600 issuer_given=${TOKEN_ISSUER:-}
while (($#)); do
    case $1 in
        --issuer) (($# >= 2)) || usage; issuer_given=$2; shift 2 ;;
        --issuer=*) issuer_given=${1#*=}; shift ;;
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
# The issuer of the local run under way, when run.sh started Keycloak (a line TOKEN_ISSUER=...).
run_issuer=$here/data/token.env
if [[ -z $issuer_given && -r $run_issuer ]]; then
    issuer_given=$(sed -n 's/^TOKEN_ISSUER=//p' "$run_issuer" | head -n 1)
fi
if [[ -n $issuer_given && $issuer_given != "$issuer" ]]; then
    [[ $issuer_given =~ ^https?://[A-Za-z0-9.:/_-]{1,200}$ ]] || fail "bad issuer '$issuer_given' (an http(s) URL)"
    issuer=$issuer_given
    kid=keycloak
fi
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

# Keycloak names an imported RSA key by the base64url SHA-256 of its public key (DER).
if [[ $kid == keycloak ]]; then
    kid=$(openssl pkey -in "$key" -pubout -outform DER 2>/dev/null | openssl dgst -sha256 -binary | base64url)
    [[ -n $kid ]] || fail "cannot read the public key of $key"
fi

now=$(date +%s)
jti=$(openssl rand -hex 16)
header="{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"$kid\"}"
payload="{\"iss\":\"$issuer\",\"sub\":\"$user\",\"upn\":\"$user\",\"groups\":[\"$role\"]"
[[ -z $station ]] || payload+=",\"station\":\"$station\""
payload+=",\"iat\":$now,\"exp\":$((now + ttl)),\"jti\":\"$jti\"}"

signing_input="$(printf '%s' "$header" | base64url).$(printf '%s' "$payload" | base64url)"
signature=$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$key" -binary | base64url)
printf '%s.%s\n' "$signing_input" "$signature"
