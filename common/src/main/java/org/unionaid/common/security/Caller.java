package org.unionaid.common.security;

import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/** Who is calling: the token's subject, roles and, for station staff, their station. */
@RequestScoped
public class Caller {

    private final JsonWebToken token;

    Caller(JsonWebToken token) {
        this.token = token;
    }

    public String subject() {
        return token.getSubject() != null ? token.getSubject() : token.getName();
    }

    public boolean is(String role) {
        return token.getGroups() != null && token.getGroups().contains(role);
    }

    /** A clerk's station; callers with a city-wide role have none and see every station. */
    public Optional<String> station() {
        if (!is(Roles.CLERK) || is(Roles.REVIEWER) || is(Roles.ADMIN) || is(Roles.FINANCE) || is(Roles.SERVICE)) {
            return Optional.empty();
        }
        Object claim = token.getClaim("station");
        String code = claim == null ? null : claim.toString().replace("\"", "");
        // A clerk without a station sees nothing rather than everything.
        return Optional.of(code == null || code.isBlank() ? "\u0000none" : code);
    }
}
