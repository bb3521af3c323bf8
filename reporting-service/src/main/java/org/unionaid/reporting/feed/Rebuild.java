package org.unionaid.reporting.feed;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.unionaid.reporting.feed.RebuildJob.Job;
import org.unionaid.reporting.feed.WorkerApplier.FileState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rebuilds every figure the appliers derive (aid cells, persons per cell, the distinct-person counters, the
 * registry's stock and flows) from the source rows the feeds stored ({@code payout}, {@code worker_merge},
 * {@code station_ancestor}, {@code registry_file}) as a batched, resumable job: the start empties the derived
 * tables; each batch counts the next {@code batch-size} standing payouts (then files) by id, exactly as the appliers
 * count them, and moves the job's position in the same transaction. A job stopped anywhere (a killed process, a lost
 * connection) resumes at its position on the next run. One job at a time: the runner holds the advisory lock
 * {@link #KEY}; a second runner gives up at once. Reports answer 503 rebuild-running until the job is done
 * ({@link RebuildJob}).
 */
@ApplicationScoped
public class Rebuild {

    /** The runner's advisory lock (the bytes of "uarebld"), apart from the feed applier's. */
    public static final long KEY = 0x75617265626c6400L;

    /** Another runner holds the lock. */
    public static final class AlreadyRunning extends IllegalStateException {
        AlreadyRunning() {
            super("Another rebuild runner holds the lock");
        }
    }

    private static final List<String> DERIVED = List.of("aid_cell", "aid_person", "aid_reach", "aid_reach_chain",
            "registry_stock", "registry_flow");

    private final AgroalDataSource dataSource;
    private final String url;
    private final String user;
    private final String password;
    private final int batchSize;

    Rebuild(AgroalDataSource dataSource,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password,
            @ConfigProperty(name = "union-aid.rebuild.batch-size", defaultValue = "2000") int batchSize) {
        this.dataSource = dataSource;
        this.url = url;
        this.user = user;
        this.password = password;
        this.batchSize = batchSize;
    }

    /** Runs the unfinished job to its end, or starts one; the configured batch size. */
    public Job run() {
        return run(batchSize);
    }

    /** Runs the unfinished job to its end, or starts one and runs it; each batch one transaction. */
    public Job run(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size " + size);
        }
        try (Connection lock = AdvisoryLock.tryTake(url, user, password, KEY, "reporting-rebuild")) {
            if (lock == null) {
                throw new AlreadyRunning();
            }
            Job job = QuarkusTransaction.requiringNew().call(this::startOrResume);
            Log.infof("Rebuild %d: %s from %d (%d batches done)", job.id(), job.phase(), job.position(), job.batches());
            while (!RebuildJob.DONE.equals(job.phase())) {
                Job current = job;
                job = QuarkusTransaction.requiringNew().call(() -> batch(current, size));
                if (job.batches() % 50 == 0 || !job.phase().equals(current.phase())) {
                    Log.infof("Rebuild %d: %s at %d, %d batches, %d rows", job.id(), job.phase(), job.position(),
                            job.batches(), job.rowsDone());
                }
            }
            Log.infof("Rebuild %d done: %d batches, %d rows", job.id(), job.batches(), job.rowsDone());
            return job;
        } catch (SQLException e) {
            throw new IllegalStateException("Rebuild lock not taken", e);
        }
    }

    /** The unfinished job, or a new one whose start empties the derived tables (in this transaction). */
    private Job startOrResume() throws SQLException {
        try (Connection db = dataSource.getConnection()) {
            var unfinished = RebuildJob.unfinished(db);
            if (unfinished.isPresent()) {
                return unfinished.get();
            }
            long id;
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO rebuild_job (phase, started_at, updated_at)"
                    + " VALUES (?, ?, ?) RETURNING job_id")) {
                insert.setString(1, RebuildJob.PAYOUTS);
                insert.setTimestamp(2, now);
                insert.setTimestamp(3, now);
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    id = row.getLong(1);
                }
            }
            try (Statement truncate = db.createStatement()) {
                truncate.execute("TRUNCATE " + String.join(", ", DERIVED));
            }
            return new Job(id, RebuildJob.PAYOUTS, 0, 0, 0, now.toInstant(), null);
        }
    }

    /** One batch: the next rows of the job's phase counted, and the job moved past them, in one transaction. */
    private Job batch(Job job, int size) throws SQLException {
        try (Connection db = dataSource.getConnection()) {
            long last;
            int rows;
            String phase = job.phase();
            if (RebuildJob.PAYOUTS.equals(phase)) {
                List<Payout> payouts = Payout.standingAfter(db, job.position(), size);
                rows = payouts.size();
                last = rows == 0 ? 0 : payouts.get(rows - 1).id;
                countPayouts(db, payouts);
            } else {
                Map<Long, FileState> files = files(db, job.position(), size);
                rows = files.size();
                last = files.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
                countFiles(db, files.values());
            }
            String next = rows > 0 ? phase : RebuildJob.PAYOUTS.equals(phase) ? RebuildJob.FILES : RebuildJob.DONE;
            long position = rows > 0 ? last : 0;
            Instant now = Instant.now();
            try (PreparedStatement update = db.prepareStatement("UPDATE rebuild_job SET phase = ?, position = ?,"
                    + " batches = batches + 1, rows_done = rows_done + ?, updated_at = ?, finished_at = ?"
                    + " WHERE job_id = ? AND phase = ? AND position = ? AND finished_at IS NULL")) {
                update.setString(1, next);
                update.setLong(2, position);
                update.setLong(3, rows);
                update.setTimestamp(4, Timestamp.from(now));
                update.setTimestamp(5, RebuildJob.DONE.equals(next) ? Timestamp.from(now) : null);
                update.setLong(6, job.id());
                update.setString(7, phase);
                update.setLong(8, job.position());
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("Rebuild " + job.id() + " moved past " + job.position() + " meanwhile");
                }
            }
            return new Job(job.id(), next, position, job.batches() + 1, job.rowsDone() + rows, job.startedAt(),
                    RebuildJob.DONE.equals(next) ? now : null);
        }
    }

    /** As {@link PayoutApplier} counts a payout that arrives: its cells, its person's cells and the counters. */
    private static void countPayouts(Connection db, List<Payout> payouts) throws SQLException {
        if (payouts.isEmpty()) {
            return;
        }
        WorkerMerges.lockShared(db);
        Map<Long, Long> personOf = WorkerMerges.persons(db,
                payouts.stream().map(p -> p.workerId).filter(Objects::nonNull).distinct().toList());
        Deltas cells = PayoutApplier.cells();
        Deltas persons = PersonDeltas.create();
        for (Payout p : payouts) {
            PayoutApplier.count(p, 1, cells, persons, personOf);
        }
        cells.write(db);
        PersonCounters.apply(db, persons.firstValues());
        persons.write(db);
    }

    /** As {@link WorkerApplier} counts a file's newest state: the stock and the flows. */
    private static void countFiles(Connection db, Iterable<FileState> files) throws SQLException {
        Deltas stock = WorkerApplier.stock();
        Deltas flow = WorkerApplier.flow();
        for (FileState file : files) {
            WorkerApplier.count(file, 1, stock, flow);
        }
        stock.write(db);
        flow.write(db);
    }

    private static Map<Long, FileState> files(Connection db, long after, int size) throws SQLException {
        Map<Long, FileState> files = new java.util.LinkedHashMap<>();
        try (PreparedStatement query = db.prepareStatement("SELECT file_id, seq, status, category, cause, station_code,"
                + " created_on, exited_on FROM registry_file WHERE file_id > ? ORDER BY file_id LIMIT ?")) {
            query.setLong(1, after);
            query.setInt(2, size);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    files.put(row.getLong(1), WorkerApplier.state(row));
                }
            }
        }
        return files;
    }
}
