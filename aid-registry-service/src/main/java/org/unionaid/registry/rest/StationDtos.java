package org.unionaid.registry.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.unionaid.registry.domain.Station;
import org.unionaid.registry.domain.StationLevel;

/** What the stations API takes and gives. */
public final class StationDtos {

    private StationDtos() {
    }

    public record NewStation(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,32}", message = "{station.code.pattern}") String code,
            @NotBlank @Size(max = 200) String name,
            @Pattern(regexp = "[A-Za-z0-9_-]{1,32}", message = "{station.code.pattern}") String parentCode,
            @NotNull StationLevel level) {
    }

    /** {@code path} is the chain of codes from the city down ('/C01/D02/'), the prefix of every station below. */
    public record StationView(String code, String name, String parentCode, StationLevel level, String path) {
        public static StationView of(Station s) {
            return new StationView(s.code, s.name, s.parentCode, s.level, s.path);
        }
    }
}
