package org.unionaid.disbursement.crypto;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Optional;

@ApplicationScoped
class Ciphers {

    /** Made at start: without a fit key the service refuses to start, with a message naming the setting. */
    @Produces
    @Singleton
    @Startup
    DetailsCipher detailsCipher(CryptoConfig config) {
        return DetailsCipher.of(Optional.of(config.dataKey()), config.previousDataKeys());
    }
}
