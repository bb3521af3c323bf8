package org.unionaid.registry.service.view;

import com.fasterxml.jackson.annotation.JsonFormat;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.registry.domain.Category;
import org.unionaid.registry.domain.ReviewOutcome;
import org.unionaid.registry.domain.ReviewStatus;
import org.unionaid.registry.service.view.WorkerViews.HouseholdView;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A yearly review as answers show it, and as a row of the list across files. */
public final class ReviewViews {

    private ReviewViews() {
    }

    public record ReviewView(
            Long id, Long fileId,
            @Schema(description = "PENDING until a reviewer decides; APPLIED or REJECTED within the line, EXITED or KEPT above it")
            ReviewStatus status,
            ReviewOutcome outcome,
            @Schema(description = "The category the figures gave when filed; null above the line")
            Category category,
            @Schema(type = SchemaType.STRING, example = "1000.00", description = "Yuan with 2 decimals") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal perCapitaMonthlyIncome,
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
