package org.unionaid.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.time.Duration;
import java.util.Set;

/** Bearer tokens signed with the local development key, as deploy/local/token.sh makes them. */
public final class TestTokens {

    public static final String ISSUER = "union-aid-local";
    private static final String PRIVATE_KEY = "keys/dev-private.pem";

    private TestTokens() {
    }

    public static String token(String role) {
        return token(role, null, "test-" + role);
    }

    public static String clerk(String stationCode) {
        return token("clerk", stationCode, "test-clerk-" + stationCode);
    }

    public static String token(String role, String stationCode, String subject) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .expiresIn(Duration.ofHours(1));
        if (stationCode != null) {
            claims.claim("station", stationCode);
        }
        return claims.jws().keyId("union-aid-local").sign(PRIVATE_KEY);
    }

    public static String bearer(String role) {
        return "Bearer " + token(role);
    }
}
