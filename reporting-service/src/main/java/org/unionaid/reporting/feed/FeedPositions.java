package org.unionaid.reporting.feed;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where each feed was read to, and when it was last read to its end. */
@ApplicationScoped
public class FeedPositions {

    public static final String STATIONS = "stations";
    public static final String WORKERS = "workers";
    public static final String PAYOUTS = "payouts";
    public static final String ENROLMENTS = "enrolments";

    /** How far apart the catch-up times stored by idle polls are. */
    public static final Duration IDLE_STEP = Duration.ofSeconds(2);

    /** Positions of all feeds and {@code asOf}: the oldest of their last complete catch-ups (null before the first). */
    public record Snapshot(Map<String, Long> positions, Instant asOf) {
    }

    private final AgroalDataSource dataSource;

    FeedPositions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Snapshot snapshot() {
        try (Connection db = dataSource.getConnection();
             PreparedStatement query = db.prepareStatement("SELECT feed, last_seq, caught_up_at FROM feed_position ORDER BY feed");
             ResultSet rows = query.executeQuery()) {
            Map<String, Long> positions = new LinkedHashMap<>();
            Instant asOf = Instant.MAX;
            while (rows.next()) {
                positions.put(rows.getString(1), rows.getLong(2));
                Timestamp caughtUp = rows.getTimestamp(3);
                asOf = caughtUp == null || asOf == null ? null
                        : caughtUp.toInstant().isBefore(asOf) ? caughtUp.toInstant() : asOf;
            }
            return new Snapshot(positions, asOf == Instant.MAX ? null : asOf);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the feed positions", e);
        }
    }

    public long position(String feed) {
        return snapshot().positions().getOrDefault(feed, 0L);
    }

    /**
     * The feed had nothing after its position when asked at {@code at}: figures are complete to then.
     * Stored only when the stored time is {@link #IDLE_STEP} older: an idle reader polling four times a
     * second would otherwise commit a write per feed each time (asOf then lags by at most the step).
     */
    @Transactional
    public void caughtUp(String feed, Instant at) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement update = db.prepareStatement(
                     "UPDATE feed_position SET caught_up_at = ? WHERE feed = ? AND (caught_up_at IS NULL OR caught_up_at < ?)")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setString(2, feed);
            update.setTimestamp(3, Timestamp.from(at.minus(IDLE_STEP)));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the catch-up time", e);
        }
    }

    /**
     * Moves the position from..to in the caller's transaction. Conditional on the stored position
     * still being {@code from}: a second reader that applied the same items makes this one roll back.
     */
    void advance(Connection db, String feed, long from, long to, Instant caughtUpAt) throws SQLException {
        try (PreparedStatement update = db.prepareStatement(
                "UPDATE feed_position SET last_seq = ?, caught_up_at = COALESCE(?, caught_up_at) WHERE feed = ? AND last_seq = ?")) {
            update.setLong(1, to);
            update.setTimestamp(2, caughtUpAt == null ? null : Timestamp.from(caughtUpAt));
            update.setString(3, feed);
            update.setLong(4, from);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("Feed " + feed + " moved past " + from + " meanwhile; batch rolled back");
            }
        }
    }
}
