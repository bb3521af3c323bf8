package org.unionaid.reporting.period;

import java.time.Instant;
import java.util.Map;

/** A closed period: who closed it when, with what note, and the feed positions (and asOf) its figures are frozen at. */
public record ClosedPeriod(ReportPeriod period, Instant closedAt, String closedBy, String note,
                           Map<String, Long> positions, Instant asOf) {
}
