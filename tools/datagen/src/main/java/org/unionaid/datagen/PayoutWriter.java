package org.unionaid.datagen;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * Writes generated payouts ({@link Payouts}) with JDBC batches into the disbursement database exactly as
 * disbursement-service writes them: applications, payouts, ledger entries (RESERVE then PAY), payout-feed rows and
 * the budget's paid figure, ids taken from the service's own sequences, details sealed with its key ({@link DetailsSeal}).
 */
final class PayoutWriter {

    /** Marks every generated payout: the loader's "already loaded" test looks for it. */
    static final String REFERENCE_PREFIX = "DEMO/";
    static final long FEED_LOCK = 7_003L;
    /** Ids left unused below a reserved range: room for the nextval calls of others while it is taken. */
    static final long GAP = 1_000;

    private PayoutWriter() {
    }

    /**
     * Writes the rows in one transaction: applications (PAID), payouts, a RESERVE and a PAY ledger
     * entry each, the payout-feed rows (under the feed's advisory lock), and the budget's paid figure.
     */
    static void write(Connection db, List<Payouts.Row> rows, DetailsSeal seal) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try {
            long applicationBase = reserve(db, "application_seq", n);
            long payoutBase = reserve(db, "payout_seq", n);
            long ledgerBase = reserve(db, "ledger_entry_seq", 2L * n);
            try (PreparedStatement app = db.prepareStatement("""
                    INSERT INTO application (id, project_code, year, beneficiary, worker_id, enterprise_id, station_code,
                      station_path, category, main_cause, requested_amount, amount, details, once_key, status,
                      submitted_by, submitted_at, decided_by, decided_at, version, enrolment_id, member_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PAID', ?, ?, ?, ?, 2, ?, ?)""")) {
                for (int k = 0; k < n; k++) {
                    Payouts.Row row = rows.get(k);
                    Instant decided = row.paidAt().minusSeconds(86_400L * (1 + k % 9));
                    Instant submitted = decided.minusSeconds(86_400L * (2 + k % 13));
                    app.setLong(1, applicationBase + k);
                    app.setString(2, row.project());
                    app.setInt(3, row.year());
                    app.setString(4, row.beneficiary());
                    setLong(app, 5, row.beneficiary().equals("HOUSEHOLD") ? row.workerId() : null);
                    setLong(app, 6, row.enterpriseId());
                    app.setString(7, row.stationCode());
                    app.setString(8, row.stationPath());
                    app.setString(9, row.category());
                    app.setString(10, row.cause());
                    app.setBigDecimal(11, row.amount());
                    app.setBigDecimal(12, row.amount());
                    app.setBytes(13, seal.seal(row.details()));
                    app.setString(14, row.onceKey());
                    app.setString(15, "demo-clerk-" + row.stationCode());
                    app.setTimestamp(16, Timestamp.from(submitted));
                    app.setString(17, "demo-reviewer");
                    app.setTimestamp(18, Timestamp.from(decided));
                    setLong(app, 19, row.enrolmentId());
                    setLong(app, 20, row.memberId());
                    app.addBatch();
                }
                app.executeBatch();
            }
            try (PreparedStatement pay = db.prepareStatement("""
                    INSERT INTO payout (id, application_id, project_code, year, amount, channel, reference, status, paid_at, paid_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'PAID', ?, 'demo-finance')""")) {
                for (int k = 0; k < n; k++) {
                    Payouts.Row row = rows.get(k);
                    pay.setLong(1, payoutBase + k);
                    pay.setLong(2, applicationBase + k);
                    pay.setString(3, row.project());
                    pay.setInt(4, row.year());
                    pay.setBigDecimal(5, row.amount());
                    pay.setString(6, row.channel());
                    pay.setString(7, REFERENCE_PREFIX + row.year() + "/" + (applicationBase + k));
                    pay.setTimestamp(8, Timestamp.from(row.paidAt()));
                    pay.addBatch();
                }
                pay.executeBatch();
            }
            try (PreparedStatement ledger = db.prepareStatement("""
                    INSERT INTO ledger_entry (id, project_code, year, kind, amount, application_id, payout_id, created_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int k = 0; k < n; k++) {
                    Payouts.Row row = rows.get(k);
                    Instant decided = row.paidAt().minusSeconds(86_400L * (1 + k % 9));
                    entry(ledger, ledgerBase + 2L * k, row, "RESERVE", applicationBase + k, null, decided, "demo-reviewer");
                    entry(ledger, ledgerBase + 2L * k + 1, row, "PAY", applicationBase + k, payoutBase + k, row.paidAt(), "demo-finance");
                }
                ledger.executeBatch();
            }
            try (Statement lock = db.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + FEED_LOCK + ")");
            }
            try (PreparedStatement feed = db.prepareStatement(
                    "INSERT INTO payout_feed (entry_id, payload) VALUES (?, CAST(? AS jsonb))")) {
                for (int k = 0; k < n; k++) {
                    Payouts.Row row = rows.get(k);
                    long entry = ledgerBase + 2L * k + 1;
                    feed.setLong(1, entry);
                    feed.setString(2, feedPayload(entry, payoutBase + k, applicationBase + k, row));
                    feed.addBatch();
                }
                feed.executeBatch();
            }
            try (PreparedStatement budget = db.prepareStatement(
                    "UPDATE budget SET paid = paid + ?, updated_at = now() WHERE project_code = ? AND year = ?")) {
                budget.setBigDecimal(1, Payouts.sum(rows));
                budget.setString(2, rows.get(0).project());
                budget.setInt(3, rows.get(0).year());
                if (budget.executeUpdate() != 1) {
                    throw new SQLException("no budget " + rows.get(0).project() + "/" + rows.get(0).year());
                }
            }
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }

    /** The feed item as PayoutFeed writes it (PayoutEvent as JSON). */
    static String feedPayload(long entryId, long payoutId, long applicationId, Payouts.Row row) {
        return "{\"entryId\":" + entryId + ",\"kind\":\"PAYOUT\",\"payoutId\":" + payoutId
                + ",\"applicationId\":" + applicationId + ",\"projectCode\":\"" + row.project()
                + "\",\"beneficiary\":\"" + row.beneficiary() + "\",\"workerId\":"
                + (row.beneficiary().equals("HOUSEHOLD") ? row.workerId() : "null")
                + ",\"stationCode\":\"" + row.stationCode() + "\",\"enterpriseId\":" + row.enterpriseId()
                + ",\"category\":" + quoted(row.category()) + ",\"mainCause\":" + quoted(row.cause())
                + ",\"amount\":\"" + row.amount().toPlainString() + "\",\"occurredOn\":\""
                + row.paidAt().atZone(HardshipFiles.CHINA).toLocalDate() + "\",\"occurredAt\":\"" + row.paidAt()
                + "\",\"enrolmentId\":" + row.enrolmentId() + ",\"memberId\":" + row.memberId() + "}";
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private static void entry(PreparedStatement ledger, long id, Payouts.Row row, String kind, long applicationId, Long payoutId,
                              Instant at, String by) throws SQLException {
        ledger.setLong(1, id);
        ledger.setString(2, row.project());
        ledger.setInt(3, row.year());
        ledger.setString(4, kind);
        ledger.setBigDecimal(5, row.amount());
        ledger.setLong(6, applicationId);
        setLong(ledger, 7, payoutId);
        ledger.setTimestamp(8, Timestamp.from(at));
        ledger.setString(9, by);
        ledger.addBatch();
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    /**
     * Takes {@code n} ids of a sequence the service also draws from: moves the sequence past them and
     * a gap below them in one statement, so the service's next (pooled) block starts above them. nextval
     * and setval are two steps: whoever draws in between gets a value just above the old position (a
     * pooled block of the service, up to 50 ids below its value), so the ids taken are the top {@code n},
     * {@value #GAP} above it. The generator's own threads take turns (they once drew in between each
     * other and wrote the same ledger ids). Returns the first id.
     */
    static synchronized long reserve(Connection db, String sequence, long n) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT setval('" + sequence + "', nextval('" + sequence + "') + " + (GAP + n) + ")")) {
            rs.next();
            return rs.getLong(1) - n + 1;
        }
    }
}
