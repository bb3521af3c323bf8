package org.unionaid.reporting.feed;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.common.problem.ProblemException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rebuild of the derived figures ({@code rebuild_job}, V7): its phase (PAYOUTS, then FILES, then DONE), the source
 * row it has counted up to in that phase ({@code position}: a payout or file id), the batches done. While one is
 * unfinished the figures are partial: reports, period closes and the payouts and workers appliers refuse
 * ({@link Running}, 503 rebuild-running) until it is done.
 */
@ApplicationScoped
public class RebuildJob {

    public static final String PAYOUTS = "PAYOUTS";
    public static final String FILES = "FILES";
    public static final String DONE = "DONE";

    /** One job's row. */
    public record Job(long id, String phase, long position, int batches, long rowsDone, Instant startedAt,
                      Instant finishedAt) {
    }

    /** The figures are being rebuilt: 503 with Retry-After; the feed reader waits for the end too. */
    public static final class Running extends ProblemException {
        Running(Job job) {
            super(503, "rebuild-running", List.of(), Map.of("Retry-After", "30"), job.id(), job.batches());
        }
    }

    private final AgroalDataSource dataSource;

    RebuildJob(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The unfinished job, if any. */
    public Optional<Job> running() {
        try (Connection db = dataSource.getConnection()) {
            return unfinished(db);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the rebuild jobs", e);
        }
    }

    /** 503 rebuild-running while a job is unfinished (reports answer only complete figures). */
    public void refuseWhileRunning() {
        running().ifPresent(job -> {
            throw new Running(job);
        });
    }

    /**
     * In a transaction that writes or copies derived figures: refuses while a job is unfinished. The SHARE lock conflicts with
     * a job's start (its INSERT), so a batch either commits before the start, whose truncation then waits for it,
     * or sees the job and writes nothing.
     */
    public static void refuseIn(Connection db) throws SQLException {
        try (Statement lock = db.createStatement()) {
            lock.execute("LOCK TABLE rebuild_job IN SHARE MODE");
        }
        Optional<Job> job = unfinished(db);
        if (job.isPresent()) {
            throw new Running(job.get());
        }
    }

    static Optional<Job> unfinished(Connection db) throws SQLException {
        return one(db, "finished_at IS NULL");
    }

    /** The newest job, finished or not. */
    public Optional<Job> latest() {
        try (Connection db = dataSource.getConnection()) {
            return one(db, "job_id = (SELECT max(job_id) FROM rebuild_job)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the rebuild jobs", e);
        }
    }

    private static Optional<Job> one(Connection db, String where) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT job_id, phase, position, batches, rows_done, started_at,"
                + " finished_at FROM rebuild_job WHERE " + where);
             ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            java.sql.Timestamp finished = row.getTimestamp(7);
            return Optional.of(new Job(row.getLong(1), row.getString(2), row.getLong(3), row.getInt(4), row.getLong(5),
                    row.getTimestamp(6).toInstant(), finished == null ? null : finished.toInstant()));
        }
    }
}
