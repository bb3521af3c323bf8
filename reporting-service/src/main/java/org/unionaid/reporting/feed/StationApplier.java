package org.unionaid.reporting.feed;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.unionaid.reporting.client.FeedItems.StationItem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Keeps the station tree, with each station's ancestors, from the registry's station feed. */
@ApplicationScoped
public class StationApplier {

    private final AgroalDataSource dataSource;
    private final FeedPositions positions;

    StationApplier(AgroalDataSource dataSource, FeedPositions positions) {
        this.dataSource = dataSource;
        this.positions = positions;
    }

    @Transactional
    public long apply(long from, List<StationItem> items, Instant caughtUpAt) {
        long to = from;
        try (Connection db = dataSource.getConnection();
             PreparedStatement station = db.prepareStatement(
                     "INSERT INTO station (code, parent_code, level, path) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
             PreparedStatement ancestor = db.prepareStatement(
                     "INSERT INTO station_ancestor (station_code, ancestor_code) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (StationItem item : items) {
                if (item.seq() <= to) {
                    continue;
                }
                to = item.seq();
                String path = item.path() != null ? item.path() : pathOf(db, item);
                station.setString(1, item.code());
                station.setString(2, item.parentCode());
                station.setString(3, item.level());
                station.setString(4, path);
                station.executeUpdate();
                for (String code : path.split("/")) {
                    if (!code.isEmpty()) {
                        ancestor.setString(1, item.code());
                        ancestor.setString(2, code);
                        ancestor.addBatch();
                    }
                }
                ancestor.executeBatch();
            }
            positions.advance(db, FeedPositions.STATIONS, from, to, caughtUpAt);
            return to;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply station feed items", e);
        }
    }

    /** Older feed rows may lack the path: the parent's path (parents come first) plus the code. */
    private static String pathOf(Connection db, StationItem item) throws SQLException {
        if (item.parentCode() == null) {
            return "/" + item.code() + "/";
        }
        try (PreparedStatement parent = db.prepareStatement("SELECT path FROM station WHERE code = ?")) {
            parent.setString(1, item.parentCode());
            try (ResultSet row = parent.executeQuery()) {
                return (row.next() ? row.getString(1) : "/" + item.parentCode() + "/") + item.code() + "/";
            }
        }
    }
}
