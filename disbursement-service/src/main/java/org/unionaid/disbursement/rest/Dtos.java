package org.unionaid.disbursement.rest;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.disbursement.domain.Application;
import org.unionaid.disbursement.domain.ApplicationStatus;
import org.unionaid.disbursement.domain.Beneficiary;
import org.unionaid.disbursement.domain.Channel;
import org.unionaid.disbursement.domain.OncePer;
import org.unionaid.disbursement.domain.Payout;
import org.unionaid.disbursement.domain.PayoutStatus;
import org.unionaid.disbursement.domain.Project;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the disbursement API takes and gives. Amounts are yuan, at most 2 decimals, and leave
 * as strings with 2 decimals ("4000.00").
 */
public final class Dtos {

    /** No NUL: PostgreSQL stores no NUL in text, and a 500 is never the answer to bad input. */
    static final String NO_NUL = "[^\\x00]*";
    /** Its text in ValidationMessages(_zh).properties: shown in the caller's language. */
    static final String NO_NUL_MESSAGE = "{text.noNul}";

    /** Yuan as the contract states them: at most 12 digits and 2 decimals, as a string (a JSON number is taken too). */
    static final String MONEY = "^[0-9]{1,12}(\\.[0-9]{1,2})?$";
    static final String MONEY_TEXT = "Yuan: at most 12 digits and 2 decimals, as a string (a JSON number is taken too)";
    /** Months of 低保: at most 4 digits and 2 decimals. */
    static final String MONTHS = "^[0-9]{1,4}(\\.[0-9]{1,2})?$";
    /** A percentage: 0 to 100 with at most 2 decimals. */
    static final String PERCENT = "^[0-9]{1,3}(\\.[0-9]{1,2})?$";
    /** What an answer's amounts are: yuan with 2 decimals, as strings. */
    static final String MONEY_OUT = "Yuan with 2 decimals, as a string";

    /** What an application's details may hold: the contract documents the map, as its fields depend on the project. */
    static final String DETAILS_TEXT = "The evidence the project needs, a map of at most 20 fields named by 1 to 40 letters and digits"
            + " (nested at most 3 deep). Every project takes note and source (texts), its evidence keys (a text or a list of at"
            + " most 50 texts) and, with a share basis, that basis (an amount). Besides: SERIOUS_ILLNESS medicalBills (evidence),"
            + " outOfPocket and totalCost (amounts, outOfPocket not above totalCost), hospital (text), visits (a whole count 0 to"
            + " 100000); MEDICAL_MUTUAL_AID medicalBills, outOfPocket, totalCost, hospital, mutualAidMembership (evidence);"
            + " GOLDEN_AUTUMN studentMemberId (the student's member id), schoolLevel, schoolYear, school (texts), admissionNotice"
            + " (evidence); ACCIDENT_RELIEF accidentReport (evidence), accidentDate (text), loss (amount); FESTIVAL_WARMTH"
            + " campaign; KEY_ENTERPRISE supportPlan; SKILLS_TRAINING trainingCertificate, trainingCost (amount), course;"
            + " EMPLOYMENT_AID placementOutcome, employer; STATION_STANDARDISATION checklist (evidence, or an object of at most"
            + " 20 items each true, false or a text). Texts at most 500 characters; amounts as for money. Any other field is a"
            + " 400 naming it.";

    private Dtos() {
    }

    /**
     * The rules of a project; null means no such limit (beneficiary: null keeps it). Months count the
     * city's monthly 低保 of the application's year, "Deep" for DEEP files, "Other" for the rest.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ProjectRules(
            Beneficiary beneficiary,
            @Schema(type = SchemaType.STRING, pattern = MONEY, example = "5000.00", description = MONEY_TEXT) @Positive @Digits(integer = 12, fraction = 2) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal payoutCap,
            @Schema(type = SchemaType.STRING, pattern = MONTHS, example = "6", description = "Months of 低保, at most 4 digits and 2 decimals, as a string") @Positive @Digits(integer = 4, fraction = 2) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal payoutCapMonthsDeep,
            @Schema(type = SchemaType.STRING, pattern = MONTHS, example = "6", description = "Months of 低保, at most 4 digits and 2 decimals, as a string") @Positive @Digits(integer = 4, fraction = 2) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal payoutCapMonthsOther,
            @Schema(type = SchemaType.STRING, pattern = MONEY, example = "5000.00", description = MONEY_TEXT) @Positive @Digits(integer = 12, fraction = 2) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal universityAmount,
            @Schema(type = SchemaType.STRING, pattern = MONEY, example = "5000.00", description = MONEY_TEXT) @Positive @Digits(integer = 12, fraction = 2) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal highSchoolAmount,
            @Schema(type = SchemaType.STRING, pattern = MONEY, example = "5000.00", description = MONEY_TEXT) @Positive @Digits(integer = 12, fraction = 2) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal yearlyCap,
            @Schema(type = SchemaType.STRING, pattern = MONTHS, example = "6", description = "Months of 低保, at most 4 digits and 2 decimals, as a string") @Positive @Digits(integer = 4, fraction = 2) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal yearlyCapMonthsDeep,
            @Schema(type = SchemaType.STRING, pattern = MONTHS, example = "6", description = "Months of 低保, at most 4 digits and 2 decimals, as a string") @Positive @Digits(integer = 4, fraction = 2) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal yearlyCapMonthsOther,
            @Schema(maxLength = 40) @Pattern(regexp = "[A-Za-z]{1,40}") String shareBasis,
            @Schema(type = SchemaType.STRING, pattern = PERCENT, example = "50", description = "A percentage above 0 and at most 100, 2 decimals at most, as a string") @Positive @DecimalMax("100") @Digits(integer = 3, fraction = 2) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal sharePercentDeep,
            @Schema(type = SchemaType.STRING, pattern = PERCENT, example = "50", description = "A percentage above 0 and at most 100, 2 decimals at most, as a string") @Positive @DecimalMax("100") @Digits(integer = 3, fraction = 2) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal sharePercentOther,
            @Schema(type = SchemaType.STRING, pattern = MONEY, example = "5000.00", description = MONEY_TEXT) @Positive @Digits(integer = 12, fraction = 2) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal lifetimeCap,
            @Schema(type = SchemaType.STRING, pattern = MONEY, example = "5000.00", description = MONEY_TEXT) @Positive @Digits(integer = 12, fraction = 2) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal secondApprovalAbove,
            OncePer oncePer,
            @NotNull Boolean countsAsAidItem,
            @NotNull Boolean acceptsTemporaryFile,
            @NotNull Boolean migrantOnly,
            @Schema(description = "The evidence keys an application's details must carry (at most 20, each 1 to 40 letters)")
            @Size(max = 20) List<@NotNull @Pattern(regexp = "[A-Za-z]{1,40}") String> evidence) {

        public static ProjectRules of(Project p) {
            return new ProjectRules(p.beneficiary, p.payoutCap, p.payoutCapMonthsDeep, p.payoutCapMonthsOther, p.universityAmount, p.highSchoolAmount, p.yearlyCap,
                    p.yearlyCapMonthsDeep, p.yearlyCapMonthsOther, p.shareBasis, p.sharePercentDeep,
                    p.sharePercentOther, p.lifetimeCap, p.secondApprovalAbove, p.oncePer, p.countsAsAidItem,
                    p.acceptsTemporaryFile, p.migrantOnly, p.evidenceKeys());
        }
    }

    public record ProjectView(String code, String nameZh, String nameEn, Beneficiary beneficiary, ProjectRules rules,
                              Instant updatedAt, String updatedBy) {
        public static ProjectView of(Project p) {
            return new ProjectView(p.code, p.nameZh, p.nameEn, p.beneficiary, ProjectRules.of(p), p.updatedAt, p.updatedBy);
        }
    }

    public record BudgetAllocation(
            @Schema(type = SchemaType.STRING, pattern = MONEY, example = "200000.00", description = MONEY_TEXT)
            @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 2) BigDecimal amount) {
    }

    /** Always allocated = reserved + paid + available. */
    public record BudgetView(String projectCode, int year,
                             @Schema(type = SchemaType.STRING, example = "4000.00", description = MONEY_OUT) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal allocated,
                             @Schema(type = SchemaType.STRING, example = "4000.00", description = MONEY_OUT) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal reserved,
                             @Schema(type = SchemaType.STRING, example = "4000.00", description = MONEY_OUT) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal paid,
                             @Schema(type = SchemaType.STRING, example = "4000.00", description = MONEY_OUT) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal available) {
    }

    public record BudgetList(List<BudgetView> items) {
    }

    /**
     * {@code year} is the budget year the application is charged to (default: this year in
     * China Standard Time). One of workerId, enterpriseId, stationCode, as the project pays.
     */
    public record NewApplication(
            @NotBlank @Size(max = 40) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String projectCode,
            @Positive Long workerId,
            @Positive Long enterpriseId,
            @Positive Long enrolmentId,
            @Schema(maxLength = 32) @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String stationCode,
            @Min(2000) @Max(2200) Integer year,
            @Schema(type = SchemaType.STRING, pattern = MONEY, example = "4000.00", description = MONEY_TEXT + "; more than 0")
            @NotNull @Positive @Digits(integer = 12, fraction = 2) BigDecimal requestedAmount,
            @Schema(implementation = Map.class, additionalProperties = Schema.True.class, maxProperties = 20, description = DETAILS_TEXT)
            @JsonDeserialize(using = DetailsDeserializer.class) Map<String, Object> details) {
    }

    @Schema(name = "ApplicationDecision", description = "A reviewer's decision: an approval needs the amount approved (a second approval may leave it out, or must repeat the first's); a rejection none")
    public record Decision(
            @NotNull Boolean approve,
            @Schema(type = SchemaType.STRING, pattern = MONEY, example = "4000.00", description = MONEY_TEXT + "; more than 0")
            @Positive @Digits(integer = 12, fraction = 2) BigDecimal amount,
            @Size(max = 1000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String reason) {
    }

    public record Cancellation(@NotBlank @Size(max = 1000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String reason) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ApplicationView(Long id, String projectCode, int year, Beneficiary beneficiary, Long workerId,
                                  Long enterpriseId, String stationCode, String category, String mainCause,
                                  @Schema(type = SchemaType.STRING, example = "4000.00", description = MONEY_OUT) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal requestedAmount,
                                  @Schema(type = SchemaType.STRING, example = "4000.00", description = MONEY_OUT) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
                                  @Schema(implementation = Map.class, additionalProperties = Schema.True.class, description = DETAILS_TEXT)
                                  Map<String, Object> details, ApplicationStatus status,
                                  String submittedBy, Instant submittedAt, String firstApprovedBy,
                                  Instant firstApprovedAt, String decidedBy, Instant decidedAt, String reason,
                                  Long enrolmentId, Long memberId) {
        public static ApplicationView of(Application a) {
            return new ApplicationView(a.id, a.projectCode, a.year, a.beneficiary, a.workerId, a.enterpriseId,
                    a.stationCode, a.category, a.mainCause, a.requestedAmount, a.amount, a.details, a.status,
                    a.submittedBy, a.submittedAt, a.firstApprovedBy, a.firstApprovedAt, a.decidedBy, a.decidedAt,
                    a.reason, a.enrolmentId, a.memberId);
        }
    }

    public record PayoutRequest(
            @NotNull @Positive Long applicationId,
            @NotNull Channel channel,
            @NotBlank @Size(max = 100) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String reference) {
    }

    /**
     * Each payout of a batch gets the reference {@code reference/applicationId}. An item PAID is one for which a
     * payout was made: its payoutStatus says PAID (cash) or ISSUED (a bank transfer, PAID once the bank says so). The contract's body is
     * {projectCode, applicationIds}; channel defaults to BANK_TRANSFER and reference to "batch-PROJECT".
     */
    public record PayoutBatch(
            @NotBlank @Size(max = 40) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String projectCode,
            Channel channel,
            @Size(min = 1, max = 80) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String reference,
            @NotEmpty @Size(max = 500) List<@NotNull @Positive Long> applicationIds) {

        public Channel channelOrDefault() {
            return channel == null ? Channel.BANK_TRANSFER : channel;
        }

        public String referenceOrDefault() {
            return reference == null ? "batch-" + projectCode : reference;
        }
    }

    public enum ItemResult { PAID, ALREADY_PAID, REFUSED }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchItem(long applicationId, ItemResult result, Long payoutId, PayoutStatus payoutStatus, String problem,
                            String detail, String rule) {
    }

    public record BatchResult(String projectCode, int paid, int alreadyPaid, int refused, List<BatchItem> items) {
    }

    /** A bank file of one project's ISSUED bank transfers (at most 10,000 a file). */
    public record BankFileRequest(
            @NotBlank @Size(max = 40) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String projectCode,
            @NotEmpty @Size(max = 10_000) List<@NotNull @Positive Long> payoutIds) {
    }

    public record Reversal(@NotBlank @Size(max = 1000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String reason,
                           @NotBlank @Size(max = 100) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String reference) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PayoutView(Long id, Long applicationId, String projectCode, int year, Long workerId,
                             @Schema(type = SchemaType.STRING, example = "4000.00", description = MONEY_OUT) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
                             Channel channel, String reference, PayoutStatus status, Instant issuedAt, String issuedBy,
                             Long bankFileId, Instant sentAt, Instant paidAt, String paidBy, Instant failedAt,
                             String failureMessage, String reversalReference, String reversalReason, Instant reversedAt,
                             String reversedBy) {
        public static PayoutView of(Payout p, Long workerId) {
            return new PayoutView(p.id, p.applicationId, p.projectCode, p.year, workerId, p.amount, p.channel,
                    p.reference, p.status, p.issuedAt, p.issuedBy, p.bankFileId, p.sentAt, p.paidAt, p.paidBy,
                    p.failedAt, p.failureMessage, p.reversalReference, p.reversalReason, p.reversedAt, p.reversedBy);
        }
    }
}
