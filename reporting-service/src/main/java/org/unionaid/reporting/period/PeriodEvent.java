package org.unionaid.reporting.period;

import java.time.Instant;

/** One entry of the closed periods' history: a CLOSE (with its note) or a REOPEN (with its reason). */
public record PeriodEvent(long id, String period, String action, String actor, Instant at, String text) {
}
