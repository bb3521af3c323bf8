package org.unionaid.reporting.feed;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.unionaid.reporting.client.FeedItems.EnterpriseItem;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The enterprises the registry lists as CLOSED, kept in {@code enterprise_closed} (V6). The registry has no
 * enterprise feed, so the whole list is read ({@link FeedReader}, every {@code union-aid.enterprises.refresh-interval})
 * and replaces the stored set; {@code version} moves when the set changed, so reports over it get new ETags.
 */
@ApplicationScoped
public class ClosedEnterprises {

    private final AgroalDataSource dataSource;

    ClosedEnterprises(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Replaces the stored set with {@code closed} (the registry's whole list); true when it changed. */
    @Transactional
    public boolean replace(List<EnterpriseItem> closed, Instant readAt) {
        Map<Long, LocalDate> now = new HashMap<>();
        closed.stream().filter(e -> "CLOSED".equals(e.status())).forEach(e -> now.put(e.id(), e.statusSince()));
        try (Connection db = dataSource.getConnection()) {
            try (PreparedStatement lock = db.prepareStatement("SELECT version FROM enterprise_closed_state WHERE id = 1 FOR UPDATE")) {
                lock.executeQuery().close();
            }
            Map<Long, LocalDate> stored = new HashMap<>();
            try (PreparedStatement query = db.prepareStatement("SELECT enterprise_id, closed_since FROM enterprise_closed");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Date since = rows.getDate(2);
                    stored.put(rows.getLong(1), since == null ? null : since.toLocalDate());
                }
            }
            boolean changed = !stored.equals(now);
            if (changed) {
                try (PreparedStatement delete = db.prepareStatement("DELETE FROM enterprise_closed WHERE NOT (enterprise_id = ANY(?))")) {
                    delete.setArray(1, db.createArrayOf("bigint", now.keySet().toArray()));
                    delete.executeUpdate();
                }
                try (PreparedStatement upsert = db.prepareStatement("INSERT INTO enterprise_closed (enterprise_id, closed_since)"
                        + " VALUES (?, ?) ON CONFLICT (enterprise_id) DO UPDATE SET closed_since = EXCLUDED.closed_since")) {
                    for (Map.Entry<Long, LocalDate> e : now.entrySet()) {
                        if (!stored.containsKey(e.getKey()) || !Objects.equals(stored.get(e.getKey()), e.getValue())) {
                            upsert.setLong(1, e.getKey());
                            upsert.setDate(2, e.getValue() == null ? null : Date.valueOf(e.getValue()));
                            upsert.addBatch();
                        }
                    }
                    upsert.executeBatch();
                }
            }
            try (PreparedStatement state = db.prepareStatement("UPDATE enterprise_closed_state SET refreshed_at = ?,"
                    + " version = version + CASE WHEN ? THEN 1 ELSE 0 END WHERE id = 1")) {
                state.setTimestamp(1, Timestamp.from(readAt));
                state.setBoolean(2, changed);
                state.executeUpdate();
            }
            return changed;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the closed enterprises", e);
        }
    }

    /** How often the set changed: part of the mutual-aid report's ETag. */
    public long version() {
        try (Connection db = dataSource.getConnection();
             PreparedStatement query = db.prepareStatement("SELECT version FROM enterprise_closed_state WHERE id = 1");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the closed enterprises' version", e);
        }
    }
}
