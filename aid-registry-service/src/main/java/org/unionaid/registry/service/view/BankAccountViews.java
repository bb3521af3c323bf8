package org.unionaid.registry.service.view;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.registry.domain.BankAccountChange;
import org.unionaid.registry.domain.BankDetails;

/** A file's bank account as answers show it (masked but for the service read), and a change of it. */
public final class BankAccountViews {

    private BankAccountViews() {
    }

    public record BankAccountView(
            String bankName,
            @Schema(description = "Masked (6222***********0123: the first 4 and last 4 digits from 16 digits on, the last 4"
                    + " only below) in every answer but the service read of GET /api/v1/workers/{id}/bank-account")
            String accountNumber,
            String accountName) {

        public static BankAccountView of(BankDetails account) {
            return new BankAccountView(account.bankName(), account.accountNumber(), account.accountName());
        }
    }

    public record BankAccountChangeView(
            @Schema(description = "The account before the change, masked; null for the first account") BankAccountView before,
            @Schema(description = "The account after the change, masked") BankAccountView after) {

        public static BankAccountChangeView of(BankAccountChange change) {
            BankAccountChange masked = change.masked();
            return new BankAccountChangeView(masked.before() == null ? null : BankAccountView.of(masked.before()),
                    BankAccountView.of(masked.after()));
        }
    }
}
