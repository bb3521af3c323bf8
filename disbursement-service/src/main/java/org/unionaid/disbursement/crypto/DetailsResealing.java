package org.unionaid.disbursement.crypto;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;
import org.unionaid.common.crypto.Resealer.Column;
import org.unionaid.common.crypto.Resealer.Table;
import org.unionaid.common.crypto.Resealing;

import java.util.List;

/** After a rotation of the details key: the application details only a previous key opens, sealed again. */
@Readiness
@Singleton
public class DetailsResealing extends Resealing {

    DetailsResealing(AgroalDataSource dataSource, DetailsCipher cipher) {
        super(dataSource, cipher.sealedValues(), new Table("application", "id", List.of(new Column("details", SealedDetails.PURPOSE))), 2);
    }
}
