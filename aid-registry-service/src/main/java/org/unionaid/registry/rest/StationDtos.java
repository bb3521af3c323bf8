package org.unionaid.registry.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.registry.domain.StationLevel;
import org.unionaid.registry.service.StationEntry;

/** What the stations API takes and gives. */
public final class StationDtos {

    private StationDtos() {
    }

    public record NewStation(
            @Schema(example = "C01-D01-S01", maxLength = 32) @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,32}", message = "{station.code.pattern}") String code,
            @NotBlank @Size(max = 200) String name,
            @Schema(example = "C01-D01", maxLength = 32) @Pattern(regexp = "[A-Za-z0-9_-]{1,32}", message = "{station.code.pattern}") String parentCode,
            @NotNull StationLevel level) {

        StationEntry entry() {
            return new StationEntry(code, name, parentCode, level);
        }
    }

}
