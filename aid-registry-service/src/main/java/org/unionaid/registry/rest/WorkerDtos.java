package org.unionaid.registry.rest;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.registry.domain.AccidentKind;
import org.unionaid.registry.domain.Category;
import org.unionaid.registry.domain.Cause;
import org.unionaid.registry.domain.CheckStep;
import org.unionaid.registry.domain.ExitReason;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.Relation;
import org.unionaid.registry.domain.Sex;
import org.unionaid.registry.rest.BankAccountDtos.BankAccountChangeView;
import org.unionaid.registry.rest.BankAccountDtos.BankAccountView;
import org.unionaid.registry.rest.validation.FromYear1900;
import org.unionaid.registry.rest.validation.ResidentIdNumber;
import org.unionaid.registry.service.view.MergedFile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the hardship-file API takes and gives. Money is yuan with two decimals, as strings. */
public final class WorkerDtos {

    private WorkerDtos() {
    }

    public record MemberInput(
            @Schema(description = "Kept on update to keep the member's id; new members have none") Integer id,
            @NotNull Relation relation,
            @NotBlank @Size(max = 50) String name,
            @NotNull @PastOrPresent @FromYear1900 LocalDate birthDate,
            boolean student,
            @Size(max = 100) String school,
            @Size(max = 20) String grade,
            boolean ill,
            boolean disabled) {
    }

    public record HouseholdInput(
            @Valid @Size(max = 29) List<@NotNull MemberInput> members,
            @Schema(example = "36000.00") @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2, message = "{money.format}") BigDecimal yearlyIncome,
            @Schema(example = "12000.00") @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2, message = "{money.format}") BigDecimal rigidCosts) {
    }

    public record AccidentInput(
            @NotNull @PastOrPresent @FromYear1900 LocalDate date,
            @NotNull AccidentKind kind,
            @Size(max = 500) String description) {
    }

    @Schema(description = "A new hardship file, entered by station staff")
    public record NewWorker(
            @Schema(example = "张三") @NotBlank @Size(max = 50) String name,
            @Schema(example = "11010519491231002X") @NotBlank @ResidentIdNumber String idNumber,
            @Schema(example = "13800000000") @Pattern(regexp = "[0-9+ -]{5,20}") String phone,
            @Schema(example = "C01-D01-S01") @NotBlank @Size(max = 32) String stationCode,
            Long enterpriseId,
            boolean migrantWorker,
            @PastOrPresent @FromYear1900 LocalDate labourRelationSince,
            @NotNull @Valid HouseholdInput household,
            @NotNull Cause mainCause,
            @Size(max = 7) List<@NotNull Cause> otherCauses,
            @Valid AccidentInput accident,
            @Schema(description = "Open a TEMPORARY file for one emergency relief") boolean temporary) {
    }

    @Schema(description = "Changes to a file; fields left out stay as they are")
    public record WorkerPatch(
            @Size(min = 1, max = 50) String name,
            @Pattern(regexp = "[0-9+ -]{5,20}") String phone,
            @Size(min = 1, max = 32) String stationCode,
            Long enterpriseId,
            Boolean migrantWorker,
            @PastOrPresent @FromYear1900 LocalDate labourRelationSince,
            @Valid HouseholdInput household,
            Cause mainCause,
            @Size(max = 7) List<@NotNull Cause> otherCauses,
            @Valid AccidentInput accident) {
    }

    public record Member(Integer id, Relation relation, String name, LocalDate birthDate, boolean student,
                         String school, String grade, boolean ill, boolean disabled) {
    }

    public record Accident(LocalDate date, AccidentKind kind, String description) {
    }

    public record HouseholdView(
            int size,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal yearlyIncome,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rigidCosts,
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
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal perCapitaMonthlyIncome,
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

    @Schema(description = "A merge of a duplicate file into this one, by a reviewer: the other file becomes CANCELLED and its aid counts for this one")
    public record Merge(
            @Schema(description = "The id of the duplicate file that is merged into this one") @NotNull Long from,
            @NotBlank @Size(max = 500) String reason) {
    }

    /** A list row: no decryption needed to show it. */
    public record WorkerSummary(Long id, String name, String idNumber, String stationCode, Long enterpriseId,
                                Category category, Cause mainCause, FileStatus status, boolean migrantWorker,
                                Instant createdAt, LocalDate nextReviewDue, boolean exitProposed,
                                Instant lastAidedAt) {
    }

    public record Lookup(@NotBlank @ResidentIdNumber String idNumber) {
    }

    public record Transition(
            @NotNull FileStatus to,
            @Size(max = 500) String reason,
            ExitReason exitReason) {
    }

    public record Review(
            @NotNull @Valid HouseholdInput household,
            @Size(max = 1000) String note) {
    }

    public record NewCheck(
            @NotNull CheckStep step,
            @NotNull Boolean passed,
            Boolean consentSigned,
            @Schema(description = "PUBLIC_NOTICE: the notice starts when it is recorded (today, Asia/Shanghai); may be left out, any other date is refused")
            LocalDate noticeStart,
            @Schema(description = "PUBLIC_NOTICE: set by the registry to noticeStart + the configured days (5); may be left out, any other date is refused")
            LocalDate noticeEnd,
            Boolean objection,
            @Size(max = 1000) String note) {
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
                               @Schema(description = "The old and new value of each changed field ({field: {before, after}}), kept sealed; null for entries without values")
                               com.fasterxml.jackson.databind.JsonNode changes) {
    }

    public record AccessEntry(Long id, Instant at, String actor,
                              @Schema(description = "What was read: VIEW, LOOKUP, LIST, CHECKS, HISTORY, BANK_ACCOUNT (masked), BANK_ACCOUNT_FULL (a service's read of the full account number), or the answer of CREATE, UPDATE, TRANSITION, REVIEW, BANK_ACCOUNT_SET")
                              String purpose,
                              @Schema(description = "Whether the read showed the full ID number (reviewers)")
                              boolean fullIdNumber) {
    }
}
