package org.unionaid.gateway;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Tokens the gateway must refuse, and tokens of chosen times; everyday good ones come from TestTokens. */
final class Tokens {

    static final String USER_ISSUER = "union-aid-local";
    static final String SERVICE_ISSUER = "union-aid-service";
    private static final String USER_KEY = "keys/dev-private.pem";
    private static final String SERVICE_KEY = "keys/service-private.pem";

    private Tokens() {
    }

    static String expired() {
        Instant now = Instant.now();
        return "Bearer " + Jwt.issuer("union-aid-local").subject("late-clerk").groups(Set.of("clerk"))
                .issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(3600))
                .jws().keyId("union-aid-local").sign("keys/dev-private.pem");
    }

    static String otherIssuer() {
        return "Bearer " + Jwt.issuer("someone-else").subject("stranger").groups(Set.of("admin"))
                .jws().keyId("union-aid-local").sign("keys/dev-private.pem");
    }

    /** A service token as the services make them: issuer union-aid-service, the service key. */
    static String service() {
        return "Bearer " + Jwt.issuer(SERVICE_ISSUER).subject("disbursement").groups(Set.of("service"))
                .expiresIn(Duration.ofMinutes(5)).jws().sign(SERVICE_KEY);
    }

    /** A user-key token that claims group service (services no longer take those; the gateway never did). */
    static String serviceGroupFromUserKey() {
        return "Bearer " + Jwt.issuer(USER_ISSUER).subject("pod-minted").groups(Set.of("service"))
                .jws().keyId("union-aid-local").sign(USER_KEY);
    }

    /** Claims to come from the services but signed by a key of nobody's. */
    static String serviceIssuerOtherKey() {
        return "Bearer " + Jwt.issuer(SERVICE_ISSUER).subject("forger").groups(Set.of("service"))
                .jws().sign(strangeKey());
    }

    /** A clerk's user token with these times (epoch seconds) and audience (none when null). */
    static String clerk(String subject, long issuedAt, long expiresAt, String audience) {
        JwtClaimsBuilder claims = Jwt.issuer(USER_ISSUER).subject(subject).upn(subject).groups(Set.of("clerk"))
                .claim("station", "C01").issuedAt(issuedAt).expiresAt(expiresAt);
        if (audience != null) {
            claims.audience(audience);
        }
        return "Bearer " + claims.jws().keyId("union-aid-local").sign(USER_KEY);
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    private static PrivateKey strangeKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return "Bearer " + Jwt.issuer("union-aid-local").subject("forger").groups(Set.of("admin"))
                    .jws().keyId("union-aid-local").sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
