package org.unionaid.gateway.security;

import io.quarkus.logging.Log;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks bearer tokens (signature, issuer, expiry: the mp.jwt.verify.* settings the services
 * use too). A token that passed is remembered until it expires, for at most a few minutes, so
 * a caller's following requests cost a map lookup instead of an RSA verification.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final int MAX_REMEMBERED = 20_000;
    private static final long REMEMBER_MILLIS = 5 * 60_000L;

    private final JWTParser parser;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    TokenVerifier(JWTParser parser) {
        this.parser = parser;
    }

    /** The caller named by a valid token, or empty when the token is missing or not valid. */
    public Optional<String> subjectOf(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        long now = System.currentTimeMillis();
        Verified known = verified.get(token);
        if (known != null && now < known.validUntil()) {
            return Optional.of(known.subject());
        }
        return verify(token, now);
    }

    private Optional<String> verify(String token, long now) {
        try {
            JsonWebToken jwt = parser.parse(token);
            String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
            if (subject == null) {
                subject = "token:" + Integer.toHexString(token.hashCode());
            }
            long validUntil = Math.min(jwt.getExpirationTime() * 1000L, now + REMEMBER_MILLIS);
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(token, new Verified(subject, validUntil));
            return Optional.of(subject);
        } catch (ParseException e) {
            Log.debugf("Refused a bearer token: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private record Verified(String subject, long validUntil) {
    }
}
