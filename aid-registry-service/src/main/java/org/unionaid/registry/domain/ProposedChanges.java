package org.unionaid.registry.domain;

import java.util.List;

/**
 * What a change request proposes; null fields stay as they are. Stored sealed as one JSON value: its field
 * names are what is on disk.
 */
public record ProposedChanges(HouseholdEntry household, AccidentRecord accident, Cause mainCause,
                              List<Cause> otherCauses, String stationCode) {

    /** The fields that may change only through a change request on an ACTIVE file, in the order shown. */
    public static final List<String> FIELDS = List.of("household", "accident", "mainCause", "otherCauses", "stationCode");
}
