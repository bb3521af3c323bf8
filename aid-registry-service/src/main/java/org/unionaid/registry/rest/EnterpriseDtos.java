package org.unionaid.registry.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.registry.domain.Enterprise;
import org.unionaid.registry.domain.EnterpriseStatus;
import org.unionaid.registry.rest.validation.CreditCode;

public final class EnterpriseDtos {

    private EnterpriseDtos() {
    }

    public record NewEnterprise(
            @Schema(example = "城东机械厂") @NotBlank @Size(max = 200) String name,
            @Schema(example = "91350100M000100Y43") @NotBlank @CreditCode String creditCode,
            @NotNull EnterpriseStatus status,
            boolean keyEnterprise) {
    }

    public record EnterpriseView(Long id, String name, String creditCode, EnterpriseStatus status,
                                 boolean keyEnterprise) {
        public static EnterpriseView of(Enterprise e) {
            return new EnterpriseView(e.id, e.name, e.creditCode, e.status, e.keyEnterprise);
        }
    }
}
