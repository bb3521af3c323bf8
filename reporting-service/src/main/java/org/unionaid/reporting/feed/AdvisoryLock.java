package org.unionaid.reporting.feed;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A PostgreSQL session-level advisory lock on a connection of its own, opened outside the pool (a pooled one could
 * be recycled, and with it the lock) with TCP keep-alive: the lock goes with the connection, so when its process
 * dies or its connection breaks PostgreSQL releases it.
 */
final class AdvisoryLock {

    private AdvisoryLock() {
    }

    /** The connection holding lock {@code key}, or null when another session holds it. */
    static Connection tryTake(String url, String user, String password, long key, String applicationName) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("ApplicationName", applicationName);
        Connection db = DriverManager.getConnection(url, props);
        try (PreparedStatement lock = db.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet row = lock.executeQuery()) {
                if (row.next() && row.getBoolean(1)) {
                    return db;
                }
            }
        } catch (SQLException e) {
            db.close();
            throw e;
        }
        db.close();
        return null;
    }
}
