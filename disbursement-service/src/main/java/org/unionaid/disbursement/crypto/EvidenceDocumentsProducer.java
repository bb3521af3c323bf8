package org.unionaid.disbursement.crypto;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.unionaid.documents.DocumentSettings;
import org.unionaid.documents.EvidenceDocuments;

/**
 * The evidence documents of applications: sealed with the details key ({@link DetailsCipher}'s sealer, so
 * DETAILS_PREVIOUS_DATA_KEYS opens documents sealed before a rotation) and kept where DOCUMENTS_STORE says
 * (union-aid.documents.*). Made at start: a missing setting stops the service with its name.
 */
@ApplicationScoped
class EvidenceDocumentsProducer {

    @Produces
    @Singleton
    @Startup
    EvidenceDocuments evidenceDocuments(Config config, DetailsCipher cipher) {
        return new EvidenceDocuments(DocumentSettings.open(name -> config.getOptionalValue(name, String.class)),
                cipher.sealedValues());
    }
}
