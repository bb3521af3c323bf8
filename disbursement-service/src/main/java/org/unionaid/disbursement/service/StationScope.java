package org.unionaid.disbursement.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.common.security.Caller;
import org.unionaid.disbursement.client.Registry;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Station scoping as in the registry: a clerk sees what lies at or below his station, i.e. whose
 * station path starts with his station's path. Paths come from the registry and are cached:
 * stations are created, never moved.
 */
@ApplicationScoped
public class StationScope {

    /** Matches no path: a clerk whose station is unknown sees nothing. */
    static final String NOTHING = org.unionaid.common.security.Caller.NO_STATION;

    private final Registry registry;
    private final Caller caller;
    private final ConcurrentMap<String, String> paths = new ConcurrentHashMap<>();

    StationScope(Registry registry, Caller caller) {
        this.registry = registry;
        this.caller = caller;
    }

    /** The path prefix the caller is limited to; empty for city-wide roles. */
    public Optional<String> prefix() {
        return caller.station().map(this::pathOf);
    }

    public boolean sees(String stationPath) {
        return prefix().map(p -> stationPath != null && stationPath.startsWith(p)).orElse(true);
    }

    public String pathOf(String stationCode) {
        if (stationCode.startsWith(NOTHING)) {
            return NOTHING;
        }
        String known = paths.get(stationCode);
        if (known != null) {
            return known;
        }
        Optional<String> path = registry.station(stationCode).map(s -> s.path());
        path.ifPresent(p -> paths.put(stationCode, p));
        return path.orElse(NOTHING);
    }
}
