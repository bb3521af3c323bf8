package org.unionaid.registry.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.unionaid.registry.domain.StationLevel;
import org.unionaid.registry.service.StationEntry;

/** What the stations API takes and gives. */
public final class StationDtos {

    private StationDtos() {
    }

    public record NewStation(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,32}", message = "{station.code.pattern}") String code,
            @NotBlank @Size(max = 200) String name,
            @Pattern(regexp = "[A-Za-z0-9_-]{1,32}", message = "{station.code.pattern}") String parentCode,
            @NotNull StationLevel level) {

        StationEntry entry() {
            return new StationEntry(code, name, parentCode, level);
        }
    }

}
