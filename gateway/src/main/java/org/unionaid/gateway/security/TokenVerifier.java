package org.unionaid.gateway.security;

import io.quarkus.logging.Log;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks bearer tokens (signature, issuer, expiry: the mp.jwt.verify.* settings the services
 * use too). A token that passed is remembered until it expires, for at most a few minutes, so
 * a caller's following requests cost a map lookup instead of an RSA verification.
 * Keys read from a file are checked right on the event loop (tens of microseconds); keys
 * fetched over HTTP (a JWKS URL) may block while they load or refresh, so those checks run
 * on a worker thread.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final int MAX_REMEMBERED = 20_000;
    private static final long REMEMBER_MILLIS = 5 * 60_000L;
    private static final Future<Optional<String>> NONE = Future.succeededFuture(Optional.empty());

    private final JWTParser parser;
    private final Vertx vertx;
    private final boolean remoteKeys;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    TokenVerifier(JWTParser parser, Vertx vertx,
                  @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation) {
        this.parser = parser;
        this.vertx = vertx;
        this.remoteKeys = keyLocation.map(location -> location.toLowerCase(Locale.ROOT).startsWith("http")).orElse(false);
    }

    /**
     * The caller named by a valid token, as the key its requests are counted by ("sub:" and the
     * token's subject); empty when the token is missing or not valid. A remembered token's answer
     * is made once and handed out as is: a request that repeats a token allocates nothing here.
     */
    public Future<Optional<String>> callerOf(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return NONE;
        }
        // keyed by the header as sent: no copy of the token per request
        Verified known = verified.get(authorization);
        if (known != null && System.currentTimeMillis() < known.validUntil()) {
            return known.caller();
        }
        if (remoteKeys) {
            return vertx.executeBlocking(() -> verify(authorization), false);
        }
        return Future.succeededFuture(verify(authorization));
    }

    private Optional<String> verify(String authorization) {
        String token = authorization.substring(7).trim();
        try {
            JsonWebToken jwt = parser.parse(token);
            String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
            if (subject == null) {
                subject = "token:" + Integer.toHexString(token.hashCode());
            }
            Optional<String> caller = Optional.of("sub:" + subject);
            long validUntil = Math.min(jwt.getExpirationTime() * 1000L, System.currentTimeMillis() + REMEMBER_MILLIS);
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(authorization, new Verified(Future.succeededFuture(caller), validUntil));
            return caller;
        } catch (ParseException e) {
            Log.debugf("Refused a bearer token: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private record Verified(Future<Optional<String>> caller, long validUntil) {
    }
}
