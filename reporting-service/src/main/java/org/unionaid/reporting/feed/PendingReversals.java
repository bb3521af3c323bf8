package org.unionaid.reporting.feed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pending_reversal} (V3): reversals whose payout has not arrived yet, kept in the transaction that moves
 * the payout feed's position past them and dropped when the payout arrives (stored reversed, counted nowhere).
 */
final class PendingReversals {

    private PendingReversals() {
    }

    /** The reversals kept for these payouts: payout id to the reversal's entry id. */
    static Map<Long, Long> load(Connection db, List<Long> ids) throws SQLException {
        Map<Long, Long> pending = new HashMap<>();
        if (ids.isEmpty()) {
            return pending;
        }
        try (PreparedStatement query = db.prepareStatement(
                "SELECT payout_id, entry_id FROM pending_reversal WHERE payout_id = ANY(?)")) {
            query.setArray(1, db.createArrayOf("bigint", ids.toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    pending.put(row.getLong(1), row.getLong(2));
                }
            }
        }
        return pending;
    }

    static void keep(Connection db, Map<Long, Long> reversals) throws SQLException {
        if (reversals.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO pending_reversal (payout_id, entry_id) VALUES (?, ?) ON CONFLICT (payout_id) DO NOTHING")) {
            for (Map.Entry<Long, Long> r : reversals.entrySet()) {
                insert.setLong(1, r.getKey());
                insert.setLong(2, r.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Deletes the reversals just applied; conditional, so a second reader applying them too rolls back. */
    static void drop(Connection db, List<Long> ids) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM pending_reversal WHERE payout_id = ?")) {
            for (Long id : ids) {
                delete.setLong(1, id);
                if (delete.executeUpdate() != 1) {
                    throw new IllegalStateException("Pending reversal of payout " + id + " was applied meanwhile; batch rolled back");
                }
            }
        }
    }
}
