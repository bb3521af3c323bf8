package org.unionaid.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.time.Duration;
import java.util.Set;

/**
 * Bearer tokens as deploy/local/token.sh makes them: user tokens signed with the local development
 * key (issuer union-aid-local), and for the role {@code service} a service token signed with the
 * services' own local key (issuer union-aid-service), as the services make them for each other.
 */
public final class TestTokens {

    public static final String ISSUER = "union-aid-local";
    public static final String SERVICE_ISSUER = "union-aid-service";
    public static final String PRIVATE_KEY = "keys/dev-private.pem";
    public static final String SERVICE_PRIVATE_KEY = "keys/service-private.pem";

    private TestTokens() {
    }

    public static String token(String role) {
        return token(role, null, "test-" + role);
    }

    public static String clerk(String stationCode) {
        return token("clerk", stationCode, "test-clerk-" + stationCode);
    }

    public static String token(String role, String stationCode, String subject) {
        boolean service = "service".equals(role);
        JwtClaimsBuilder claims = Jwt.issuer(service ? SERVICE_ISSUER : ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .expiresIn(Duration.ofHours(1));
        if (stationCode != null) {
            claims.claim("station", stationCode);
        }
        return service
                ? claims.jws().keyId(SERVICE_ISSUER).sign(SERVICE_PRIVATE_KEY)
                : claims.jws().keyId(ISSUER).sign(PRIVATE_KEY);
    }

    /**
     * A user token as Keycloak's realm union-aid (deploy/keycloak) signs them in a local run or a
     * test: the same development key under Keycloak's key id for it, issued by {@code issuer} (the
     * realm's, e.g. {@link KeycloakServer#issuer()}), so a system that trusts that realm's JWKS takes it.
     */
    public static String token(String issuer, String role, String stationCode, String subject) {
        if ("service".equals(role)) {
            throw new IllegalArgumentException("service tokens have their own issuer: token(\"service\")");
        }
        JwtClaimsBuilder claims = Jwt.issuer(issuer)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .expiresIn(Duration.ofHours(1));
        if (stationCode != null) {
            claims.claim("station", stationCode);
        }
        return claims.jws().keyId(KeycloakServer.DEV_KEY_ID).sign(PRIVATE_KEY);
    }

    public static String bearer(String role) {
        return "Bearer " + token(role);
    }
}
