package org.unionaid.common.client;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Tokens with the role {@code service} for calls to other services, signed with this
 * service's key (union-aid.service-token.key-location), renewed before they expire.
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
                  @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "union-aid-local") String issuer,
                  @ConfigProperty(name = "quarkus.application.name", defaultValue = "union-aid") String subject) {
        this.keyLocation = keyLocation;
        this.issuer = issuer;
        this.subject = subject;
    }

    public synchronized String bearer() {
        if (Instant.now().isAfter(renewAfter)) {
            String location = keyLocation.orElseThrow(() ->
                    new IllegalStateException("union-aid.service-token.key-location is not configured"));
            token = Jwt.issuer(issuer).subject(subject).groups(Set.of("service"))
                    .expiresIn(LIFETIME).jws().sign(location);
            renewAfter = Instant.now().plus(LIFETIME.dividedBy(2));
        }
        return "Bearer " + token;
    }
}
