package org.unionaid.common.security;

import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.util.Set;

/**
 * What a verified token must also satisfy before anyone is let in: issued in the past (within the
 * clock skew), for no longer than the configured maximum, with a subject short enough to be stored
 * as who did something, and the role {@code service} only from the services' own issuer.
 * smallrye-jwt checks the signature, issuer, audience and expiry; it does not refuse an {@code iat}
 * in the future.
 */
public final class TokenPolicy {

    /** The issuer of service-to-service tokens, signed with the services' own key. */
    public static final String SERVICE_ISSUER = "union-aid-service";
    /** Who did something is stored in varchar(200) columns. */
    public static final int MAX_SUBJECT_LENGTH = 200;

    private final Duration clockSkew;
    private final Duration maxLifetime;

    public TokenPolicy(Duration clockSkew, Duration maxLifetime) {
        this.clockSkew = clockSkew;
        this.maxLifetime = maxLifetime;
    }

    /** Throws when a verified user (or, with {@code service} true, service) token may not be used. */
    public void check(JsonWebToken jwt, boolean service, long nowSeconds) throws ParseException {
        long issuedAt = jwt.getIssuedAtTime();
        long expires = jwt.getExpirationTime();
        if (issuedAt <= 0) {
            throw new ParseException("the token has no iat");
        }
        if (issuedAt > nowSeconds + clockSkew.toSeconds()) {
            throw new ParseException("the token is issued in the future");
        }
        if (expires - issuedAt > maxLifetime.toSeconds()) {
            throw new ParseException("the token lives longer than " + maxLifetime);
        }
        String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH
                || subject.chars().anyMatch(Character::isISOControl)) {
            throw new ParseException("the token's subject is missing, too long or not plain text");
        }
        Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
        if (service && !groups.equals(Set.of(Roles.SERVICE))) {
            throw new ParseException("a service token carries the role service alone");
        }
        if (!service && groups.contains(Roles.SERVICE)) {
            throw new ParseException("the role service comes from service tokens only");
        }
    }
}
