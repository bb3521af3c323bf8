package org.unionaid.reporting.rest;

import org.unionaid.reporting.period.ClosedPeriod;
import org.unionaid.reporting.rest.ReportViews.AdjustmentView;
import org.unionaid.reporting.rest.ReportViews.ProjectView;
import org.unionaid.reporting.rest.ReportViews.SummaryView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The reports as CSV, the figures of their JSON: a line per item. A closed period's CSV has three more columns after
 * {@code asOf} ({@code closed,closedAt,closedBy}); a report that carries adjustments of closed periods has one more,
 * {@code adjustmentOf}, empty on the items' lines, and a line per adjustment naming its period there (household
 * figures under the report's filters, as the JSON's {@code adjustments}). Either column only when it applies, so
 * an open period's CSV without adjustments is as it always was.
 */
final class ReportCsv {

    private static final String ADJUSTMENT_OF = "adjustmentOf";

    private ReportCsv() {
    }

    static String summary(SummaryView view) {
        List<String> header = new ArrayList<>(List.of("project", "beneficiary", "personTimes", "persons", "grants",
                "amount", "from", "to", "asOf"));
        Csv csv = new Csv(withState(header, view.closed(), view.adjustments()));
        csv.row(summaryRow("ALL", "HOUSEHOLD", view.personTimes(), view.persons(), null, view.amount(), view, null));
        csv.row(summaryRow("ALL", "ENTERPRISE", null, null, view.enterpriseGrants().count(), view.enterpriseGrants().amount(),
                view, null));
        csv.row(summaryRow("ALL", "STATION", null, null, view.stationGrants().count(), view.stationGrants().amount(), view, null));
        for (ProjectView p : view.projects()) {
            csv.row(summaryRow(p.project(), p.beneficiary(), p.personTimes(), p.persons(), p.grants(), p.amount(), view, null));
        }
        for (AdjustmentView a : view.adjustments()) {
            csv.row(summaryRow("ALL", "HOUSEHOLD", a.personTimes(), a.persons(), null, a.amount(), view, a.period()));
        }
        return csv.toString();
    }

    /** An items report: the groupBy keys, the figures, asOf; adjustments' lines have no keys. */
    static String items(List<String> keys, List<String> figures, List<Map<String, Object>> items, Object asOf,
                        ClosedPeriod closed, List<AdjustmentView> adjustments) {
        List<String> header = new ArrayList<>(keys);
        header.addAll(figures);
        header.add("asOf");
        Csv csv = new Csv(withState(header, closed != null, adjustments));
        for (Map<String, Object> item : items) {
            csv.row(line(header, asOf, closed, item::get, ""));
        }
        for (AdjustmentView a : adjustments) {
            Map<String, Object> figuresOf = new HashMap<>();
            figuresOf.put("personTimes", a.personTimes());
            figuresOf.put("persons", a.persons());
            figuresOf.put("amount", a.amount());
            figuresOf.put("suppressed", a.suppressed());
            csv.row(line(header, asOf, closed, figuresOf::get, a.period()));
        }
        return csv.toString();
    }

    private static List<String> withState(List<String> header, boolean closed, List<AdjustmentView> adjustments) {
        if (closed) {
            header.addAll(List.of("closed", "closedAt", "closedBy"));
        }
        if (!adjustments.isEmpty()) {
            header.add(ADJUSTMENT_OF);
        }
        return header;
    }

    private static List<Object> line(List<String> header, Object asOf, ClosedPeriod closed,
                                     Function<String, Object> value, String adjustmentOf) {
        List<Object> row = new ArrayList<>(header.size());
        for (String column : header) {
            row.add(switch (column) {
                case "asOf" -> asOf;
                case "closed" -> true;
                case "closedAt" -> closed.closedAt();
                case "closedBy" -> closed.closedBy();
                case ADJUSTMENT_OF -> adjustmentOf;
                default -> value.apply(column);
            });
        }
        return row;
    }

    private static List<Object> summaryRow(String project, String beneficiary, Long personTimes, Long persons, Long grants,
                                           String amount, SummaryView view, String adjustmentOf) {
        List<Object> row = new ArrayList<>();
        row.add(project);
        row.add(beneficiary);
        row.add(personTimes);
        row.add(persons);
        row.add(grants);
        row.add(amount);
        row.add(view.from());
        row.add(view.to());
        row.add(view.asOf());
        if (view.closed()) {
            row.addAll(List.of(true, view.closedAt(), view.closedBy()));
        }
        if (!view.adjustments().isEmpty()) {
            row.add(adjustmentOf == null ? "" : adjustmentOf);
        }
        return row;
    }
}
