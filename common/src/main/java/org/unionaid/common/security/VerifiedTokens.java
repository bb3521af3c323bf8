package org.unionaid.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers a bearer token once its signature, issuer and expiry have been verified, until it
 * expires and for at most 5 minutes, so that a caller's repeated requests skip the RSA check
 * (measured in bench/: a fifth of a GET's CPU). Only tokens that passed are remembered, keyed by
 * the whole token string; a token that fails is verified again every time.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {

    private static final int MAX_REMEMBERED = 20_000;
    private static final long REMEMBER_MILLIS = 5 * 60_000L;

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis();
        Verified known = verified.get(token);
        if (known != null && now < known.until()) {
            return known.jwt();
        }
        JsonWebToken jwt = super.parse(token);
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        long until = Math.min(jwt.getExpirationTime() * 1000L, now + REMEMBER_MILLIS);
        if (until > now) {
            verified.put(token, new Verified(jwt, until));
        }
        return jwt;
    }

    private record Verified(JsonWebToken jwt, long until) {
    }
}
