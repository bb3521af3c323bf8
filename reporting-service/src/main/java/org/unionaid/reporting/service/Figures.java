package org.unionaid.reporting.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Figures as the report service computes them, before they are dressed for JSON or CSV. */
public final class Figures {

    private Figures() {
    }

    public record Totals(long personTimes, long persons, BigDecimal amount) {
    }

    public record Grants(long count, BigDecimal amount) {
    }

    /** One project's figures: person-aid has personTimes and persons, grants have grants. */
    public record ProjectFigures(String project, String beneficiary, Long personTimes, Long persons, Long grants,
                                 BigDecimal amount) {
    }

    /** {@code households} is null when suppressed (a small group singled out by the query). */
    public record Summary(Totals households, Grants enterpriseGrants, Grants stationGrants,
                          List<ProjectFigures> projects) {
    }

    /** {@code totals} is null when suppressed. */
    public record Aid(List<Map<String, Object>> items, Totals totals) {
    }
}
