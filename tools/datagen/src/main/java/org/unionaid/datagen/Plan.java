package org.unionaid.datagen;

import java.util.List;

/**
 * How much aid of each project the city paid per year, at city scale: about 15,300 person-times
 * and 8 M yuan since 2016, 528 student-times (1.7 M) and 5,566 mutual-aid claims (3.7 M), as the
 * domain spec's model city. Larger scales multiply the counts.
 */
final class Plan {

    /** Amounts are drawn from min..max in steps of {@code step} yuan. */
    record ProjectPlan(String code, String beneficiary, int perYear, int min, int max, int step) {
    }

    static final List<ProjectPlan> PROJECTS = List.of(
            new ProjectPlan("LIVING_RELIEF", "HOUSEHOLD", 80, 300, 1_000, 50),
            new ProjectPlan("SERIOUS_ILLNESS", "HOUSEHOLD", 3, 2_000, 19_800, 100),
            new ProjectPlan("MEDICAL_MUTUAL_AID", "HOUSEHOLD", 506, 200, 1_130, 10),
            new ProjectPlan("GOLDEN_AUTUMN", "HOUSEHOLD", 48, 3_000, 5_000, 2_000),
            new ProjectPlan("ACCIDENT_RELIEF", "HOUSEHOLD", 6, 500, 5_000, 500),
            new ProjectPlan("FESTIVAL_WARMTH", "HOUSEHOLD", 760, 100, 200, 50),
            new ProjectPlan("KEY_ENTERPRISE", "ENTERPRISE", 2, 30_000, 80_000, 5_000),
            new ProjectPlan("SKILLS_TRAINING", "HOUSEHOLD", 20, 500, 3_000, 100),
            new ProjectPlan("EMPLOYMENT_AID", "HOUSEHOLD", 10, 500, 2_000, 100),
            new ProjectPlan("MIGRANT_WORKER_AID", "HOUSEHOLD", 20, 300, 1_500, 100),
            new ProjectPlan("STATION_STANDARDISATION", "STATION", 4, 10_000, 30_000, 5_000));

    /** The city's files. */
    static final long CITY_FILES = 4_000;
    /** The shut-down mill's year: 120 of its workers got living relief (on top of the plan). */
    static final int MILL_YEAR = 2017;
    static final int MILL_AIDED = 120;
    static final int MILL_RELIEF = 1_000;

    private Plan() {
    }

    /** Payouts per year of all projects at city scale. */
    static int cityPerYear() {
        return PROJECTS.stream().mapToInt(ProjectPlan::perYear).sum();
    }
}
