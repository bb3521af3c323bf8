package org.unionaid.registry.service;

import jakarta.enterprise.context.RequestScoped;
import org.unionaid.common.security.Caller;

import java.util.Optional;

/**
 * What part of the station tree the caller may see: a clerk, his station and those below it
 * (a path prefix); city-wide roles, everything (empty). A clerk whose token names no station, or
 * one that does not exist, sees nothing: his reads find no file (404, empty lists) and his writes
 * name a station out of his scope (403). No query is sent for such a scope.
 */
@RequestScoped
public class StationScope {

    private final Caller caller;
    private final StationService stations;
    private Optional<String> prefix;
    private boolean nothing;

    StationScope(Caller caller, StationService stations) {
        this.caller = caller;
        this.stations = stations;
    }

    public Optional<String> prefix() {
        if (prefix == null) {
            Optional<String> station = caller.station();
            Optional<String> path = station.filter(StationScope::plain).flatMap(stations::pathOf);
            nothing = station.isPresent() && path.isEmpty();
            prefix = station.isPresent() ? Optional.of(path.orElse("")) : Optional.empty();
        }
        return prefix;
    }

    /** A clerk whose station is missing or unknown: nothing is in scope. */
    public boolean seesNothing() {
        prefix();
        return nothing;
    }

    public boolean covers(String stationPath) {
        return !seesNothing() && prefix().map(stationPath::startsWith).orElse(true);
    }

    /** A code that can be a station's (no control characters such as NUL, which PostgreSQL refuses). */
    private static boolean plain(String code) {
        return !code.isBlank() && code.length() <= 32 && code.chars().noneMatch(Character::isISOControl);
    }
}
