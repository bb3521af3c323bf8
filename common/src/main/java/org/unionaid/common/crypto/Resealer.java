package org.unionaid.common.crypto;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * After a data-key rotation, seals again under the current key every value of some tables that only a
 * previous key opens, so that the previous key can be retired. Each table is walked by its id (keyset
 * pages of {@code batchSize} rows), each page read and written in one short transaction; a value is
 * replaced only while it is still the one read (a write in between was sealed under the current key
 * anyway). A value no key opens is counted and left as it is. One instance of a service at a time: the
 * run holds a PostgreSQL session advisory lock. Nothing of a value reaches the log, only table, column
 * and row ids.
 */
public final class Resealer {

    private static final Logger LOG = Logger.getLogger(Resealer.class);
    /** What {@link #page} answers once a table is through. */
    private static final long LAST = Long.MAX_VALUE;

    /** A sealed column and the purpose its values are bound to. */
    public record Column(String name, String purpose) {
    }

    /** A table with sealed columns, walked by its numeric primary key. */
    public record Table(String name, String id, List<Column> columns) {
    }

    public enum State { IDLE, WAITING, RUNNING, DONE, STOPPED, FAILED }

    private final DataSource dataSource;
    private final SealedValues sealed;
    private final List<Table> tables;
    private final long lockKey;
    private final int batchSize;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong resealed = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private volatile State state = State.IDLE;
    private volatile boolean stopping;

    /** Names (tables, columns) are the caller's constants, never input. */
    public Resealer(DataSource dataSource, SealedValues sealed, List<Table> tables, long lockKey, int batchSize) {
        this.dataSource = dataSource;
        this.sealed = sealed;
        this.tables = List.copyOf(tables);
        this.lockKey = lockKey;
        this.batchSize = batchSize;
    }

    /**
     * Runs once through every table, waiting for the lock while another instance holds it. Returns the
     * values sealed again by this run; {@link #status()} counts those of the latest run.
     */
    public long run() throws SQLException, InterruptedException {
        read.set(0);
        resealed.set(0);
        unreadable.set(0);
        state = State.WAITING;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(true);
            while (!tryLock(lock)) {
                if (stopping) {
                    state = State.STOPPED;
                    return 0;
                }
                Thread.sleep(1_000);
            }
            try {
                state = State.RUNNING;
                LOG.infof("Re-sealing under the current data key the values a previous key opens (%s)", tableNames());
                for (Table table : tables) {
                    long after = Long.MIN_VALUE;
                    while (!stopping && after != LAST) {
                        after = page(table, after);
                    }
                }
                if (stopping) {
                    state = State.STOPPED;
                    LOG.infof("Re-sealing stopped after %d rows; the next start goes through again", read.get());
                    return resealed.get();
                }
                state = State.DONE;
                if (unreadable.get() == 0) {
                    LOG.infof("Re-sealing done: %d rows read, %d values sealed again. Every value of %s opens under the "
                            + "current data key: the previous keys can be removed from the configuration",
                            read.get(), resealed.get(), tableNames());
                } else {
                    LOG.warnf("Re-sealing done: %d rows read, %d values sealed again, %d values that no configured key "
                            + "opens (left as they are; see the warnings above)", read.get(), resealed.get(), unreadable.get());
                }
                return resealed.get();
            } finally {
                unlock(lock);
            }
        } catch (SQLException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /** {@link #run()} on a daemon thread of this name; a failure is logged (the next start tries again). */
    public Thread startInBackground(String threadName) {
        Thread thread = new Thread(() -> {
            try {
                run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException | RuntimeException e) {
                LOG.errorf("Re-sealing failed after %d rows (%s); the next start goes through again", read.get(),
                        e.getClass().getSimpleName());
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Asks a running {@link #run()} to stop after its page (the service is shutting down). */
    public void stop() {
        stopping = true;
    }

    public State state() {
        return state;
    }

    /**
     * Starts {@link #run()} on a daemon thread of this name when previous keys are configured (a rotation
     * may have left values to seal again); otherwise does nothing.
     */
    public void startIfRotated(String threadName) {
        if (sealed.hasPreviousKeys()) {
            startInBackground(threadName);
        }
    }

    /**
     * A readiness check's answer, "sealed values": always UP (every value opens all along), with whether
     * previous keys are configured and, if so, the latest run's state and counts.
     */
    public HealthCheckResponse health() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("sealed values").up();
        response.withData("previousKeysConfigured", sealed.hasPreviousKeys());
        if (sealed.hasPreviousKeys()) {
            status().forEach((name, value) -> response.withData(name, String.valueOf(value)));
        }
        return response.build();
    }

    /** State and counts of the latest run. */
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", state.name());
        status.put("rowsRead", read.get());
        status.put("valuesResealed", resealed.get());
        status.put("valuesUnreadable", unreadable.get());
        return status;
    }

    /** One page of rows after id {@code after}: the last id read, or {@link #LAST} when the page was not full. */
    private long page(Table table, long after) throws SQLException {
        StringBuilder columns = new StringBuilder();
        for (Column column : table.columns()) {
            columns.append(", ").append(column.name());
        }
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                List<Object[]> updates = new ArrayList<>();
                long last = LAST;
                int rowsRead = 0;
                try (PreparedStatement select = db.prepareStatement("SELECT " + table.id() + columns + " FROM " + table.name()
                        + " WHERE " + table.id() + " > ? ORDER BY " + table.id() + " LIMIT " + batchSize)) {
                    select.setLong(1, after);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            last = rows.getLong(1);
                            rowsRead++;
                            read.incrementAndGet();
                            for (int c = 0; c < table.columns().size(); c++) {
                                byte[] value = rows.getBytes(c + 2);
                                byte[] again = value == null ? null : resealed(table, table.columns().get(c), last, value);
                                if (again != null) {
                                    updates.add(new Object[]{c, last, again, value});
                                }
                            }
                        }
                    }
                }
                for (Object[] update : updates) {
                    Column column = table.columns().get((Integer) update[0]);
                    try (PreparedStatement write = db.prepareStatement("UPDATE " + table.name() + " SET " + column.name()
                            + " = ? WHERE " + table.id() + " = ? AND " + column.name() + " = ?")) {
                        write.setBytes(1, (byte[]) update[2]);
                        write.setLong(2, (Long) update[1]);
                        write.setBytes(3, (byte[]) update[3]);
                        resealed.addAndGet(write.executeUpdate());
                    }
                }
                db.commit();
                return rowsRead < batchSize ? LAST : last;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    private byte[] resealed(Table table, Column column, long id, byte[] value) {
        try {
            return sealed.resealed(value, column.purpose());
        } catch (SealedValues.Unreadable e) {
            unreadable.incrementAndGet();
            LOG.warnf("%s.%s of row %d opens under no configured key: left as it is", table.name(), column.name(), id);
            return null;
        }
    }

    private boolean tryLock(Connection lock) throws SQLException {
        try (PreparedStatement take = lock.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            take.setLong(1, lockKey);
            try (ResultSet row = take.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private void unlock(Connection lock) throws SQLException {
        try (PreparedStatement release = lock.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            release.setLong(1, lockKey);
            release.execute();
        }
    }

    private String tableNames() {
        return String.join(", ", tables.stream().map(Table::name).toList());
    }
}
