package org.unionaid.disbursement.crypto;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.unionaid.common.crypto.Resealer;

import java.sql.SQLException;

/**
 * After a rotation of the details key: every value of {@link SealedColumns} (application details and reasons,
 * reversals' reasons and references) that only a previous key opens, sealed again under the current key. Common's
 * {@code Resealing} takes one table, disbursement has two: this is the same few lines over common's {@link Resealer}
 * with both, under one lock and one readiness check ("sealed values"); then the bank files, whose content and digest
 * are sealed again together ({@link BankFileResealing}).
 */
@Readiness
@Singleton
public class DetailsResealing implements HealthCheck {

    /** Common's advisory-lock base for re-sealing runs, plus this table set's number (as before: 2). */
    private static final long LOCK = 0x5245_5345_414c_0000L + 2;

    private final Resealer resealer;
    private final BankFileResealing bankFiles;
    private final boolean rotated;

    DetailsResealing(AgroalDataSource dataSource, DetailsCipher cipher) {
        this.resealer = new Resealer(dataSource, cipher.sealedValues(), SealedColumns.TABLES, LOCK, 500);
        this.bankFiles = new BankFileResealing(dataSource, cipher.sealedValues());
        this.rotated = cipher.sealedValues().hasPreviousKeys();
    }

    void start(@Observes StartupEvent event) {
        if (rotated) {
            Thread thread = new Thread(() -> {
                try {
                    runNow();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (SQLException | RuntimeException e) {
                    Log.errorf("Re-sealing failed (%s); the next start goes through again", e.getClass().getSimpleName());
                }
            }, "reseal-application");
            thread.setDaemon(true);
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        resealer.stop();
    }

    /**
     * One run now, in the caller's thread (waits for a run elsewhere to end): the values sealed again, those of the
     * tables of {@link SealedColumns#TABLES} and then the bank files' ({@link BankFileResealing}).
     */
    public long runNow() throws SQLException, InterruptedException {
        return resealer.run() + bankFiles.run();
    }

    @Override
    public HealthCheckResponse call() {
        return resealer.health();
    }
}
