package org.unionaid.registry.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.registry.domain.EnterpriseStatus;
import org.unionaid.registry.service.EnterpriseChanges;
import org.unionaid.registry.service.EnterpriseEntry;
import org.unionaid.registry.rest.validation.CreditCode;
import org.unionaid.registry.rest.validation.FromYear1900;

import java.time.LocalDate;

public final class EnterpriseDtos {

    private EnterpriseDtos() {
    }

    public record NewEnterprise(
            @Schema(example = "城东机械厂") @NotBlank @Size(max = 200) String name,
            @Schema(example = "91350100M000100Y43", pattern = "^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$", maxLength = 18,
                    description = "The unified social credit code: 18 characters, the last a check character (verified)")
            @NotBlank @CreditCode String creditCode,
            @NotNull EnterpriseStatus status,
            @Schema(description = "The day the status took effect; today (Asia/Shanghai) when left out")
            @PastOrPresent @FromYear1900 LocalDate statusSince,
            boolean keyEnterprise) {

        EnterpriseEntry entry() {
            return new EnterpriseEntry(name, creditCode, status, statusSince, keyEnterprise);
        }
    }

    @Schema(description = "Changes to an enterprise; fields left out stay as they are. A new status needs the day it took effect.")
    public record EnterprisePatch(
            @Size(min = 1, max = 200) String name,
            EnterpriseStatus status,
            @Schema(example = "2026-05-31", description = "With a new status: the day it took effect, not in the future and not before the last change")
            @PastOrPresent @FromYear1900 LocalDate statusSince,
            @Schema(description = "Reviewer or admin") Boolean keyEnterprise,
            @Size(max = 500) String reason) {

        EnterpriseChanges changes() {
            return new EnterpriseChanges(name, status, statusSince, keyEnterprise, reason);
        }
    }

}
