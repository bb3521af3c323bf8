package org.unionaid.reporting.service;

import org.unionaid.reporting.service.Cells.Row;
import org.unionaid.reporting.service.Cells.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Distinct persons per group, exact, read from the cheapest source the query's shape allows:
 * <ul>
 * <li>{@link Source#PERIOD_COUNTERS}: each group's time range is one stored period (a year,
 * quarter or month): one {@code aid_reach} row per group.</li>
 * <li>{@link Source#YEAR_CHAIN}: no time grouping and the range is whole years (open ends are whole
 * years): {@code SUM(persons)} over {@code aid_reach_chain} rows of those years whose previous year
 * lies before the range, at most years x (years + 1) / 2 rows per group.</li>
 * <li>{@link Source#DISTINCT_WORKERS}: anything else (a group spanning several periods that are not
 * whole years, several projects merged, a station filter below the level rolled up to):
 * {@code COUNT(DISTINCT worker_id)} over {@code aid_person}, which grows with the persons in the answer.</li>
 * </ul>
 * The counters' {@code dims} mask is the grouped and the filtered dimensions.
 */
final class Persons {

    /** Where a report's distinct persons come from. */
    enum Source { PERIOD_COUNTERS, YEAR_CHAIN, DISTINCT_WORKERS }

    /** A counter query: its table, conditions and parameters, or the fallback. */
    private record Plan(Source source, String sql, List<Object> params) {
    }

    private Persons() {
    }

    static Source source(Connection db, List<Dim> groupBy, ReportQuery q) throws SQLException {
        return plan(db, groupBy, q).source();
    }

    /** Distinct persons by group key (groupBy order); counters where the shape allows unless told not to. */
    static Map<List<Object>, Long> count(Connection db, List<Dim> groupBy, ReportQuery q, boolean counters) throws SQLException {
        Plan plan = counters ? plan(db, groupBy, q) : new Plan(Source.DISTINCT_WORKERS, null, List.of());
        Map<List<Object>, Long> persons = new HashMap<>();
        if (plan.source() == Source.DISTINCT_WORKERS) {
            for (Row row : Cells.read(db, Table.AID_PERSON, groupBy, q, "COUNT(DISTINCT c.worker_id)", null)) {
                long n = ((Number) row.figures().get(0)).longValue();
                if (n > 0) {
                    persons.put(row.keys(), n);
                }
            }
            return persons;
        }
        try (PreparedStatement statement = db.prepareStatement(plan.sql())) {
            for (int i = 0; i < plan.params().size(); i++) {
                statement.setObject(i + 1, plan.params().get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    List<Object> key = new ArrayList<>();
                    for (int i = 0; i < groupBy.size(); i++) {
                        key.add(rs.getObject(i + 1));
                    }
                    long n = rs.getLong(groupBy.size() + 1);
                    if (n > 0) {
                        persons.put(key, n);
                    }
                }
            }
        }
        return persons;
    }

    private static Plan plan(Connection db, List<Dim> groupBy, ReportQuery q) throws SQLException {
        Plan fallback = new Plan(Source.DISTINCT_WORKERS, null, List.of());
        int dims = 0;
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();

        if (groupBy.contains(Dim.PROJECT) || q.projects().size() == 1) {
            dims |= Dim.PROJECT.counterBit();
            if (!q.projects().isEmpty()) {
                where.add("c.project = ANY(?)");
                params.add(db.createArrayOf("varchar", q.projects().toArray()));
            }
        } else if (!q.projects().isEmpty()) {
            return fallback;
        }
        if (groupBy.contains(Dim.ENTERPRISE) || q.enterprise() != null) {
            dims |= Dim.ENTERPRISE.counterBit();
            if (q.enterprise() != null) {
                where.add("c.enterprise_id = ?");
                params.add(q.enterprise());
            }
        }
        if (groupBy.contains(Dim.CATEGORY) || q.category() != null) {
            dims |= Dim.CATEGORY.counterBit();
            if (q.category() != null) {
                where.add("c.category = ?");
                params.add(q.category());
            }
        }
        if (groupBy.contains(Dim.CAUSE) || q.cause() != null) {
            dims |= Dim.CAUSE.counterBit();
            if (q.cause() != null) {
                where.add("c.cause = ?");
                params.add(q.cause());
            }
        }
        if (!station(db, groupBy, q, where, params)) {
            return fallback;
        }
        if (groupBy.contains(Dim.STATION) || q.station() != null) {
            dims |= Dim.STATION.counterBit();
        }

        List<Dim> times = groupBy.stream().filter(Dim::isTime).toList();
        char finest = times.contains(Dim.MONTH) ? Period.MONTH : times.contains(Dim.QUARTER) ? Period.QUARTER : Period.YEAR;
        // As the fallback: an open end reaches the first or last year with persons.
        YearMonth[] range = Cells.range(db, "SELECT min(period), max(period) FROM aid_reach WHERE dims = 0 AND grain = 'Y'", q);
        YearMonth from = range[0];
        YearMonth to = range[1];
        List<Period> tiles = Period.tiling(from, to, finest);
        Set<List<Integer>> groups = new HashSet<>();
        for (Period tile : tiles) {
            groups.add(times.stream().map(t -> timeKey(t, tile)).toList());
        }
        String table;
        Source source;
        if (groups.size() == tiles.size()) {
            table = "aid_reach";
            source = Source.PERIOD_COUNTERS;
            List<String> anyOf = new ArrayList<>();
            for (char grain : new char[] {Period.YEAR, Period.QUARTER, Period.MONTH}) {
                Integer[] keys = tiles.stream().filter(p -> p.grain() == grain).map(Period::key).toArray(Integer[]::new);
                if (keys.length > 0) {
                    anyOf.add("(c.grain = '" + grain + "' AND c.period = ANY(?))");
                    params.add(db.createArrayOf("integer", keys));
                }
            }
            // a range whose open end lies before its start (from=2100 with figures up to this year) covers nothing
            where.add(anyOf.isEmpty() ? "FALSE" : "(" + String.join(" OR ", anyOf) + ")");
        } else if (times.isEmpty() && from.getMonthValue() == 1 && to.getMonthValue() == 12) {
            table = "aid_reach_chain";
            source = Source.YEAR_CHAIN;
            where.add("c.year BETWEEN ? AND ? AND c.prev_year < ?");
            params.addAll(List.of(from.getYear(), to.getYear(), from.getYear()));
        } else {
            return fallback;
        }

        StringBuilder sql = new StringBuilder("SELECT ");
        for (Dim d : groupBy) {
            sql.append(expression(d)).append(", ");
        }
        sql.append("SUM(c.persons) FROM ").append(table).append(" c WHERE c.dims = ?");
        params.add(0, dims);
        for (String condition : where) {
            sql.append(" AND ").append(condition);
        }
        if (!groupBy.isEmpty()) {
            sql.append(" GROUP BY ").append(IntStream.rangeClosed(1, groupBy.size())
                    .mapToObj(Integer::toString).collect(Collectors.joining(", ")));
        }
        return new Plan(source, sql.toString(), params);
    }

    /**
     * The station conditions: false when the shape cannot be read from the counters (grouped by
     * the stations at a level, limited to a station below that level).
     */
    private static boolean station(Connection db, List<Dim> groupBy, ReportQuery q, List<String> where,
                                   List<Object> params) throws SQLException {
        String subtree = "c.station_code IN (SELECT station_code FROM station_ancestor WHERE ancestor_code = ?)";
        if (!groupBy.contains(Dim.STATION)) {
            if (q.station() != null) {
                where.add("c.station_kind = 'T' AND c.station_code = ?");
                params.add(q.station());
            }
            return true;
        }
        if (q.level() == null) {
            // Each station itself: the workers aided exactly there.
            where.add("c.station_kind = 'E'");
            if (q.station() != null) {
                where.add(subtree);
                params.add(q.station());
            }
            return true;
        }
        if (q.station() != null) {
            try (PreparedStatement above = db.prepareStatement("SELECT 1 FROM station_ancestor a JOIN station s"
                    + " ON s.code = a.ancestor_code WHERE a.station_code = ? AND a.ancestor_code <> ? AND s.level = ?")) {
                above.setString(1, q.station());
                above.setString(2, q.station());
                above.setString(3, q.level());
                try (ResultSet row = above.executeQuery()) {
                    if (row.next()) {
                        return false;
                    }
                }
            }
        }
        // Group g at the level: the workers aided in g's subtree; a station with no ancestor at the
        // level is its own group: the workers aided exactly there.
        String filter = q.station() == null ? "" : " AND " + subtree;
        where.add("((c.station_kind = 'T' AND c.station_code IN (SELECT code FROM station WHERE level = ?)" + filter + ")"
                + " OR (c.station_kind = 'E' AND c.station_code NOT IN (SELECT a.station_code FROM station_ancestor a"
                + " JOIN station s ON s.code = a.ancestor_code WHERE s.level = ?)" + filter + "))");
        params.add(q.level());
        if (q.station() != null) {
            params.add(q.station());
        }
        params.add(q.level());
        if (q.station() != null) {
            params.add(q.station());
        }
        return true;
    }

    private static Integer timeKey(Dim time, Period p) {
        return switch (time) {
            case YEAR -> p.year();
            case QUARTER -> p.year() * 10 + p.quarter();
            default -> p.year() * 100 + p.month();
        };
    }

    private static String expression(Dim dim) {
        return switch (dim) {
            case PROJECT -> "c.project";
            case YEAR -> "c.yr";
            case QUARTER -> "c.yr * 10 + c.qtr";
            case MONTH -> "c.yr * 100 + c.mon";
            case STATION -> "c.station_code";
            case ENTERPRISE -> "c.enterprise_id";
            case CATEGORY -> "c.category";
            case CAUSE -> "c.cause";
            case STATUS -> throw new IllegalArgumentException("Aid figures have no status");
        };
    }
}
