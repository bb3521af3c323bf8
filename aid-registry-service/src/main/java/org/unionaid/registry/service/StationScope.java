package org.unionaid.registry.service;

import jakarta.enterprise.context.RequestScoped;
import org.unionaid.common.security.Caller;

import java.util.Optional;

/**
 * What part of the station tree the caller may see: a clerk, his station and those below it
 * (a path prefix); city-wide roles, everything (empty).
 */
@RequestScoped
public class StationScope {

    /** A prefix no path has: a clerk whose station does not exist sees nothing. */
    private static final String NOTHING = "\u0000";

    private final Caller caller;
    private final StationService stations;
    private Optional<String> prefix;

    StationScope(Caller caller, StationService stations) {
        this.caller = caller;
        this.stations = stations;
    }

    public Optional<String> prefix() {
        if (prefix == null) {
            prefix = caller.station().map(code -> stations.pathOf(code).orElse(NOTHING));
        }
        return prefix;
    }

    public boolean covers(String stationPath) {
        return prefix().map(stationPath::startsWith).orElse(true);
    }
}
