package org.unionaid.reporting.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.reporting.period.Adjustments;
import org.unionaid.reporting.period.ClosedPeriod;
import org.unionaid.reporting.period.ClosedPeriods;
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

    /**
     * What reached a closed period after it closed (live minus frozen, the report's filters): personTimes and
     * amount add to the frozen figures; persons is the change in that period's distinct persons.
     */
    public record AdjustmentView(String period, Long personTimes, Long persons, String amount, boolean suppressed) {
        static List<AdjustmentView> of(List<Adjustments.Adjustment> adjustments) {
            return adjustments.stream().map(a -> new AdjustmentView(a.period(), a.personTimes(), a.persons(),
                    plain(a.amount()), a.amount() == null)).toList();
        }
    }

    /**
     * Whether a report is of a closed period ({@code closed}, {@code closedAt}, {@code closedBy}: frozen
     * figures) and the adjustments of the closed periods just before an open one it starts at.
     */
    public record PeriodState(boolean closed, Instant closedAt, String closedBy, List<AdjustmentView> adjustments) {
        static PeriodState of(ClosedPeriods.Basis basis, List<Adjustments.Adjustment> adjustments) {
            ClosedPeriod c = basis.closed();
            return new PeriodState(c != null, c == null ? null : c.closedAt(), c == null ? null : c.closedBy(),
                    AdjustmentView.of(adjustments));
        }
    }

    /** Person-aid to households (personTimes, persons, amount) and, counted apart, grants. */
    public record SummaryView(String from, String to, Long personTimes, Long persons, String amount,
                              boolean suppressed, GrantsView enterpriseGrants, GrantsView stationGrants,
                              List<ProjectView> projects, Instant asOf, boolean closed, Instant closedAt,
                              String closedBy, List<AdjustmentView> adjustments) {
    }

    /** {@code items}: one per group, keys named by groupBy; {@code totals}: exact, or suppressed (null figures) in an identifying report. */
    public record AidView(List<String> groupBy, String from, String to,
                          @Schema(type = SchemaType.ARRAY, implementation = ReportSchemas.AidItem.class)
                          List<Map<String, Object>> items,
                          TotalsView totals, Instant asOf, boolean closed, Instant closedAt, String closedBy,
                          List<AdjustmentView> adjustments) {
    }

    /**
     * {@code items}: one per group. Of a closed period ({@code closed}): the new files and exits frozen at its
     * close, and files now as they were then.
     */
    public record RegistryView(List<String> groupBy, String from, String to,
                               @Schema(type = SchemaType.ARRAY, implementation = ReportSchemas.RegistryItem.class)
                               List<Map<String, Object>> items,
                               Instant asOf, boolean closed, Instant closedAt, String closedBy) {
    }

    static String month(YearMonth m) {
        return m == null ? null : m.toString();
    }

    static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }
}
