package org.unionaid.reporting.feed;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One applier across replicas: the replica holding PostgreSQL's session-level advisory lock
 * {@link #KEY} on a connection of its own applies the feeds; the others serve reads and try the
 * lock on every tick. The lock goes with its connection, so when the applier's process dies
 * (or its connection breaks) PostgreSQL releases it and another replica's next tick takes over.
 * The connection is opened outside the pool with TCP keep-alive ({@link AdvisoryLock}), so a vanished
 * host is noticed by the server too.
 */
@ApplicationScoped
public class ApplierLease {

    /** The advisory lock's key (the bytes of "uafeeds"); every replica of one database uses it. */
    public static final long KEY = 0x7561666565647300L;

    private final String url;
    private final String user;
    private final String password;
    private Connection held;

    ApplierLease(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                 @ConfigProperty(name = "quarkus.datasource.username") String user,
                 @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * True when this replica holds the lock now: keeps it while its connection answers, otherwise
     * tries to take it. Called before every poll; a replica that lost its connection is standby
     * until it takes the lock again (the conditional position update stops a batch it had under way
     * from being applied twice).
     */
    public synchronized boolean acquire() {
        if (held != null) {
            try {
                if (held.isValid(2)) {
                    return true;
                }
            } catch (SQLException e) {
                // treated as lost below
            }
            Log.warn("Feed applier lock lost with its connection; standby until it is taken again");
            closeQuietly();
        }
        try {
            held = AdvisoryLock.tryTake(url, user, password, KEY, "reporting-feed-applier");
            if (held != null) {
                Log.info("This replica is the feed applier now (advisory lock taken)");
            }
            return held != null;
        } catch (SQLException e) {
            Log.warnf("Feed applier lock not asked (%s); standby this tick", e.getClass().getSimpleName());
            return false;
        }
    }

    /** Whether this replica held the lock at its last check. */
    public synchronized boolean applier() {
        return held != null;
    }

    /** Lets the lock go (shutdown): another replica's next tick takes over. */
    public synchronized void release() {
        if (held != null) {
            Log.info("Feed applier lock released");
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            held.close();
        } catch (SQLException ignored) {
            // closing the session releases its advisory locks anyway
        }
        held = null;
    }
}
