package org.unionaid.registry.rest;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.registry.domain.Cause;
import org.unionaid.registry.domain.ChangeRequestStatus;
import org.unionaid.registry.rest.WorkerDtos.Accident;
import org.unionaid.registry.rest.WorkerDtos.AccidentInput;
import org.unionaid.registry.rest.WorkerDtos.HouseholdInput;
import org.unionaid.registry.rest.WorkerDtos.Member;

import java.math.BigDecimal;
import java.time.Instant;
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

    public record Decision(@NotNull Boolean approve, @Size(max = 500) String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProposedHousehold(int size,
                                    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal yearlyIncome,
                                    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rigidCosts,
                                    List<Member> members) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProposedView(ProposedHousehold household, Accident accident, Cause mainCause, List<Cause> otherCauses,
                               String stationCode) {
    }

    public record ChangeRequestView(
            Long id, Long fileId, ChangeRequestStatus status, List<String> changedFields,
            @Schema(description = "The proposed values; null in lists (they decrypt nothing) and for roles that do not see a file's personal data")
            ProposedView changes,
            String reason, int baseVersion, String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt,
            String decisionReason) {
    }
}
