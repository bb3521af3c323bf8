package org.unionaid.registry.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.registry.domain.AccidentKind;
import org.unionaid.registry.domain.Cause;
import org.unionaid.registry.domain.CheckStep;
import org.unionaid.registry.domain.ExitReason;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.Relation;
import org.unionaid.registry.rest.validation.FromYear1900;
import org.unionaid.registry.rest.validation.ResidentIdNumber;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What the hardship-file API takes and gives. Money is yuan with two decimals, as strings. */
public final class WorkerDtos {

    /** An amount of yuan as the contract states it: at most 12 digits and 2 decimals (a JSON number is taken too). */
    public static final String MONEY = "^[0-9]{1,12}(\\.[0-9]{1,2})?$";
    static final String MONEY_TEXT = "Yuan, at most 12 digits and 2 decimals, as a string (a JSON number is taken too)";
    /** The 18-character resident ID number: 17 digits and a check character (the check and the birth date are verified). */
    public static final String ID_NUMBER = "^[0-9]{17}[0-9Xx]$";
    static final String PHONE = "[0-9+ -]{5,20}";

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
            @Size(max = 29) List<@NotNull @Valid MemberInput> members,
            @Schema(type = SchemaType.STRING, pattern = MONEY, example = "36000.00", description = MONEY_TEXT) @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2, message = "{money.format}") BigDecimal yearlyIncome,
            @Schema(type = SchemaType.STRING, pattern = MONEY, example = "12000.00", description = MONEY_TEXT) @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2, message = "{money.format}") BigDecimal rigidCosts) {
    }

    public record AccidentInput(
            @NotNull @PastOrPresent @FromYear1900 LocalDate date,
            @NotNull AccidentKind kind,
            @Size(max = 500) String description) {
    }

    @Schema(description = "A new hardship file, entered by station staff")
    public record NewWorker(
            @Schema(example = "张三") @NotBlank @Size(max = 50) String name,
            @Schema(example = "11010519491231002X", pattern = ID_NUMBER, minLength = 18, maxLength = 18) @NotBlank @ResidentIdNumber String idNumber,
            @Schema(example = "13800000000", maxLength = 20) @Pattern(regexp = PHONE) String phone,
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
            @Schema(maxLength = 20) @Pattern(regexp = PHONE) String phone,
            @Size(min = 1, max = 32) String stationCode,
            Long enterpriseId,
            Boolean migrantWorker,
            @PastOrPresent @FromYear1900 LocalDate labourRelationSince,
            @Valid HouseholdInput household,
            Cause mainCause,
            @Size(max = 7) List<@NotNull Cause> otherCauses,
            @Valid AccidentInput accident) {
    }

    @Schema(description = "A merge of a duplicate file into this one, by a reviewer: the other file becomes CANCELLED and its aid counts for this one")
    public record Merge(
            @Schema(description = "The id of the duplicate file that is merged into this one") @NotNull Long from,
            @NotBlank @Size(max = 500) String reason) {
    }

    public record Lookup(@Schema(example = "11010519491231002X", pattern = ID_NUMBER, minLength = 18, maxLength = 18)
                         @NotBlank @ResidentIdNumber String idNumber) {
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

}
