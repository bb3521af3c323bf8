package org.unionaid.registry.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Yearly reviews: the decision a reviewer takes, and a review as answers show it. */
public final class ReviewDtos {

    private ReviewDtos() {
    }

    @Schema(description = "Within the line: approve applies the figures, false rejects them (reason required). "
            + "Above the line: approve exits the file (INCOME_ABOVE_LINE), false keeps it (reason required).")
    public record ReviewDecision(@NotNull Boolean approve, @Size(max = 500) String reason) {
    }

}
