package org.unionaid.reporting.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Year;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads grouped figures from one aggregate table. The cost is the number of cells (or of
 * worker-cell rows, for distinct persons) in the periods asked for; it does not depend on the
 * number of payouts. Ranges are covered by the fewest year, quarter and month periods
 * ({@link Period#tiling}), so "since 2016" reads ten year-periods, not 120 months.
 */
final class Cells {

    /** The aggregate tables and the dimensions each one holds. */
    enum Table {
        AID_CELL("aid_cell", true, true, false),
        AID_PERSON("aid_person", true, true, false),
        REGISTRY_STOCK("registry_stock", false, false, true),
        REGISTRY_FLOW("registry_flow", true, false, false);

        final String name;
        final boolean timed;
        final boolean aid;
        final boolean status;

        Table(String name, boolean timed, boolean aid, boolean status) {
            this.name = name;
            this.timed = timed;
            this.aid = aid;
            this.status = status;
        }
    }

    /** One group: its key values in groupBy order, then the figures selected. */
    record Row(List<Object> keys, List<Object> figures) {
    }

    private Cells() {
    }

    static List<Row> read(Connection db, Table table, List<Dim> groupBy, ReportQuery q, String figures,
                          String condition) throws SQLException {
        List<Object> params = new ArrayList<>();
        List<String> keys = groupBy.stream().map(d -> expression(d, q)).toList();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (String key : keys) {
            sql.append(key).append(", ");
        }
        sql.append(figures).append(" FROM ").append(table.name).append(" c");
        if (q.level() != null && groupBy.contains(Dim.STATION)) {
            sql.append(" LEFT JOIN (SELECT a.station_code, a.ancestor_code FROM station_ancestor a")
                    .append(" JOIN station s ON s.code = a.ancestor_code WHERE s.level = ?) lv")
                    .append(" ON lv.station_code = c.station_code");
            params.add(q.level());
        }
        List<String> where = new ArrayList<>();
        if (condition != null) {
            where.add(condition);
        }
        if (table.timed) {
            where.add(periods(db, table, q, groupBy, params));
        }
        if (table.aid && !q.projects().isEmpty()) {
            where.add("c.project = ANY(?)");
            params.add(db.createArrayOf("varchar", q.projects().toArray()));
        }
        if (table.aid && q.enterprise() != null) {
            where.add("c.enterprise_id = ?");
            params.add(q.enterprise());
        }
        if (table.status && q.status() != null) {
            where.add("c.status = ?");
            params.add(q.status());
        }
        if (q.station() != null) {
            where.add("c.station_code IN (SELECT station_code FROM station_ancestor WHERE ancestor_code = ?)");
            params.add(q.station());
        }
        if (q.category() != null) {
            where.add("c.category = ?");
            params.add(q.category());
        }
        if (q.cause() != null) {
            where.add("c.cause = ?");
            params.add(q.cause());
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        if (!keys.isEmpty()) {
            String positions = java.util.stream.IntStream.rangeClosed(1, keys.size())
                    .mapToObj(Integer::toString).collect(Collectors.joining(", "));
            sql.append(" GROUP BY ").append(positions).append(" ORDER BY ").append(positions);
        }
        try (PreparedStatement statement = db.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> key = new ArrayList<>();
                    for (int i = 0; i < keys.size(); i++) {
                        key.add(rs.getObject(i + 1));
                    }
                    List<Object> values = new ArrayList<>();
                    for (int i = keys.size(); i < columns; i++) {
                        values.add(rs.getObject(i + 1));
                    }
                    rows.add(new Row(key, values));
                }
            }
            return rows;
        }
    }

    private static String expression(Dim dim, ReportQuery q) {
        return switch (dim) {
            case PROJECT -> "c.project";
            case YEAR -> "c.yr";
            case QUARTER -> "c.yr * 10 + c.qtr";
            case MONTH -> "c.yr * 100 + c.mon";
            case STATION -> q.level() != null ? "COALESCE(lv.ancestor_code, c.station_code)" : "c.station_code";
            case ENTERPRISE -> "c.enterprise_id";
            case CATEGORY -> "c.category";
            case CAUSE -> "c.cause";
            case STATUS -> "c.status";
        };
    }

    /**
     * The query's from..to, an open end reaching the first or last year that {@code yearsQuery}
     * (min and max of year periods) finds, or this year when it finds none.
     */
    static YearMonth[] range(Connection db, String yearsQuery, ReportQuery q) throws SQLException {
        YearMonth from = q.from();
        YearMonth to = q.to();
        if (from == null || to == null) {
            try (PreparedStatement years = db.prepareStatement(yearsQuery);
                 ResultSet bounds = years.executeQuery()) {
                bounds.next();
                int first = bounds.getInt(1);
                boolean empty = bounds.wasNull();
                int last = bounds.getInt(2);
                from = from != null ? from : YearMonth.of(empty ? Year.now().getValue() : first, 1);
                to = to != null ? to : YearMonth.of(empty ? Year.now().getValue() : last, 12);
            }
        }
        return new YearMonth[] {from, to};
    }

    /** The periods covering from..to, no coarser than the finest time dimension grouped by. */
    private static String periods(Connection db, Table table, ReportQuery q, List<Dim> groupBy, List<Object> params) throws SQLException {
        char coarsest = groupBy.contains(Dim.MONTH) ? Period.MONTH
                : groupBy.contains(Dim.QUARTER) ? Period.QUARTER : Period.YEAR;
        // An open end reaches the first or last year the table holds (read from its primary key).
        YearMonth[] range = range(db, "SELECT min(period), max(period) FROM " + table.name + " WHERE grain = 'Y'", q);
        List<Period> tiles = Period.tiling(range[0], range[1], coarsest);
        StringBuilder sql = new StringBuilder("(");
        for (char grain : new char[] {Period.YEAR, Period.QUARTER, Period.MONTH}) {
            Integer[] keys = tiles.stream().filter(p -> p.grain() == grain).map(Period::key).toArray(Integer[]::new);
            if (sql.length() > 1) {
                sql.append(" OR ");
            }
            sql.append("(c.grain = '").append(grain).append("' AND c.period = ANY(?))");
            params.add(db.createArrayOf("integer", keys));
        }
        return sql.append(")").toString();
    }
}
