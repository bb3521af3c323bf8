package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.registry.config.RegistryConfig;
import org.unionaid.registry.domain.Enterprise;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.Station;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** The rules a file's entry and its changes share: where it may be kept, its enterprise, a migrant's months. */
@ApplicationScoped
public class FileRules {

    /** The registry's days (a notice's start, a review's due date, the year of the 低保) are China's. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final RegistryConfig config;

    FileRules(RegistryConfig config) {
        this.config = config;
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    public static int thisYear() {
        return today().getYear();
    }

    public static List<FileStatus> openStatuses() {
        return List.of(FileStatus.PENDING, FileStatus.ACTIVE, FileStatus.TEMPORARY);
    }

    /**
     * JPQL: the file holds its ID number, as the unique index hardship_file_one_open_per_id does (V13): open, or
     * merged into another file (its aid is the survivor's, so a new file of it would start without that history).
     * The parameter {@code open} is {@link #openStatuses()}.
     */
    public static final String HOLDS_ID_NUMBER = "(status in :open or mergedInto is not null)";

    /** A station that exists (422 otherwise) and lies in the caller's scope (403 otherwise). */
    public Station stationInScope(String code, StationScope scope) {
        Station station = Station.findById(code);
        if (station == null) {
            throw ProblemException.unprocessable("unknown-station", code);
        }
        if (!scope.covers(station.path)) {
            throw new ProblemException(403, "station-out-of-scope", code);
        }
        return station;
    }

    public static void requireEnterprise(Long enterpriseId) {
        if (enterpriseId != null && Enterprise.findById(enterpriseId) == null) {
            throw ProblemException.unprocessable("unknown-enterprise", enterpriseId);
        }
    }

    public void requireMigrantRelation(boolean migrant, LocalDate since) {
        if (!migrant) {
            return;
        }
        if (since == null) {
            throw ProblemException.invalid(Violation.keyed("labourRelationSince", "labour-relation-required"));
        }
        if (since.isAfter(today().minusMonths(config.files().migrantMonths()))) {
            throw ProblemException.unprocessable("migrant-too-recent", config.files().migrantMonths());
        }
    }
}
