package org.unionaid.reporting.feed;

import org.unionaid.reporting.client.FeedItems.PayoutItem;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A payout as counted, the cell it falls in and whether it stands, and the {@code payout} table that keeps it.
 * A mutual-aid claim by enrolment names a member instead of a file (beneficiary MEMBER): it is person aid like a
 * household's, counted in the household cells, its person the member ({@link #person}).
 */
final class Payout {

    static final String HOUSEHOLD = "HOUSEHOLD";
    static final String MEMBER = "MEMBER";

    final long id;
    final String project;
    final String beneficiary;
    final Long workerId;
    final String station;
    final long enterprise;
    final String category;
    final String cause;
    final BigDecimal amount;
    final LocalDate occurredOn;
    final Long memberId;
    final Long enrolmentId;
    boolean reversed;

    Payout(long id, String project, String beneficiary, Long workerId, String station, long enterprise,
           String category, String cause, BigDecimal amount, LocalDate occurredOn, Long memberId, Long enrolmentId,
           boolean reversed) {
        this.id = id;
        this.project = project;
        this.beneficiary = beneficiary;
        this.workerId = workerId;
        this.station = station;
        this.enterprise = enterprise;
        this.category = category;
        this.cause = cause;
        this.amount = amount;
        this.occurredOn = occurredOn;
        this.memberId = memberId;
        this.enrolmentId = enrolmentId;
        this.reversed = reversed;
    }

    static Payout of(PayoutItem item) {
        boolean claim = item.workerId() == null && item.memberId() != null;
        String beneficiary = claim ? MEMBER : item.beneficiary() == null ? HOUSEHOLD : item.beneficiary();
        return new Payout(item.payoutId(), item.projectCode(), beneficiary,
                HOUSEHOLD.equals(beneficiary) ? item.workerId() : null,
                Objects.toString(item.stationCode(), ""), item.enterpriseId() == null ? 0L : item.enterpriseId(),
                Objects.toString(item.category(), ""), Objects.toString(item.mainCause(), ""),
                item.amount(), item.occurredOn(), claim ? item.memberId() : null, claim ? item.enrolmentId() : null,
                false);
    }

    /** The beneficiary of its cells: a member's claim is person aid, in the household cells. */
    String cellBeneficiary() {
        return MEMBER.equals(beneficiary) ? HOUSEHOLD : beneficiary;
    }

    /**
     * The person a member's claim counts for in aid_person: the member's number negated, so that it never meets a
     * file's id (files count for their file, {@link WorkerMerges}); null for other payouts.
     */
    Long memberPerson() {
        return memberId == null ? null : -memberId;
    }

    private static final String SELECT = "SELECT payout_id, project, beneficiary, worker_id, station_code, enterprise_id,"
            + " category, cause, amount, occurred_on, member_id, enrolment_id, reversed FROM payout WHERE ";

    /** The stored payouts matching {@code where}, whose one parameter is an array of ids. */
    static List<Payout> load(Connection db, String where, Collection<Long> ids) throws SQLException {
        List<Payout> payouts = new ArrayList<>();
        if (ids.isEmpty()) {
            return payouts;
        }
        try (PreparedStatement query = db.prepareStatement(SELECT + where)) {
            query.setArray(1, db.createArrayOf("bigint", ids.toArray()));
            read(query, payouts);
        }
        return payouts;
    }

    /** Up to {@code limit} standing (unreversed) payouts with ids above {@code after}, by id. */
    static List<Payout> standingAfter(Connection db, long after, int limit) throws SQLException {
        List<Payout> payouts = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement(SELECT + "NOT reversed AND payout_id > ? ORDER BY payout_id LIMIT ?")) {
            query.setLong(1, after);
            query.setInt(2, limit);
            read(query, payouts);
        }
        return payouts;
    }

    private static void read(PreparedStatement query, List<Payout> payouts) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                payouts.add(new Payout(row.getLong(1), row.getString(2), row.getString(3), row.getObject(4, Long.class),
                        row.getString(5), row.getLong(6), row.getString(7), row.getString(8),
                        row.getBigDecimal(9), row.getDate(10).toLocalDate(), row.getObject(11, Long.class),
                        row.getObject(12, Long.class), row.getBoolean(13)));
            }
        }
    }

    static void insert(Connection db, Iterable<Payout> payouts) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO payout (payout_id, project, beneficiary, worker_id,"
                + " station_code, enterprise_id, category, cause, amount, occurred_on, member_id, enrolment_id, reversed)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Payout p : payouts) {
                insert.setLong(1, p.id);
                insert.setString(2, p.project);
                insert.setString(3, p.beneficiary);
                insert.setObject(4, p.workerId, java.sql.Types.BIGINT);
                insert.setString(5, p.station);
                insert.setLong(6, p.enterprise);
                insert.setString(7, p.category);
                insert.setString(8, p.cause);
                insert.setBigDecimal(9, p.amount);
                insert.setDate(10, Date.valueOf(p.occurredOn));
                insert.setObject(11, p.memberId, java.sql.Types.BIGINT);
                insert.setObject(12, p.enrolmentId, java.sql.Types.BIGINT);
                insert.setBoolean(13, p.reversed);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Flips {@code reversed}; conditional, so a second reader reversing the same payouts rolls back. */
    static void markReversed(Connection db, List<Long> ids) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("UPDATE payout SET reversed = true WHERE payout_id = ? AND NOT reversed")) {
            for (Long id : ids) {
                update.setLong(1, id);
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("Payout " + id + " was reversed meanwhile; batch rolled back");
                }
            }
        }
    }
}
