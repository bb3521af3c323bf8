package org.unionaid.registry.service.view;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.registry.domain.Enterprise;
import org.unionaid.registry.domain.EnterpriseStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** An enterprise and an entry of its history, as answers show them. */
public final class EnterpriseViews {

    private EnterpriseViews() {
    }

    public record EnterpriseView(Long id, String name, String creditCode, EnterpriseStatus status, LocalDate statusSince,
                                 boolean keyEnterprise) {
        public static EnterpriseView of(Enterprise e) {
            return new EnterpriseView(e.id, e.name, e.creditCode, e.status, e.statusSince, e.keyEnterprise);
        }
    }

    public record EnterpriseEvent(Long id, Instant at, String actor,
                                  @Schema(description = "CREATED or UPDATED") String action,
                                  @Schema(description = "{field: {before, after}} of each field set or changed",
                                          type = SchemaType.OBJECT, additionalProperties = FieldChange.class)
                                  Map<String, Object> changes,
                                  String reason) {
    }
}
