package org.unionaid.common.crypto;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;

/**
 * A service's re-sealing after a data-key rotation (previous-data-keys configured): each start runs its
 * {@link Resealer} in the background; once the log says it is done, or readiness shows the check
 * {@code sealed values} with {@code state: DONE} and no unreadable values, the previous keys can be
 * removed. Readiness stays UP meanwhile: every value opens all along. A service's subclass, a
 * {@code @Readiness @Singleton} bean (no client proxy: this class has no no-args constructor), names its tables.
 */
public abstract class Resealing implements HealthCheck {

    /** Advisory-lock keys of re-sealing runs start here (one key per table set; each service has its own database). */
    private static final long LOCKS = 0x5245_5345_414c_0000L;

    private final Resealer resealer;
    private final String threadName;

    /** Re-sealing of {@code table}'s columns in pages of 500 rows, under advisory lock {@code lockNumber}. */
    protected Resealing(DataSource dataSource, SealedValues sealed, Resealer.Table table, int lockNumber) {
        this.resealer = new Resealer(dataSource, sealed, List.of(table), LOCKS + lockNumber, 500);
        this.threadName = "reseal-" + table.name();
    }

    protected void start(@Observes StartupEvent event) {
        resealer.startIfRotated(threadName);
    }

    protected void stop(@Observes ShutdownEvent event) {
        resealer.stop();
    }

    /** One run now, in the caller's thread (waits for a run elsewhere to end): the values sealed again. */
    public long runNow() throws SQLException, InterruptedException {
        return resealer.run();
    }

    @Override
    public HealthCheckResponse call() {
        return resealer.health();
    }
}
