package org.unionaid.common.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The bearer scheme as it is: an RS256 JWT without OAuth scopes. SmallRye writes the roles of {@code @RolesAllowed}
 * as scopes; they move to {@code x-roles} and the operation's description.
 */
final class BearerRoles {

    private BearerRoles() {
    }

    /** Roles are not OAuth scopes of a bearer token: the requirement keeps no scopes, the roles go to x-roles. */
    static void rolesOutOfScopes(Operation operation) {
        if (operation.getSecurity() == null) {
            return;
        }
        Set<String> roles = new LinkedHashSet<>();
        List<SecurityRequirement> plain = new ArrayList<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            SecurityRequirement without = OASFactory.createSecurityRequirement();
            requirement.getSchemes().forEach((scheme, scopes) -> {
                if (scopes != null) {
                    roles.addAll(scopes);
                }
                without.addScheme(scheme);
            });
            plain.add(without);
        }
        operation.setSecurity(plain);
        if (!roles.isEmpty()) {
            operation.addExtension(ContractFilter.ROLES_EXTENSION, new ArrayList<>(roles));
            String line = "Roles: " + String.join(", ", roles) + ".";
            String description = operation.getDescription();
            if (description == null || description.isBlank()) {
                operation.setDescription(line);
            } else if (!description.contains(line)) {
                operation.setDescription(description + "\n\n" + line);
            }
        }
    }

    static void bearerWithoutScopes(Components components) {
        if (components.getSecuritySchemes() == null) {
            return;
        }
        for (SecurityScheme scheme : components.getSecuritySchemes().values()) {
            if (scheme.getType() == SecurityScheme.Type.HTTP) {
                scheme.setScheme("bearer");
                scheme.setBearerFormat("JWT");
                scheme.setDescription("An RS256 JWT of the identity provider; the roles are its groups claim "
                        + "(clerk, reviewer, finance, analyst, admin, service), a clerk's station its station claim. "
                        + "Each operation names the roles it allows in x-roles.");
            }
        }
    }
}
