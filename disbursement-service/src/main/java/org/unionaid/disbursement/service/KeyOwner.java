package org.unionaid.disbursement.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;

/**
 * This process as the owner of the Idempotency-Keys it is working on. At start it takes a session-level
 * advisory lock named by a fresh owner id on one connection of its own, outside the pool (so no request
 * ever waits for it and the pool keeps all its connections). The lock lives exactly as long as that
 * database session: when the process dies (kill -9, a crash, a lost node) PostgreSQL ends the session and the
 * lock is free, and a retry that finds a key IN_PROGRESS under a free owner lock takes the key over at once.
 */
@Startup
@Singleton
public class KeyOwner {

    /** First half of the advisory lock key: owners of Idempotency-Keys. */
    public static final int LOCK_CLASS = 7004;

    private final String id = UUID.randomUUID().toString();
    private final String url;
    private final String user;
    private final String password;
    private Connection session;

    KeyOwner(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
             @ConfigProperty(name = "quarkus.datasource.username") String user,
             @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        hold();
    }

    /** The owner id stored with each key this process is running. */
    public String id() {
        return id;
    }

    /** Holds the lock again if its session was lost (a restart of PostgreSQL); meanwhile keys could be taken over. */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void keep() {
        try {
            if (session != null && session.isValid(2)) {
                return;
            }
        } catch (SQLException e) {
            // not valid: hold it again below
        }
        Log.warn("The session holding this process's Idempotency-Key owner lock was lost; taking it again");
        close();
        hold();
    }

    private synchronized void hold() {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("ApplicationName", "disbursement-key-owner");
        try {
            session = new org.postgresql.Driver().connect(url, props);
            try (PreparedStatement lock = session.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
                lock.setInt(1, LOCK_CLASS);
                lock.setString(2, id);
                lock.execute();
            }
        } catch (SQLException e) {
            // Without it, keys of this process could be taken over while it runs: each money move still happens once.
            Log.errorf("Cannot hold the Idempotency-Key owner lock (%s); retrying every 5 s", e.getSQLState());
            close();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        close();
    }

    private synchronized void close() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException e) {
                // closing anyway
            }
            session = null;
        }
    }
}
