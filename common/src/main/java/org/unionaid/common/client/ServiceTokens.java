package org.unionaid.common.client;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.unionaid.common.security.Roles;
import org.unionaid.common.security.TokenPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Tokens with the role {@code service} for calls to other services, signed with the services'
 * own key (union-aid.service-token.key-location) under their own issuer
 * (union-aid.service-token.issuer), never with a key that signs user tokens: a pod holding this
 * key can mint service tokens only, and services accept the role {@code service} from this
 * issuer alone. Renewed before they expire.
 */
@ApplicationScoped
public class ServiceTokens {

    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private final Optional<String> keyLocation;
    private final String issuer;
    private final String subject;
    private volatile String token;
    private volatile Instant renewAfter = Instant.MIN;

    ServiceTokens(@ConfigProperty(name = "union-aid.service-token.key-location") Optional<String> keyLocation,
                  @ConfigProperty(name = "union-aid.service-token.issuer", defaultValue = TokenPolicy.SERVICE_ISSUER) String issuer,
                  @ConfigProperty(name = "quarkus.application.name", defaultValue = "union-aid") String subject) {
        this.keyLocation = keyLocation;
        this.issuer = issuer;
        this.subject = subject;
    }

    public synchronized String bearer() {
        if (Instant.now().isAfter(renewAfter)) {
            String location = keyLocation.orElseThrow(() ->
                    new IllegalStateException("union-aid.service-token.key-location is not configured"));
            token = Jwt.issuer(issuer).subject(subject).groups(Set.of(Roles.SERVICE))
                    .expiresIn(LIFETIME).jws().keyId(issuer).sign(location);
            renewAfter = Instant.now().plus(LIFETIME.dividedBy(2));
        }
        return "Bearer " + token;
    }
}
