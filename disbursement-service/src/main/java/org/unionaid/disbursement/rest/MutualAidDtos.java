package org.unionaid.disbursement.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.unionaid.disbursement.domain.PaidBy;
import org.unionaid.disbursement.service.Enrolments;
import org.unionaid.disbursement.service.MutualAidPlans;

import java.math.BigDecimal;
import java.util.List;

/** What the medical mutual-aid API (/api/v1/mutual-aid) takes and gives besides the service's views. */
public final class MutualAidDtos {

    private MutualAidDtos() {
    }

    /** The ID number is checked (check character, birth date) by the enrolment itself: 422 naming idNumber. */
    public record NewEnrolment(
            @NotBlank @Size(max = 40) @Pattern(regexp = Dtos.NO_NUL, message = Dtos.NO_NUL_MESSAGE) String idNumber,
            @NotBlank @Size(max = 100) @Pattern(regexp = Dtos.NO_NUL, message = Dtos.NO_NUL_MESSAGE) String name,
            @NotNull @Positive Long enterpriseId,
            @NotNull @Min(2000) @Max(2200) Integer year,
            @Positive @Digits(integer = 12, fraction = 2) BigDecimal premium,
            @NotNull PaidBy paidBy) {

        Enrolments.Line line() {
            return new Enrolments.Line(1, idNumber, name, premium == null ? null : premium.toPlainString(), paidBy.name());
        }

        @Override
        public String toString() {
            return "NewEnrolment[enterpriseId=" + enterpriseId + ", year=" + year + "]";
        }
    }

    public record PlanInput(
            @NotNull @Positive @Digits(integer = 12, fraction = 2) BigDecimal premium,
            @NotNull @Min(0) @Max(366) Integer waitingDays,
            @NotNull @Positive @DecimalMax("1") @Digits(integer = 1, fraction = 4) BigDecimal share,
            @NotNull @Positive @Digits(integer = 12, fraction = 2) BigDecimal perClaimCap,
            @NotNull @Positive @Digits(integer = 12, fraction = 2) BigDecimal yearlyCapPerMember) {

        MutualAidPlans.Plan plan() {
            return new MutualAidPlans.Plan(premium, waitingDays, share, perClaimCap, yearlyCapPerMember);
        }
    }

    public record PlanList(List<MutualAidPlans.PlanView> items) {
    }

    /** As the registry takes a file's account: digits only, 12 to 30; the account in the member's name. */
    @Schema(name = "MemberBankAccountInput", description = "A mutual-aid member's own bank account")
    public record BankAccountInput(
            @NotBlank @Size(max = 100) @Pattern(regexp = Dtos.NO_NUL, message = Dtos.NO_NUL_MESSAGE) String bankName,
            @Schema(maxLength = 30) @NotBlank @Pattern(regexp = "[0-9]{12,30}", message = "{bankAccount.accountNumber}") String accountNumber,
            @NotBlank @Size(max = 100) @Pattern(regexp = Dtos.NO_NUL, message = Dtos.NO_NUL_MESSAGE) String accountName) {

        @Override
        public String toString() {
            return "BankAccountInput[sealed]";
        }
    }

    /** A line of a bulk enrolment; idNumber masked; problem and detail when REFUSED. */
    public record BulkItem(int line, Enrolments.Outcome result, Long enrolmentId, String idNumber, String problem,
                           String field, String detail) {
    }

    public record BulkResult(long enterpriseId, int year, int enrolled, int alreadyEnrolled, int refused, List<BulkItem> items) {
    }
}
