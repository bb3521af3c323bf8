package org.unionaid.registry.service;

import org.unionaid.registry.domain.EnterpriseStatus;

import java.time.LocalDate;

/** Changes to an enterprise, mapped from the request at the resource edge; a null field stays as it is. */
public record EnterpriseChanges(String name, EnterpriseStatus status, LocalDate statusSince, Boolean keyEnterprise,
                                String reason) {
}
