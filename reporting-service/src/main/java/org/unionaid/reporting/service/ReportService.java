package org.unionaid.reporting.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.unionaid.reporting.service.Cells.Row;
import org.unionaid.reporting.service.Cells.Table;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reports from the pre-aggregated tables.
 *
 * <p>Cost model. Person-times and amounts are sums over {@code aid_cell}, whose rows are
 * (period x project x station x enterprise x category x cause) cells that exist. A range is read
 * as the fewest whole years, quarters and months that cover it ({@link Period#tiling}), so a
 * report reads at most (years + 6) periods of cells, whatever the number of payouts.
 *
 * <p>Distinct persons, exact, come from counters kept when payouts are applied (V2 migration,
 * {@code feed.PersonCounters}), chosen by the query's shape ({@link Persons}); the counters'
 * {@code dims} mask is the grouped and the filtered dimensions:
 * <ul>
 * <li>each group's range is one stored period (groupBy year, quarter or month over aligned
 * ranges, or a range that is one year, quarter or month): one {@code aid_reach} row per group;</li>
 * <li>no time grouping and a range of whole years (open ends are whole years; "since Y"; all
 * years): {@code aid_reach_chain}, at most years x (years + 1) / 2 rows per group;</li>
 * <li>otherwise (a group spanning several periods that are not whole years, several projects
 * merged without grouping by project, a station filter below the level rolled up to):
 * {@code COUNT(DISTINCT worker_id)} over the {@code aid_person} rows of the periods, which grows
 * with the distinct persons in the answer and the periods spanned.</li>
 * </ul>
 * So every counter-served report costs O(groups x periods) (O(groups x years^2) for the chain),
 * the same at 5 thousand or 25 million payouts. Registry figures are sums over
 * {@code registry_stock} / {@code registry_flow} cells. All queries of one report run in one
 * REPEATABLE READ transaction, so its figures agree with each other.
 * {@code union-aid.reports.person-counters=false} (env {@code REPORTS_PERSON_COUNTERS}) counts
 * every report over {@code aid_person}: the same figures, at the old cost.
 */
@ApplicationScoped
public class ReportService {

    private static final String HOUSEHOLD = "c.beneficiary = 'HOUSEHOLD'";
    private static final String GRANT = "c.beneficiary <> 'HOUSEHOLD'";

    private final AgroalDataSource dataSource;
    private final int minCell;
    private final boolean counters;

    ReportService(AgroalDataSource dataSource,
                  @ConfigProperty(name = "union-aid.reports.min-cell-size", defaultValue = "5") int minCell,
                  @ConfigProperty(name = "union-aid.reports.person-counters", defaultValue = "true") boolean counters) {
        this.dataSource = dataSource;
        this.minCell = minCell;
        this.counters = counters;
    }

    /**
     * Person-aid (households) grouped as asked, with its totals; in an identifying report small cells and
     * totals that would single someone out are suppressed (totals null).
     */
    @Transactional
    public Figures.Aid aid(ReportQuery q) {
        return aid(q, null);
    }

    /** {@link #aid(ReportQuery)} from the tables in {@code schema}: a closed period's frozen figures (null: live). */
    @Transactional
    public Figures.Aid aid(ReportQuery q, String schema) {
        try (Connection db = snapshot(schema)) {
            boolean identifying = identifying(db, q);
            Map<List<Object>, Long> persons = Persons.count(db, q.groupBy(), q, counters);
            List<Row> rows = Cells.read(db, Table.AID_CELL, q.groupBy(), q, "SUM(c.payouts), SUM(c.amount)", HOUSEHOLD);
            Figures.Totals totals = totals(db, q, rows);
            boolean totalsHidden = identifying && limited(db, q) && totalsHidden(db, q, totals);
            List<Suppression.Cell> cells = personCells(rows, persons, identifying, totalsHidden, q.groupBy().size());
            List<Map<String, Object>> items = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                Suppression.Cell cell = cells.get(i);
                Map<String, Object> item = keys(q.groupBy(), row.keys());
                item.put("personTimes", cell.hidden ? null : count(row.figures().get(0)));
                item.put("persons", cell.hidden ? null : cell.weight);
                item.put("amount", cell.hidden ? null : money(row.figures().get(1)).toPlainString());
                item.put("suppressed", cell.hidden);
                items.add(item);
            }
            return new Figures.Aid(items, totalsHidden ? null : totals);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the aid figures", e);
        }
    }

    /**
     * Totals, household aid per project and grants per project. Exact city-wide; limited to a station
     * below the city, a category, cause or enterprise, the household totals are suppressed by
     * {@link #totalsHidden}, and the projects like the cells of a breakdown.
     */
    @Transactional
    public Figures.Summary summary(ReportQuery q) {
        return summary(q, null);
    }

    /** {@link #summary(ReportQuery)} from the tables in {@code schema}: a closed period's frozen figures (null: live). */
    @Transactional
    public Figures.Summary summary(ReportQuery q, String schema) {
        try (Connection db = snapshot(schema)) {
            boolean identifying = identifying(db, q);
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
                                count(row.figures().get(0)), cell.weight, null, money(row.figures().get(1))));
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
                long grants = count(row.figures().get(1));
                BigDecimal amount = money(row.figures().get(2));
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
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the summary", e);
        }
    }

    /** The figures of a registry group, in the order of its cells' arrays. */
    private static final List<String> REGISTRY_FIGURES = List.of("files", "newFiles", "exits");

    /**
     * Files now ({@code files}, by status, category, cause, station) and new files and exits in
     * from..to ({@code newFiles}, {@code exits}, also by year, quarter, month). Grouping by status
     * gives only {@code files}; grouping by a period only the flows. In an identifying breakdown each
     * figure is suppressed on its own (null), and {@code suppressed} says that one of them is.
     */
    @Transactional
    public List<Map<String, Object>> registry(ReportQuery q) {
        try (Connection db = snapshot()) {
            boolean identifying = identifying(db, q);
            boolean timed = q.groupBy().stream().anyMatch(Dim::isTime);
            Map<List<Object>, Object[]> groups = new HashMap<>();
            if (!timed) {
                for (Row row : Cells.read(db, Table.REGISTRY_STOCK, q.groupBy(), q, "SUM(c.files)", null)) {
                    groups.computeIfAbsent(row.keys(), k -> new Object[3])[0] = count(row.figures().get(0));
                }
            }
            if (!q.groupBy().contains(Dim.STATUS) && q.status() == null) {
                for (Row row : Cells.read(db, Table.REGISTRY_FLOW, q.groupBy(), q, "SUM(c.new_files), SUM(c.exits)", null)) {
                    Object[] figures = groups.computeIfAbsent(row.keys(), k -> new Object[3]);
                    figures[1] = count(row.figures().get(0));
                    figures[2] = count(row.figures().get(1));
                }
            }
            List<List<Object>> order = new ArrayList<>(groups.keySet());
            order.sort(Ordering.KEYS);
            if (!timed) {
                for (List<Object> key : order) {
                    Object[] f = groups.get(key);
                    if (f[0] == null) {
                        f[0] = 0L;
                    }
                }
            }
            // Each figure is a table of its own (files now, files opened, files closed): one cannot be worked
            // out from another, so each is suppressed on its own, a few exits not hiding hundreds of files.
            boolean[][] hidden = new boolean[REGISTRY_FIGURES.size()][];
            for (int figure = 0; figure < hidden.length; figure++) {
                hidden[figure] = hiddenFigures(order, groups, figure, identifying, q.groupBy().size());
            }
            List<Map<String, Object>> items = new ArrayList<>(order.size());
            for (int i = 0; i < order.size(); i++) {
                Object[] f = groups.get(order.get(i));
                Map<String, Object> item = keys(q.groupBy(), order.get(i));
                boolean suppressed = false;
                for (int figure = 0; figure < hidden.length; figure++) {
                    item.put(REGISTRY_FIGURES.get(figure), hidden[figure][i] ? null : f[figure]);
                    suppressed |= hidden[figure][i];
                }
                item.put("suppressed", suppressed);
                items.add(item);
            }
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the registry figures", e);
        }
    }

    /**
     * The household totals of a query: its distinct persons from the counters, its person-times and amount
     * the sums of {@code grouped}, the household cells of the same query already read by some grouping
     * (sums do not depend on the grouping, nor on the periods that tile the range): the cells are not
     * read a second time.
     */
    private Figures.Totals totals(Connection db, ReportQuery q, List<Row> grouped) throws SQLException {
        long persons = count(Persons.count(db, List.of(), q, counters).get(List.of()));
        long personTimes = 0;
        BigDecimal amount = BigDecimal.ZERO.setScale(2);
        for (Row row : grouped) {
            personTimes += count(row.figures().get(0));
            amount = amount.add(money(row.figures().get(1)));
        }
        return new Figures.Totals(personTimes, persons, amount);
    }

    /**
     * Distinct persons by group (keys in groupBy order), before suppression: from the counters
     * where the query's shape allows ({@code counters} true), else, or when false, counted over
     * {@code aid_person}. Both answers are exact and equal; tests compare them.
     */
    @Transactional
    public Map<List<Object>, Long> persons(ReportQuery q, boolean counters) {
        try (Connection db = snapshot()) {
            return Persons.count(db, q.groupBy(), q, counters);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the persons", e);
        }
    }

    /** Where {@link #aid} takes the persons of its groups from for this query (see the class comment). */
    @Transactional
    public String personSource(ReportQuery q) {
        try (Connection db = snapshot()) {
            return Persons.source(db, q.groupBy(), q).name();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not plan the persons count", e);
        }
    }

    /**
     * Household rows as cells weighed by their persons: in an identifying breakdown, those of fewer than
     * the minimum hidden, with the complements that keep them from being worked out by subtraction.
     */
    private List<Suppression.Cell> personCells(List<Row> rows, Map<List<Object>, Long> persons, boolean identifying,
                                               boolean totalsHidden, int dimensions) {
        List<Suppression.Cell> cells = new ArrayList<>(rows.size());
        for (Row row : rows) {
            long personCount = count(persons.get(row.keys()));
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
            Optional<String[]> station = station(db, q.station());
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

    /** A station's level and parent code (null for a root), if reporting knows it. */
    private static Optional<String[]> station(Connection db, String code) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT level, parent_code FROM station WHERE code = ?")) {
            query.setString(1, code);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new String[] {row.getString(1), row.getString(2)}) : Optional.empty();
            }
        }
    }

    /**
     * Which groups' figure number {@code figure} (of {@link #REGISTRY_FIGURES}) is hidden: in an identifying
     * breakdown, a count of 1 to 4 files (a zero singles nobody out) and its complements, weighed by the
     * same figure. A figure the report does not carry (null) is hidden nowhere.
     */
    private boolean[] hiddenFigures(List<List<Object>> order, Map<List<Object>, Object[]> groups, int figure,
                                    boolean identifying, int dimensions) {
        List<Suppression.Cell> cells = new ArrayList<>(order.size());
        for (List<Object> key : order) {
            Long count = (Long) groups.get(key)[figure];
            long files = count == null ? 0 : count;
            cells.add(new Suppression.Cell(key, files, identifying && files > 0 && files < minCell));
        }
        if (identifying) {
            Suppression.complement(cells, dimensions);
        }
        boolean[] hidden = new boolean[cells.size()];
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = cells.get(i).hidden;
        }
        return hidden;
    }

    /**
     * Whether the breakdown could single out a person: it is by enterprise, category or cause, by
     * station below the city level, or limited to a station below the city level.
     */
    private static boolean identifying(Connection db, ReportQuery q) throws SQLException {
        for (Dim d : q.groupBy()) {
            if (d.isIdentifying() && !(d == Dim.STATION && "CITY".equals(q.level()))) {
                return true;
            }
        }
        return limited(db, q);
    }

    /**
     * Whether the query is limited to a group that could be small: a station below the city level, a
     * category, cause or enterprise. Its totals are then suppressed like a cell; those of a report that is
     * not limited are the city's, which the summary publishes.
     */
    private static boolean limited(Connection db, ReportQuery q) throws SQLException {
        if (q.category() != null || q.cause() != null || q.enterprise() != null) {
            return true; // also within a city: station=<city>&category=DEEP is a small group too
        }
        if (q.station() != null) {
            try (PreparedStatement level = db.prepareStatement("SELECT level FROM station WHERE code = ?")) {
                level.setString(1, q.station());
                try (ResultSet row = level.executeQuery()) {
                    return !row.next() || !"CITY".equals(row.getString(1));
                }
            }
        }
        return false;
    }

    private Connection snapshot() throws SQLException {
        return snapshot(null);
    }

    /** A report's transaction; with a schema (a closed period's, named by period.ReportPeriod) its tables are read. */
    private Connection snapshot(String schema) throws SQLException {
        Connection db = dataSource.getConnection();
        try (Statement isolation = db.createStatement()) {
            isolation.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            // COUNT(DISTINCT) of a report the counters cannot serve sorts in memory, not on disk.
            isolation.execute("SET LOCAL work_mem = '64MB'");
            if (schema != null) {
                if (!schema.matches("closed_[0-9a-z_]{4,8}")) {
                    throw new IllegalArgumentException("Not a closed period's schema: " + schema);
                }
                isolation.execute("SET LOCAL search_path TO " + schema);
            }
        }
        return db;
    }

    private static Map<String, Object> keys(List<Dim> groupBy, List<Object> values) {
        Map<String, Object> item = new LinkedHashMap<>();
        for (int i = 0; i < groupBy.size(); i++) {
            item.put(groupBy.get(i).key(), label(groupBy.get(i), values.get(i)));
        }
        return item;
    }

    private static Object label(Dim dim, Object value) {
        if (value == null) {
            return null;
        }
        return switch (dim) {
            case YEAR -> ((Number) value).intValue();
            case QUARTER -> ((Number) value).intValue() / 10 + "-Q" + ((Number) value).intValue() % 10;
            case MONTH -> String.format("%d-%02d", ((Number) value).intValue() / 100, ((Number) value).intValue() % 100);
            case ENTERPRISE -> ((Number) value).longValue() == 0L ? null : ((Number) value).longValue();
            default -> value.toString().isEmpty() ? null : value.toString();
        };
    }

    private static long count(Object value) {
        return value == null ? 0L : ((Number) value).longValue();
    }

    private static BigDecimal money(Object value) {
        return value == null ? BigDecimal.ZERO.setScale(2) : ((BigDecimal) value).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Orders group keys column by column, "none" (empty, 0, null) first. */
    private static final class Ordering {
        static final Comparator<List<Object>> KEYS = (a, b) -> {
            for (int i = 0; i < a.size(); i++) {
                int c = compare(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static int compare(Object a, Object b) {
            if (a == null || b == null) {
                return a == null ? (b == null ? 0 : -1) : 1;
            }
            return ((Comparable) a).compareTo(b);
        }
    }
}
