package org.unionaid.registry.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.registry.domain.BankDetails;

import java.util.List;

/** What the bank-account API takes and gives. */
public final class BankAccountDtos {

    /**
     * Text that goes into a bank file (a CSV the bank's portal reads and finance may open in a spreadsheet): no
     * control characters (line breaks and tabs included), no invisible format characters, no line or paragraph
     * separators, and no leading = + - @ that a spreadsheet would run as a formula.
     */
    static final String BANK_FILE_TEXT = "(?!\\s*[=+\\-@])[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]*";

    private BankAccountDtos() {
    }

    @Schema(description = "The file holder's own bank account, where bank transfers of his aid go")
    public record BankAccountInput(
            @Schema(example = "中国工商银行北京朝阳支行") @NotBlank @Size(max = 100)
            @Pattern(regexp = BANK_FILE_TEXT, message = "{bankAccount.text}") String bankName,
            @Schema(example = "6222021234567890123", description = "Digits only, 12 to 30 of them", maxLength = 30)
            @NotNull @Pattern(regexp = "[0-9]{12,30}", message = "{bankAccount.accountNumber}") String accountNumber,
            @Schema(example = "张三", description = "The name on the file") @NotBlank @Size(max = 50)
            @Pattern(regexp = BANK_FILE_TEXT, message = "{bankAccount.text}") String accountName) {

        BankDetails details() {
            return new BankDetails(bankName.trim(), accountNumber, accountName.trim());
        }
    }

    @Schema(description = "The files whose accounts a service reads for a bank file: at most " + LOOKUP_MAX + " ids")
    public record BankAccountLookup(@NotNull @Size(max = LOOKUP_MAX) List<@NotNull @Positive Long> workerIds) {
    }

    /** At most this many files per bulk read: a bank file of 10,000 payouts is read in ten calls. */
    public static final int LOOKUP_MAX = 1000;

    @Schema(description = "The accounts of the files asked for that have one (full numbers); the others are absent")
    public record BankAccountLookupAnswer(List<BankAccountOfFile> items) {
    }

    public record BankAccountOfFile(long workerId, String bankName,
                                    @Schema(description = "The full number: this read is for a service only") String accountNumber,
                                    String accountName) {
    }

}
