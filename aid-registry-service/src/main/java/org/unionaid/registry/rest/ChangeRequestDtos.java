package org.unionaid.registry.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.registry.domain.Cause;
import org.unionaid.registry.rest.WorkerDtos.AccidentInput;
import org.unionaid.registry.rest.WorkerDtos.HouseholdInput;

import java.util.List;

/** Change requests of ACTIVE files: what they take and give. */
public final class ChangeRequestDtos {

    private ChangeRequestDtos() {
    }

    @Schema(description = "The fields an ACTIVE file changes only through a change request; any other field is refused (400 naming it)")
    public record Changes(@Valid HouseholdInput household, @Valid AccidentInput accident, Cause mainCause,
                          @Size(max = 7) List<@NotNull Cause> otherCauses, @Size(min = 1, max = 32) String stationCode) {
    }

    public record NewChangeRequest(@NotNull @Valid Changes changes, @Size(max = 500) String reason) {
    }

    @Schema(name = "ChangeRequestDecision", description = "A reviewer's decision: approve applies the change, false rejects it")
    public record Decision(@NotNull Boolean approve, @Size(max = 500) String reason) {
    }

}
