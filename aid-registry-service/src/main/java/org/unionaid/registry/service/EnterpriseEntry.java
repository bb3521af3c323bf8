package org.unionaid.registry.service;

import org.unionaid.registry.domain.EnterpriseStatus;

import java.time.LocalDate;

/** A new enterprise, mapped from the request at the resource edge; {@code statusSince} null: today. */
public record EnterpriseEntry(String name, String creditCode, EnterpriseStatus status, LocalDate statusSince,
                              boolean keyEnterprise) {
}
