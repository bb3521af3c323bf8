package org.unionaid.datagen;

import org.unionaid.common.crypto.SealedValues;

import java.nio.charset.StandardCharsets;

/**
 * Seals an application's details the way disbursement-service stores them: common's {@link SealedValues}
 * with the service's key (DETAILS_DATA_KEY) and the column's purpose.
 */
final class DetailsSeal {

    static final String ENV = "DETAILS_DATA_KEY";
    static final String PURPOSE = "application.details";

    private final SealedValues sealed;

    private DetailsSeal(SealedValues sealed) {
        this.sealed = sealed;
    }

    /** The seal of disbursement's key, base64 of 32 bytes; IllegalArgumentException naming the variable otherwise. */
    static DetailsSeal of(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException(ENV + " is not set: give the data generator disbursement-service's details key"
                    + " (deploy/local/run.sh keeps it in deploy/local/data/secrets.env)");
        }
        try {
            return new DetailsSeal(SealedValues.of(SealedValues.key(base64, ENV)));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    byte[] seal(String json) {
        return sealed.seal(json.getBytes(StandardCharsets.UTF_8), PURPOSE);
    }
}
