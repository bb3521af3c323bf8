package org.unionaid.registry.rest;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.registry.domain.Category;
import org.unionaid.registry.domain.ReviewOutcome;
import org.unionaid.registry.domain.ReviewStatus;
import org.unionaid.registry.rest.WorkerDtos.HouseholdView;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Yearly reviews: the decision a reviewer takes, and a review as answers show it. */
public final class ReviewDtos {

    private ReviewDtos() {
    }

    @Schema(description = "Within the line: approve applies the figures, false rejects them (reason required). "
            + "Above the line: approve exits the file (INCOME_ABOVE_LINE), false keeps it (reason required).")
    public record ReviewDecision(@NotNull Boolean approve, @Size(max = 500) String reason) {
    }

    public record ReviewView(
            Long id, Long fileId,
            @Schema(description = "PENDING until a reviewer decides; APPLIED or REJECTED within the line, EXITED or KEPT above it")
            ReviewStatus status,
            ReviewOutcome outcome,
            @Schema(description = "The category the figures gave when filed; null above the line")
            Category category,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal perCapitaMonthlyIncome,
            @Schema(description = "The household as reviewed")
            HouseholdView household,
            @Schema(description = "The file's: true while a review above the line waits for a reviewer")
            boolean exitProposed,
            @Schema(description = "The file's next review")
            LocalDate nextReviewDue,
            String filedBy, Instant filedAt, String decidedBy, Instant decidedAt, String decisionReason) {
    }

    @Schema(description = "A yearly review in the list across files: what a reviewer needs to find it, no household figures")
    public record ReviewRow(
            Long id, Long fileId,
            @Schema(description = "The file's station")
            String stationCode,
            ReviewStatus status,
            @Schema(description = "ABOVE_LINE: deciding exits or keeps the file; ELIGIBLE: deciding applies or rejects the figures")
            ReviewOutcome outcome,
            @Schema(description = "The file's: true while a review above the line waits for a reviewer")
            boolean exitProposed,
            String filedBy, Instant filedAt, String decidedBy, Instant decidedAt) {
    }
}
