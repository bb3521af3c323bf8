package org.unionaid.registry.service;

import org.unionaid.registry.domain.AccidentRecord;
import org.unionaid.registry.domain.Cause;
import org.unionaid.registry.domain.HouseholdEntry;

import java.time.LocalDate;
import java.util.List;

/** Changes to a file; null fields stay as they are. Mapped from the request at the resource edge. */
public record FileChanges(String name, String phone, String stationCode, Long enterpriseId, Boolean migrantWorker,
                          LocalDate labourRelationSince, HouseholdEntry household, Cause mainCause,
                          List<Cause> otherCauses, AccidentRecord accident) {

    /** Whether this changes what only a change request may change on an ACTIVE file. */
    public boolean touchesAssessedFields() {
        return household != null || accident != null || mainCause != null || otherCauses != null || stationCode != null;
    }
}
