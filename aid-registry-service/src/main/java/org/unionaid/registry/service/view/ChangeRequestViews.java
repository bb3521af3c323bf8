package org.unionaid.registry.service.view;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.registry.domain.Cause;
import org.unionaid.registry.domain.ChangeRequestStatus;
import org.unionaid.registry.service.view.WorkerViews.Accident;
import org.unionaid.registry.service.view.WorkerViews.Member;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A change request as answers show it, with the values it proposes. */
public final class ChangeRequestViews {

    private ChangeRequestViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProposedHousehold(int size,
                                    @Schema(type = SchemaType.STRING, example = "1000.00", description = "Yuan with 2 decimals") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal yearlyIncome,
                                    @Schema(type = SchemaType.STRING, example = "1000.00", description = "Yuan with 2 decimals") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rigidCosts,
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
