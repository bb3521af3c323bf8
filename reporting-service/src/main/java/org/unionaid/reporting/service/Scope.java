package org.unionaid.reporting.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Whether a query could single someone out: what it groups by and what it is limited to. */
final class Scope {

    private Scope() {
    }

    /**
     * Whether the breakdown could single out a person: it is by enterprise, category or cause, by
     * station below the city level, or limited to a station below the city level.
     */
    static boolean identifying(Connection db, ReportQuery q) throws SQLException {
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
    static boolean limited(Connection db, ReportQuery q) throws SQLException {
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

    /** A station's level and parent code (null for a root), if reporting knows it. */
    static Optional<String[]> station(Connection db, String code) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT level, parent_code FROM station WHERE code = ?")) {
            query.setString(1, code);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new String[] {row.getString(1), row.getString(2)}) : Optional.empty();
            }
        }
    }
}
