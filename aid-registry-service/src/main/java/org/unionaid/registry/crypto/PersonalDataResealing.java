package org.unionaid.registry.crypto;

import io.agroal.api.AgroalDataSource;
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
 * After a rotation of the data key: every sealed value of {@link SealedColumns} (files, checks, history, bank
 * accounts) that only a previous key opens, sealed again. Common's {@code Resealing} takes one table, the registry
 * has four: this is the same few lines over common's {@link Resealer} with all of them, under one lock and one
 * readiness check ("sealed values").
 */
@Readiness
@Singleton
public class PersonalDataResealing implements HealthCheck {

    /** Common's advisory-lock base for re-sealing runs, plus this table set's number. */
    private static final long LOCK = 0x5245_5345_414c_0000L + 1;

    private final Resealer resealer;

    PersonalDataResealing(AgroalDataSource dataSource, PersonalDataCipher cipher) {
        this.resealer = new Resealer(dataSource, cipher.sealedValues(), SealedColumns.TABLES, LOCK, 500);
    }

    void start(@Observes StartupEvent event) {
        resealer.startIfRotated("reseal-personal-data");
    }

    void stop(@Observes ShutdownEvent event) {
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
