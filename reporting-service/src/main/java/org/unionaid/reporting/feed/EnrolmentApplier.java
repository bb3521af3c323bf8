package org.unionaid.reporting.feed;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.unionaid.reporting.client.FeedItems.EnrolmentItem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Stores a batch of enrolments with the enrolment feed's position, in one transaction. Enrolments never change at
 * the source, so each is stored once (primary key): an item delivered again changes nothing.
 */
@ApplicationScoped
public class EnrolmentApplier {

    private final AgroalDataSource dataSource;
    private final FeedPositions positions;

    EnrolmentApplier(AgroalDataSource dataSource, FeedPositions positions) {
        this.dataSource = dataSource;
        this.positions = positions;
    }

    @Transactional
    public long apply(long from, List<EnrolmentItem> items, Instant caughtUpAt) {
        long to = from;
        try (Connection db = dataSource.getConnection();
             PreparedStatement insert = db.prepareStatement("INSERT INTO enrolment (enrolment_id, member_id, enterprise_id,"
                     + " year, premium, paid_by, enrolled_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (enrolment_id) DO NOTHING")) {
            for (EnrolmentItem item : items) {
                if (item.seq() <= from) {
                    continue;
                }
                to = Math.max(to, item.seq());
                insert.setLong(1, item.enrolmentId());
                insert.setLong(2, item.memberId());
                insert.setLong(3, item.enterpriseId());
                insert.setInt(4, item.year());
                insert.setBigDecimal(5, item.premium());
                insert.setString(6, item.paidBy());
                insert.setTimestamp(7, Timestamp.from(item.enrolledAt()));
                insert.addBatch();
            }
            insert.executeBatch();
            positions.advance(db, FeedPositions.ENROLMENTS, from, to, caughtUpAt);
            return to;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply enrolment feed items", e);
        }
    }
}
