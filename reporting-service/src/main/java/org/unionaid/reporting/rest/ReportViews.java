package org.unionaid.reporting.rest;

import org.unionaid.reporting.service.Figures;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/** What the reports API answers. Amounts are decimal strings ("4000.00"), exact. */
public final class ReportViews {

    private ReportViews() {
    }

    /** A report's household totals; null figures and {@code suppressed} true when they would single someone out. */
    public record TotalsView(Long personTimes, Long persons, String amount, boolean suppressed) {
        static TotalsView of(Figures.Totals t) {
            return t == null ? new TotalsView(null, null, null, true)
                    : new TotalsView(t.personTimes(), t.persons(), t.amount().toPlainString(), false);
        }
    }

    public record GrantsView(long count, String amount) {
        static GrantsView of(Figures.Grants g) {
            return new GrantsView(g.count(), g.amount().toPlainString());
        }
    }

    public record ProjectView(String project, String beneficiary, Long personTimes, Long persons, Long grants,
                              String amount, boolean suppressed) {
        static ProjectView of(Figures.ProjectFigures p) {
            return new ProjectView(p.project(), p.beneficiary(), p.personTimes(), p.persons(), p.grants(),
                    p.amount() == null ? null : p.amount().toPlainString(), p.amount() == null);
        }
    }

    /** Person-aid to households (personTimes, persons, amount) and, counted apart, grants. */
    public record SummaryView(String from, String to, Long personTimes, Long persons, String amount,
                              boolean suppressed, GrantsView enterpriseGrants, GrantsView stationGrants,
                              List<ProjectView> projects, Instant asOf) {
    }

    /** {@code items}: one per group, keys named by groupBy; {@code totals}: exact, or suppressed (null figures) in an identifying report. */
    public record AidView(List<String> groupBy, String from, String to, List<Map<String, Object>> items,
                          TotalsView totals, Instant asOf) {
    }

    public record RegistryView(List<String> groupBy, String from, String to, List<Map<String, Object>> items,
                               Instant asOf) {
    }

    static String month(YearMonth m) {
        return m == null ? null : m.toString();
    }

    static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }
}
