package org.unionaid.registry.service.view;

import org.unionaid.registry.domain.Station;
import org.unionaid.registry.domain.StationLevel;

/** A station as answers and the station feed show it. */
public final class StationViews {

    private StationViews() {
    }

    /** {@code path} is the chain of codes from the city down ('/C01/D02/'), the prefix of every station below. */
    public record StationView(String code, String name, String parentCode, StationLevel level, String path) {
        public static StationView of(Station s) {
            return new StationView(s.code, s.name, s.parentCode, s.level, s.path);
        }
    }
}
