package org.unionaid.common.security;

import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/** Who is calling: the token's subject, roles and, for station staff, their station. */
@RequestScoped
public class Caller {

    /**
     * The station of a clerk whose token names none, and the station path prefix of a clerk whose
     * station does not exist: no code or path equals or starts with it, so such a clerk sees
     * nothing rather than everything. Plain text, so it can go to the database like any value.
     */
    public static final String NO_STATION = "\u2205";

    /** The token's claim that names a clerk's station. */
    static final String STATION_CLAIM = "station";

    private final JsonWebToken token;
    private final VerifiedTokens verifiedTokens;

    Caller(JsonWebToken token, VerifiedTokens verifiedTokens) {
        this.token = token;
        this.verifiedTokens = verifiedTokens;
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
        Object claim = verifiedTokens.station(token);
        String code = claim == null ? null : claim.toString().replace("\"", "");
        boolean plain = code != null && !code.isBlank() && code.length() <= 64
                && code.chars().noneMatch(Character::isISOControl);
        return Optional.of(plain ? code : NO_STATION);
    }
}
