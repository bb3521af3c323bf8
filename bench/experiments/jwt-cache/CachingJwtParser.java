package org.unionaid.registry.config;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Bench experiment (not in the service): a token verified once is remembered until it expires,
 * for at most 5 minutes, as the gateway's TokenVerifier does, so repeated requests with the same
 * bearer token skip the RSA verification. Copied into an export of the registry by
 * bench/experiments/jwt-cache.sh.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser extends DefaultJWTParser {

    private static final int MAX = 20_000;
    private static final long REMEMBER_MILLIS = 5 * 60_000L;
    private final ConcurrentHashMap<String, Entry> verified = new ConcurrentHashMap<>();

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis();
        Entry known = verified.get(token);
        if (known != null && now < known.until()) {
            return known.jwt();
        }
        JsonWebToken jwt = super.parse(token);
        if (verified.size() >= MAX) {
            verified.clear();
        }
        verified.put(token, new Entry(jwt, Math.min(jwt.getExpirationTime() * 1000L, now + REMEMBER_MILLIS)));
        return jwt;
    }

    private record Entry(JsonWebToken jwt, long until) {
    }
}
