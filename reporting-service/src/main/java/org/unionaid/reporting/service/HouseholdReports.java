package org.unionaid.reporting.service;

import org.unionaid.reporting.service.Cells.Row;
import org.unionaid.reporting.service.Cells.Table;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Household aid figures, the aid report's cells and totals and the summary's, read in the caller's
 * transaction (live tables, or a closed period's frozen ones by the connection's search path), with
 * small cells and identifying totals suppressed.
 */
final class HouseholdReports {

    static final String HOUSEHOLD = "c.beneficiary = 'HOUSEHOLD'";
    static final String GRANT = "c.beneficiary <> 'HOUSEHOLD'";

    private final int minCell;
    private final boolean counters;

    HouseholdReports(int minCell, boolean counters) {
        this.minCell = minCell;
        this.counters = counters;
    }

    /**
     * Person-aid (households) grouped as asked, with its totals; in an identifying report small cells and
     * totals that would single someone out are suppressed (totals null).
     */
    Figures.Aid aid(Connection db, ReportQuery q) throws SQLException {
        boolean identifying = Scope.identifying(db, q);
        Map<List<Object>, Long> persons = Persons.count(db, q.groupBy(), q, counters);
        List<Row> rows = Cells.read(db, Table.AID_CELL, q.groupBy(), q, "SUM(c.payouts), SUM(c.amount)", HOUSEHOLD);
        Figures.Totals totals = totals(db, q, rows);
        boolean totalsHidden = identifying && Scope.limited(db, q) && totalsHidden(db, q, totals);
        List<Suppression.Cell> cells = personCells(rows, persons, identifying, totalsHidden, q.groupBy().size());
        List<Map<String, Object>> items = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Suppression.Cell cell = cells.get(i);
            Map<String, Object> item = Labels.keys(q.groupBy(), row.keys());
            item.put("personTimes", cell.hidden ? null : Labels.count(row.figures().get(0)));
            item.put("persons", cell.hidden ? null : cell.weight);
            item.put("amount", cell.hidden ? null : Labels.money(row.figures().get(1)).toPlainString());
            item.put("suppressed", cell.hidden);
            items.add(item);
        }
        return new Figures.Aid(items, totalsHidden ? null : totals);
    }

    /**
     * Totals, household aid per project and grants per project. Exact city-wide; limited to a station
     * below the city, a category, cause or enterprise, the household totals are suppressed by
     * {@link #totalsHidden}, and the projects like the cells of a breakdown.
     */
    Figures.Summary summary(Connection db, ReportQuery q) throws SQLException {
        boolean identifying = Scope.identifying(db, q);
        List<Dim> byProject = List.of(Dim.PROJECT);
        List<Row> rows = Cells.read(db, Table.AID_CELL, byProject, q, "SUM(c.payouts), SUM(c.amount)", HOUSEHOLD);
        Figures.Totals households = totals(db, q, rows);
        boolean householdsSuppressed = identifying && totalsHidden(db, q, households);
        Map<List<Object>, Long> persons = Persons.count(db, byProject, q, counters);
        // the households' totals are published: one project hidden alone would be their difference
        List<Suppression.Cell> cells = personCells(rows, persons, identifying, householdsSuppressed, 1);
        List<Figures.ProjectFigures> projects = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Suppression.Cell cell = cells.get(i);
            projects.add(cell.hidden
                    ? new Figures.ProjectFigures((String) row.keys().get(0), "HOUSEHOLD", null, null, null, null)
                    : new Figures.ProjectFigures((String) row.keys().get(0), "HOUSEHOLD",
                            Labels.count(row.figures().get(0)), cell.weight, null, Labels.money(row.figures().get(1))));
        }
        long enterpriseGrants = 0;
        long stationGrants = 0;
        BigDecimal enterpriseAmount = new BigDecimal("0.00");
        BigDecimal stationAmount = new BigDecimal("0.00");
        ReportQuery grantQuery = new ReportQuery(byProject, q.from(), q.to(), q.projects(), q.station(), null,
                null, null, q.enterprise(), null);
        for (Row row : Cells.read(db, Table.AID_CELL, byProject, grantQuery,
                "MIN(c.beneficiary), SUM(c.payouts), SUM(c.amount)", GRANT)) {
            String beneficiary = (String) row.figures().get(0);
            long grants = Labels.count(row.figures().get(1));
            BigDecimal amount = Labels.money(row.figures().get(2));
            projects.add(new Figures.ProjectFigures((String) row.keys().get(0), beneficiary, null, null, grants, amount));
            if ("ENTERPRISE".equals(beneficiary)) {
                enterpriseGrants += grants;
                enterpriseAmount = enterpriseAmount.add(amount);
            } else {
                stationGrants += grants;
                stationAmount = stationAmount.add(amount);
            }
        }
        projects.sort(Comparator.comparing(Figures.ProjectFigures::project).thenComparing(Figures.ProjectFigures::beneficiary));
        return new Figures.Summary(householdsSuppressed ? null : households,
                new Figures.Grants(enterpriseGrants, enterpriseAmount),
                new Figures.Grants(stationGrants, stationAmount), projects);
    }

    /**
     * The household totals of a query: its distinct persons from the counters, its person-times and amount
     * the sums of {@code grouped}, the household cells of the same query already read by some grouping
     * (sums do not depend on the grouping, nor on the periods that tile the range): the cells are not
     * read a second time.
     */
    private Figures.Totals totals(Connection db, ReportQuery q, List<Row> grouped) throws SQLException {
        long persons = Labels.count(Persons.count(db, List.of(), q, counters).get(List.of()));
        long personTimes = 0;
        BigDecimal amount = BigDecimal.ZERO.setScale(2);
        for (Row row : grouped) {
            personTimes += Labels.count(row.figures().get(0));
            amount = amount.add(Labels.money(row.figures().get(1)));
        }
        return new Figures.Totals(personTimes, persons, amount);
    }

    /**
     * Household rows as cells weighed by their persons: in an identifying breakdown, those of fewer than
     * the minimum hidden, with the complements that keep them from being worked out by subtraction.
     */
    private List<Suppression.Cell> personCells(List<Row> rows, Map<List<Object>, Long> persons, boolean identifying,
                                               boolean totalsHidden, int dimensions) {
        List<Suppression.Cell> cells = new ArrayList<>(rows.size());
        for (Row row : rows) {
            long personCount = Labels.count(persons.get(row.keys()));
            cells.add(new Suppression.Cell(row.keys(), personCount, identifying && personCount < minCell));
        }
        if (identifying) {
            if (totalsHidden) {
                // hidden totals are the sum of the cells: they must not all be shown
                Suppression.hideOne(cells);
            }
            Suppression.complement(cells, dimensions);
        }
        return cells;
    }

    /**
     * Whether the household totals of an identifying report are suppressed. They are when they count 1 to 4
     * persons, and when they would give away such a total by subtraction: the totals of a report limited to
     * a station, category, cause or enterprise are one cell of the same report grouped by those filters
     * (a station among the stations at its level under its parent), and a cell of that breakdown can be its
     * line's sum (the parent's totals, the totals without the filter) minus the others. So the totals are
     * shown only when that cell is shown in that breakdown, complements included.
     */
    private boolean totalsHidden(Connection db, ReportQuery q, Figures.Totals totals) throws SQLException {
        if (totals.persons() == 0 && totals.personTimes() == 0) {
            return false; // nobody to single out
        }
        if (totals.persons() < minCell) {
            return true;
        }
        List<Dim> filters = new ArrayList<>();
        List<Object> cell = new ArrayList<>();
        String within = q.station(); // a city limit stays a limit of the breakdown
        String level = null;
        if (q.station() != null) {
            Optional<String[]> station = Scope.station(db, q.station());
            if (station.isPresent() && !"CITY".equals(station.get()[0])) {
                filters.add(Dim.STATION);
                cell.add(q.station());
                level = station.get()[0];
                within = station.get()[1];
            }
        }
        if (q.enterprise() != null) {
            filters.add(Dim.ENTERPRISE);
            cell.add(q.enterprise());
        }
        if (q.category() != null) {
            filters.add(Dim.CATEGORY);
            cell.add(q.category());
        }
        if (q.cause() != null) {
            filters.add(Dim.CAUSE);
            cell.add(q.cause());
        }
        if (filters.isEmpty()) {
            return false;
        }
        ReportQuery margin = new ReportQuery(filters, q.from(), q.to(), q.projects(), within, level, null, null, null, null);
        List<Row> rows = Cells.read(db, Table.AID_CELL, filters, margin, "SUM(c.payouts), SUM(c.amount)", HOUSEHOLD);
        List<Suppression.Cell> cells = personCells(rows, Persons.count(db, filters, margin, counters), true, false,
                filters.size());
        return cells.stream().filter(c -> c.keys.equals(cell)).findFirst().map(c -> c.hidden).orElse(true);
    }

}
