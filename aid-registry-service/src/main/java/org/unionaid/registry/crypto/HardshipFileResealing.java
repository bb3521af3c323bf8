package org.unionaid.registry.crypto;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;
import org.unionaid.common.crypto.Resealer.Column;
import org.unionaid.common.crypto.Resealer.Table;
import org.unionaid.common.crypto.Resealing;
import org.unionaid.registry.service.HardshipFileService;

import java.util.List;

/** After a rotation of the data key: the ID numbers and households only a previous key opens, sealed again. */
@Readiness
@Singleton
public class HardshipFileResealing extends Resealing {

    HardshipFileResealing(AgroalDataSource dataSource, PersonalDataCipher cipher) {
        super(dataSource, cipher.sealedValues(), new Table("hardship_file", "id", List.of(
                new Column("id_number_enc", HardshipFileService.ID_PURPOSE),
                new Column("household_enc", HardshipFileService.HOUSEHOLD_PURPOSE))), 1);
    }
}
