package org.unionaid.registry.service;

import org.unionaid.registry.domain.AccidentRecord;
import org.unionaid.registry.domain.Cause;
import org.unionaid.registry.domain.HouseholdEntry;

import java.time.LocalDate;
import java.util.List;

/** A new file as staff enter it (or the legacy import brings it), mapped from the request at the resource edge. */
public record FileEntry(String name, String idNumber, String phone, String stationCode, Long enterpriseId,
                        boolean migrantWorker, LocalDate labourRelationSince, HouseholdEntry household,
                        Cause mainCause, List<Cause> otherCauses, AccidentRecord accident, boolean temporary) {
}
