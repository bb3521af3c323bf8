package org.unionaid.gateway.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * What the staff console at / needs to sign in: the OIDC issuer (a Keycloak realm URL such as
 * https://id.example.org/realms/union-aid) and its public client. Given to the browser by
 * GET /console/config.json, so one build of the console serves every installation.
 */
@ConfigMapping(prefix = "union-aid.console")
public interface ConsoleConfig {

    /** The issuer's URL as the browser reaches it; empty: the console says sign-in is not configured. */
    Optional<String> issuer();

    @WithDefault("union-aid-console")
    String clientId();
}
