package org.unionaid.reporting.period;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.reporting.feed.RebuildJob;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * Closing and reopening a period, each one transaction with its history entry. A close takes the
 * {@code report_period} table's lock (closes and reopens one at a time) and then every feed_position row
 * FOR UPDATE: a batch being applied holds its feed's row from its position update to its commit, so the
 * close waits for it, and the next batch waits for the close; the rows copied are exactly those of the
 * positions stored with them, on whichever replica the close is asked.
 */
@ApplicationScoped
public class PeriodClosing {

    /** Periods are over by the city's calendar. */
    static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    PeriodClosing(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Freezes the period's figures; 409 when it is closed already, overlaps a closed period or is not over. */
    @Transactional
    public ClosedPeriod close(ReportPeriod period, String note, String actor) {
        if (!YearMonth.now(CITY).isAfter(period.last())) {
            throw ProblemException.conflict("period-not-over", period.key());
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection db = dataSource.getConnection()) {
            RebuildJob.refuseIn(db);
            lockPeriods(db);
            try (PreparedStatement overlap = db.prepareStatement("SELECT period_key FROM report_period"
                    + " WHERE first_month <= ? AND last_month >= ? ORDER BY first_month LIMIT 1")) {
                overlap.setInt(1, month(period.last()));
                overlap.setInt(2, month(period.first()));
                try (ResultSet row = overlap.executeQuery()) {
                    if (row.next()) {
                        String other = row.getString(1);
                        throw other.equals(period.key()) ? ProblemException.conflict("period-closed", other)
                                : ProblemException.conflict("period-overlaps-closed", period.key(), other);
                    }
                }
            }
            Map<String, Long> positions = new TreeMap<>();
            Instant asOf = Instant.MAX;
            try (PreparedStatement lock = db.prepareStatement(
                    "SELECT feed, last_seq, caught_up_at FROM feed_position ORDER BY feed FOR UPDATE");
                 ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    positions.put(rows.getString(1), rows.getLong(2));
                    Timestamp caughtUp = rows.getTimestamp(3);
                    asOf = caughtUp == null || asOf == null ? null
                            : caughtUp.toInstant().isBefore(asOf) ? caughtUp.toInstant() : asOf;
                }
            }
            asOf = asOf == Instant.MAX ? null : asOf;
            long started = System.nanoTime();
            FrozenSchema.create(db, period);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO report_period (period_key, grain,"
                    + " first_month, last_month, schema_name, closed_at, closed_by, note, positions, as_of)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)")) {
                insert.setString(1, period.key());
                insert.setString(2, String.valueOf(period.grain()));
                insert.setInt(3, month(period.first()));
                insert.setInt(4, month(period.last()));
                insert.setString(5, period.schema());
                insert.setTimestamp(6, Timestamp.from(at));
                insert.setString(7, actor);
                insert.setString(8, note);
                insert.setString(9, json(positions));
                insert.setTimestamp(10, asOf == null ? null : Timestamp.from(asOf));
                insert.executeUpdate();
            }
            event(db, period, "CLOSE", actor, at, note, positions);
            Log.infof("Period %s closed at feed positions %s; figures frozen in %d ms", period.key(), positions,
                    (System.nanoTime() - started) / 1_000_000);
            return new ClosedPeriod(period, at, actor, note, positions, asOf);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not close period " + period.key(), e);
        }
    }

    /** Drops the freeze; 409 when the period is not closed. The history keeps the close and this reopen. */
    @Transactional
    public PeriodEvent reopen(ReportPeriod period, String reason, String actor) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection db = dataSource.getConnection()) {
            lockPeriods(db);
            try (PreparedStatement delete = db.prepareStatement("DELETE FROM report_period WHERE period_key = ?")) {
                delete.setString(1, period.key());
                if (delete.executeUpdate() == 0) {
                    throw ProblemException.conflict("period-not-closed", period.key());
                }
            }
            FrozenSchema.drop(db, period);
            long id = event(db, period, "REOPEN", actor, at, reason, null);
            Log.infof("Period %s reopened; its frozen figures dropped", period.key());
            return new PeriodEvent(id, period.key(), "REOPEN", actor, at, reason);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reopen period " + period.key(), e);
        }
    }

    private static void lockPeriods(Connection db) throws SQLException {
        try (Statement lock = db.createStatement()) {
            lock.execute("LOCK TABLE report_period IN SHARE ROW EXCLUSIVE MODE");
        }
    }

    private long event(Connection db, ReportPeriod period, String action, String actor, Instant at, String text,
                       Map<String, Long> positions) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO report_period_event"
                + " (period_key, action, actor, at, text, positions) VALUES (?, ?, ?, ?, ?, ?::jsonb) RETURNING id")) {
            insert.setString(1, period.key());
            insert.setString(2, action);
            insert.setString(3, actor);
            insert.setTimestamp(4, Timestamp.from(at));
            insert.setString(5, text);
            insert.setString(6, positions == null ? null : json(positions));
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        }
    }

    private String json(Map<String, Long> positions) {
        try {
            return json.writeValueAsString(positions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the feed positions", e);
        }
    }

    private static int month(YearMonth m) {
        return m.getYear() * 100 + m.getMonthValue();
    }
}
