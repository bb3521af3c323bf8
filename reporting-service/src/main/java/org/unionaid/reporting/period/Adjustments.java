package org.unionaid.reporting.period;

import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.reporting.service.Figures;
import org.unionaid.reporting.service.ReportQuery;
import org.unionaid.reporting.service.ReportService;

import java.math.BigDecimal;
import java.util.List;

/**
 * What reached closed periods after they were closed: for each, its live household figures minus its
 * frozen ones under the report's filters (no grouping). Person-times and amounts add up: the frozen
 * figures plus the adjustment are the period's figures now. Persons do not: {@code persons} is the change
 * in the closed period's own distinct persons, not persons to add to the open period's.
 */
@ApplicationScoped
public class Adjustments {

    /** One closed period's adjustment; null figures when either side is suppressed (a small group). */
    public record Adjustment(String period, Long personTimes, Long persons, BigDecimal amount) {
    }

    private final ReportService reports;

    Adjustments(ReportService reports) {
        this.reports = reports;
    }

    public List<Adjustment> of(ReportQuery q, List<ClosedPeriod> adjusted) {
        return adjusted.stream().map(c -> of(q, c)).toList();
    }

    private Adjustment of(ReportQuery q, ClosedPeriod closed) {
        ReportQuery within = new ReportQuery(List.of(), closed.period().first(), closed.period().last(), q.projects(),
                q.station(), null, q.category(), q.cause(), q.enterprise(), null);
        Figures.Totals live = reports.summary(within, null).households();
        Figures.Totals frozen = reports.summary(within, closed.period().schema()).households();
        if (live == null || frozen == null) {
            return new Adjustment(closed.period().key(), null, null, null);
        }
        return new Adjustment(closed.period().key(), live.personTimes() - frozen.personTimes(),
                live.persons() - frozen.persons(), live.amount().subtract(frozen.amount()));
    }
}
