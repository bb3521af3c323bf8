package org.unionaid.common.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies bearer tokens: user tokens with the mp.jwt.verify.* settings (the identity provider's
 * key), service tokens (issuer union-aid.service-token.issuer) with the services' own public key
 * (union-aid.service-token.public-key-location), each by a parser of its own so that neither key
 * ever verifies the other's tokens; then the {@link TokenPolicy}.
 * <p>
 * A token that passed is remembered until it expires, for at most 5 minutes, so that a caller's
 * repeated requests skip the RSA check (measured in bench/: a fifth of a GET's CPU). Only tokens
 * that passed are remembered, keyed by the whole token string; a token that fails is verified again
 * every time.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {

    private static final int MAX_REMEMBERED = 20_000;
    private static final long REMEMBER_MILLIS = 5 * 60_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final String serviceIssuer;
    private final Optional<String> serviceKeyLocation;
    private final TokenPolicy policy;
    private volatile DefaultJWTParser serviceParser;

    @Inject
    JWTAuthContextInfo userContext;

    VerifiedTokens(@ConfigProperty(name = "union-aid.service-token.issuer", defaultValue = TokenPolicy.SERVICE_ISSUER) String serviceIssuer,
                   @ConfigProperty(name = "union-aid.service-token.public-key-location") Optional<String> serviceKeyLocation,
                   @ConfigProperty(name = "union-aid.jwt.clock-skew", defaultValue = "30s") Duration clockSkew,
                   @ConfigProperty(name = "union-aid.jwt.max-lifetime", defaultValue = "24h") Duration maxLifetime) {
        this.serviceIssuer = serviceIssuer;
        this.serviceKeyLocation = serviceKeyLocation;
        this.policy = new TokenPolicy(clockSkew, maxLifetime);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis();
        Verified known = verified.get(token);
        if (known != null && now < known.until()) {
            return known.jwt();
        }
        boolean service = serviceIssuer.equals(unverifiedIssuer(token));
        JsonWebToken jwt = service ? serviceParser().parse(token) : super.parse(token);
        policy.check(jwt, service, now / 1000);
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        long until = Math.min(jwt.getExpirationTime() * 1000L, now + REMEMBER_MILLIS);
        if (until > now) {
            verified.put(token, new Verified(jwt, until, jwt.getClaim(Caller.STATION_CLAIM)));
        }
        return jwt;
    }

    private DefaultJWTParser serviceParser() throws ParseException {
        DefaultJWTParser parser = serviceParser;
        if (parser == null) {
            String location = serviceKeyLocation.orElseThrow(() ->
                    new ParseException("service tokens are not accepted: union-aid.service-token.public-key-location is not set"));
            JWTAuthContextInfo context = new JWTAuthContextInfo(userContext);
            context.setIssuedBy(serviceIssuer);
            context.setPublicKeyLocation(location);
            context.setPublicKeyContent(null);
            context.setExpectedAudience(null);
            // its own factory: a parser keeps the key resolver of the first context it saw
            parser = new DefaultJWTParser(context, new DefaultJWTCallerPrincipalFactory());
            serviceParser = parser;
        }
        return parser;
    }

    /** The iss claim as written, read only to choose the key that must verify the token. */
    private static String unverifiedIssuer(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0) {
            return null;
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            JsonNode iss = JSON.readTree(new String(payload, StandardCharsets.UTF_8)).get("iss");
            return iss != null && iss.isTextual() ? iss.asText() : null;
        } catch (Exception e) {
            return null; // the real parse refuses it
        }
    }

    /**
     * The station claim of a token, as read when it was verified. smallrye-jwt's {@code getClaim} of a claim that
     * is not a standard one throws and catches an exception inside ({@code Claims.valueOf}): a clerk's every
     * request paid that (4 % of the registry's CPU per clerk GET in bench/README.md, target 10); now each token
     * pays it once. A token not remembered here is read as before.
     */
    Object station(JsonWebToken token) {
        String raw = token.getRawToken();
        Verified known = raw == null ? null : verified.get(raw);
        return known != null ? known.station() : token.getClaim(Caller.STATION_CLAIM);
    }

    private record Verified(JsonWebToken jwt, long until, Object station) {
    }
}
