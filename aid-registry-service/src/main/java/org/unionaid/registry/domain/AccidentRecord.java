package org.unionaid.registry.domain;

import java.time.LocalDate;

/** A sudden accident that caused the hardship, stored sealed with the household. */
public record AccidentRecord(LocalDate date, AccidentKind kind, String description) {
}
