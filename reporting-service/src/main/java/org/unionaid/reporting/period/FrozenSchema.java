package org.unionaid.reporting.period;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The frozen figures of a closed period: a schema of its own holding, with the same names and shapes as
 * the live tables, what the aid, summary and registry reports read — the aggregate, distinct-person and
 * registry flow rows whose period lies in it (every grain inside it; the year chain for a year), the files
 * at the close and the station tree — so that the report queries run there unchanged ({@code search_path}).
 */
final class FrozenSchema {

    /** Tables copied by the periods of their rows. */
    private static final List<String> BY_PERIOD = List.of("aid_cell", "aid_person", "aid_reach", "registry_flow");
    /** Tables copied whole: the station tree, and the files as they are at the close (the registry's files now). */
    private static final List<String> WHOLE = List.of("station", "station_ancestor", "registry_stock");
    /** The registry's tables: periods closed before they were frozen have none (see {@link #holdsRegistry}). */
    private static final List<String> REGISTRY = List.of("registry_flow", "registry_stock");

    private FrozenSchema() {
    }

    /** Copies the live rows into the period's new schema, in the caller's transaction. */
    static void create(Connection db, ReportPeriod period) throws SQLException {
        String schema = period.schema();
        try (Statement ddl = db.createStatement()) {
            ddl.execute("CREATE SCHEMA " + schema);
            for (String table : concat(BY_PERIOD, WHOLE, List.of("aid_reach_chain"))) {
                ddl.execute("CREATE TABLE " + schema + "." + table + " (LIKE public." + table + " INCLUDING ALL)");
            }
            for (String table : WHOLE) {
                ddl.execute("INSERT INTO " + schema + "." + table + " SELECT * FROM public." + table);
            }
        }
        for (String table : BY_PERIOD) {
            try (PreparedStatement copy = db.prepareStatement("INSERT INTO " + schema + "." + table
                    + " SELECT * FROM public." + table + " WHERE (grain = 'M' AND period = ANY(?))"
                    + " OR (grain = 'Q' AND period = ANY(?)) OR (grain = 'Y' AND period = ANY(?))")) {
                copy.setArray(1, ints(db, period.periods('M')));
                copy.setArray(2, ints(db, period.periods('Q')));
                copy.setArray(3, ints(db, period.periods('Y')));
                copy.executeUpdate();
            }
        }
        try (PreparedStatement copy = db.prepareStatement("INSERT INTO " + schema + ".aid_reach_chain"
                + " SELECT * FROM public.aid_reach_chain WHERE year = ANY(?)")) {
            copy.setArray(1, ints(db, period.periods('Y')));
            copy.executeUpdate();
        }
    }

    /**
     * Whether the period's schema holds the registry's figures: a period closed before they were frozen with
     * the others (reporting 1.0.0 before its registry freeze) holds the aid figures only, and its registry
     * report stays live until it is reopened and closed again.
     */
    static boolean holdsRegistry(Connection db, ReportPeriod period) throws SQLException {
        try (PreparedStatement tables = db.prepareStatement(
                "SELECT count(*) FROM pg_tables WHERE schemaname = ? AND tablename = ANY (?)")) {
            tables.setString(1, period.schema());
            tables.setArray(2, db.createArrayOf("text", REGISTRY.toArray()));
            try (ResultSet count = tables.executeQuery()) {
                count.next();
                return count.getInt(1) == REGISTRY.size();
            }
        }
    }

    /** Drops the frozen figures (reopen), in the caller's transaction. */
    static void drop(Connection db, ReportPeriod period) throws SQLException {
        try (Statement ddl = db.createStatement()) {
            ddl.execute("DROP SCHEMA IF EXISTS " + period.schema() + " CASCADE");
        }
    }

    private static Array ints(Connection db, List<Integer> values) throws SQLException {
        return db.createArrayOf("integer", values.toArray());
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
