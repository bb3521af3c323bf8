package org.unionaid.gateway.security;

import io.quarkus.logging.Log;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.PublicKey;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks bearer tokens. smallrye-jwt checks what its settings say (signature, issuer, expiry
 * within mp.jwt.verify.clock.skew, mp.jwt.verify.audiences when set, exp - iat at most
 * smallrye.jwt.time-to-live); this adds what it does not: an iat in the future (beyond the
 * skew) and a subject no service could store (over 200 characters, or with control characters).
 * Service tokens (group service, or signed with the service key under issuer union-aid-service)
 * are valid but not for clients: they are told apart so the gateway can answer 403 for them.
 * <p>
 * A token that passed is remembered until it expires, for at most a few minutes, so a caller's
 * following requests cost a map lookup instead of an RSA verification. Keys read from a file are
 * checked right on the event loop (tens of microseconds); keys fetched over HTTP (a JWKS URL) may
 * block while they load or refresh, so those checks run on a worker thread.
 */
@ApplicationScoped
public class TokenVerifier {

    public static final String SERVICE_GROUP = "service";
    /** The services' own columns for who did something hold 200 characters. */
    static final int MAX_SUBJECT_LENGTH = 200;
    private static final int MAX_REMEMBERED = 20_000;
    private static final long REMEMBER_MILLIS = 5 * 60_000L;
    private static final Future<Optional<Caller>> NONE = Future.succeededFuture(Optional.empty());

    /**
     * Who sent a request with a valid token: the key its requests are counted by ("sub:" and the
     * token's subject), and whether the token is a service token, which no client route accepts.
     */
    public record Caller(String key, boolean service) {
    }

    private final JWTParser parser;
    private final Vertx vertx;
    private final boolean remoteKeys;
    private final long skewSeconds;
    /** Verifies service tokens: the service key and issuer, otherwise the same rules; null without a key. */
    private final JWTAuthContextInfo serviceTokens;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    TokenVerifier(JWTParser parser, Vertx vertx, JWTAuthContextInfo userTokens,
                  @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation,
                  @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "30") long skewSeconds,
                  @ConfigProperty(name = "union-aid.service-token.public-key-location") Optional<String> serviceKeyLocation,
                  @ConfigProperty(name = "union-aid.service-token.issuer", defaultValue = "union-aid-service") String serviceIssuer) {
        this.parser = parser;
        this.vertx = vertx;
        this.remoteKeys = keyLocation.map(location -> location.toLowerCase(Locale.ROOT).startsWith("http")).orElse(false);
        this.skewSeconds = skewSeconds;
        this.serviceTokens = serviceKeyLocation.flatMap(TokenVerifier::readKey)
                .map(key -> serviceContext(userTokens, key, serviceIssuer)).orElse(null);
    }

    /**
     * The caller of a valid token; empty when the token is missing or not valid. A remembered
     * token's answer is made once and handed out as is: a request that repeats a token allocates
     * nothing here.
     */
    public Future<Optional<Caller>> callerOf(String authorization) {
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

    private Optional<Caller> verify(String authorization) {
        String token = authorization.substring(7).trim();
        JsonWebToken jwt;
        boolean service;
        try {
            jwt = parser.parse(token);
            service = jwt.getGroups() != null && jwt.getGroups().contains(SERVICE_GROUP);
        } catch (ParseException notAUserToken) {
            if (serviceTokens == null) {
                Log.debugf("Refused a bearer token: %s", notAUserToken.getMessage());
                return Optional.empty();
            }
            try {
                jwt = parser.parse(token, serviceTokens);
                service = true;
            } catch (ParseException notAServiceTokenEither) {
                Log.debugf("Refused a bearer token: %s", notAUserToken.getMessage());
                return Optional.empty();
            }
        }
        long now = System.currentTimeMillis();
        if (jwt.getIssuedAtTime() > now / 1000 + skewSeconds) {
            Log.debug("Refused a bearer token issued in the future");
            return Optional.empty();
        }
        String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
        if (subject == null) {
            subject = "token:" + Integer.toHexString(token.hashCode());
        } else if (!storable(subject)) {
            Log.debug("Refused a bearer token whose subject is too long or holds control characters");
            return Optional.empty();
        }
        Optional<Caller> caller = Optional.of(new Caller("sub:" + subject, service));
        long validUntil = Math.min(jwt.getExpirationTime() * 1000L, now + REMEMBER_MILLIS);
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(authorization, new Verified(Future.succeededFuture(caller), validUntil));
        return caller;
    }

    static boolean storable(String subject) {
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT_LENGTH) {
            return false;
        }
        for (int i = 0; i < subject.length(); i++) {
            if (Character.isISOControl(subject.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static Optional<PublicKey> readKey(String location) {
        try {
            return Optional.of(KeyUtils.readPublicKey(location));
        } catch (Exception e) {
            // service tokens are refused all the same, as invalid (401) instead of forbidden (403)
            Log.warnf("No service-token key at %s (%s): service tokens are refused as invalid tokens", location, e.toString());
            return Optional.empty();
        }
    }

    private static JWTAuthContextInfo serviceContext(JWTAuthContextInfo userTokens, PublicKey key, String issuer) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(userTokens);
        // a key given as such: the parser neither reads a location nor reuses the user key's resolver
        context.setPublicKeyLocation(null);
        context.setPublicKeyContent(null);
        context.setTokenKeyId(null);
        context.setPublicVerificationKey(key);
        context.setIssuedBy(issuer);
        return context;
    }

    private record Verified(Future<Optional<Caller>> caller, long validUntil) {
    }
}
