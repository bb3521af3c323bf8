package org.unionaid.registry.service.view;

import com.fasterxml.jackson.annotation.JsonFormat;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.registry.domain.AccidentKind;
import org.unionaid.registry.domain.Category;
import org.unionaid.registry.domain.Cause;
import org.unionaid.registry.domain.CheckStep;
import org.unionaid.registry.domain.ExitReason;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.Relation;
import org.unionaid.registry.domain.Sex;
import org.unionaid.registry.service.view.BankAccountViews.BankAccountChangeView;
import org.unionaid.registry.service.view.BankAccountViews.BankAccountView;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The hardship-file answers the services give and rest serialises: a file, its household, list rows, checks, history, access log. */
public final class WorkerViews {

    private WorkerViews() {
    }

    public record Member(Integer id, Relation relation, String name, LocalDate birthDate, boolean student,
                         String school, String grade, boolean ill, boolean disabled) {
    }

    public record Accident(LocalDate date, AccidentKind kind, String description) {
    }

    public record HouseholdView(
            int size,
            @Schema(type = SchemaType.STRING, example = "1000.00", description = "Yuan with 2 decimals") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal yearlyIncome,
            @Schema(type = SchemaType.STRING, example = "1000.00", description = "Yuan with 2 decimals") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rigidCosts,
            List<Member> members) {
    }

    public record WorkerView(
            Long id, String name,
            @Schema(description = "Masked to its last four (**************1234) unless the caller is a reviewer")
            String idNumber,
            @Schema(description = "The head's birth year (the birth date is the middle of the ID number)")
            int birthYear,
            @Schema(description = "Only with the full ID number (reviewers); null for every other role, as the full date next to the masked number would give the number back")
            LocalDate birthDate,
            Sex sex, String phone,
            String stationCode, String stationPath, Long enterpriseId,
            boolean migrantWorker, LocalDate labourRelationSince,
            HouseholdView household,
            Category category,
            @Schema(type = SchemaType.STRING, example = "1000.00", description = "Yuan with 2 decimals") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal perCapitaMonthlyIncome,
            Cause mainCause, List<Cause> otherCauses, Accident accident,
            FileStatus status, String statusReason, ExitReason exitReason,
            Instant createdAt, String createdBy, Instant updatedAt, Instant activatedAt, Instant closedAt,
            Instant lastReviewedAt, LocalDate nextReviewDue,
            @Schema(description = "A yearly review found the household above the line: no person-aid until a reviewer exits or keeps the file")
            boolean exitProposed,
            @Schema(description = "When the household's latest aid not reversed was paid (disbursement's payout feed); null when never aided")
            Instant lastAidedAt,
            int version,
            @Schema(description = "The holder's bank account, its number masked for every role; null when none is set")
            BankAccountView bankAccount,
            @Schema(description = "The file this one was merged into (it is then CANCELLED); null unless merged")
            Long mergedInto,
            @Schema(description = "The files merged into this one, with their household members paired to this file's members of the same person; ids only")
            List<MergedFile> mergedFrom) {
    }

    /** A list row: no decryption needed to show it. */
    public record WorkerSummary(Long id, String name, String idNumber, String stationCode, Long enterpriseId,
                                Category category, Cause mainCause, FileStatus status, boolean migrantWorker,
                                Instant createdAt, LocalDate nextReviewDue, boolean exitProposed,
                                Instant lastAidedAt) {
    }

    public record CheckView(Long id, CheckStep step, boolean passed, Boolean consentSigned, LocalDate noticeStart,
                            @Schema(description = "PUBLIC_NOTICE: the day the notice has run its days; it passes from that day on")
                            LocalDate noticeEnd, Boolean objection, String note, String recordedBy,
                            Instant recordedAt) {
    }

    public record HistoryEntry(Long id, Instant at, String actor, String action, FileStatus fromStatus,
                               FileStatus toStatus, String reason,
                               @Schema(description = "A yearly review's note (REVIEW entries)") String note,
                               List<String> changedFields,
                               @Schema(description = "A change of the bank account (BANK_ACCOUNT entries): before and after, masked")
                               BankAccountChangeView bankAccount,
                               @Schema(description = "The old and new value of each changed field ({field: {before, after}}), kept sealed; null for entries without values",
                                       implementation = java.util.Map.class, additionalProperties = FieldChange.class)
                               com.fasterxml.jackson.databind.JsonNode changes) {
    }

    public record AccessEntry(Long id, Instant at, String actor,
                              @Schema(description = "What was read: VIEW, LOOKUP, LIST, CHECKS, HISTORY, BANK_ACCOUNT (masked), BANK_ACCOUNT_FULL (a service's read of the full account number), or the answer of CREATE, UPDATE, TRANSITION, REVIEW, BANK_ACCOUNT_SET")
                              String purpose,
                              @Schema(description = "Whether the read showed the full ID number (reviewers)")
                              boolean fullIdNumber) {
    }
}
