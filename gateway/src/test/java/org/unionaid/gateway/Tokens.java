package org.unionaid.gateway;

import io.smallrye.jwt.build.Jwt;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Set;

/** Tokens the gateway must refuse; good ones come from TestTokens. */
final class Tokens {

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
