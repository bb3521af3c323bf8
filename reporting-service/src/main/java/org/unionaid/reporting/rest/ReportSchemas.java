package org.unionaid.reporting.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of the reports' items for the OpenAPI document only: the items are built as maps
 * (their keys follow groupBy), so these records name every key an item can have. Never serialised.
 */
final class ReportSchemas {

    private ReportSchemas() {
    }

    private static final String ONLY_GROUPED = "Present when the report is grouped by it (groupBy)";

    @Schema(name = "AidItem", description = "One group of household aid. The group's keys are those named by groupBy; "
            + "the figures are null and suppressed true when the cell could single someone out.")
    record AidItem(
            @Schema(description = ONLY_GROUPED + ": the project", example = "LIVING_RELIEF", maxLength = 40) String project,
            @Schema(description = ONLY_GROUPED, example = "2024", minimum = "1950", maximum = "2100") Integer year,
            @Schema(description = ONLY_GROUPED, example = "2024-Q2", pattern = "^\\d{4}-Q[1-4]$") String quarter,
            @Schema(description = ONLY_GROUPED, example = "2024-03", pattern = "^\\d{4}-(0[1-9]|1[0-2])$") String month,
            @Schema(description = ONLY_GROUPED + ": the station's code (rolled up to level)", example = "C01-D01", maxLength = 32) String station,
            @Schema(description = ONLY_GROUPED + ": the enterprise's id; null for aid not tied to an enterprise", example = "31") Long enterprise,
            @Schema(description = ONLY_GROUPED + ": the file's category", example = "DEEP", maxLength = 20) String category,
            @Schema(description = ONLY_GROUPED + ": the hardship's cause", example = "ILLNESS", maxLength = 40) String cause,
            @Schema(description = "Payouts (person-times); null when suppressed", example = "125") Long personTimes,
            @Schema(description = "Distinct persons aided (exact); null when suppressed", example = "98") Long persons,
            @Schema(description = "Yuan, two decimals, as a string; null when suppressed", example = "250000.00",
                    pattern = "^-?\\d+\\.\\d{2}$") String amount,
            @Schema(description = "True when the figures are withheld", required = true) boolean suppressed) {
    }

    @Schema(name = "RegistryItem", description = "One group of hardship files. The group's keys are those named by groupBy; "
            + "each figure of 1 to 4 files (and its complements) is null, suppressed true when any is.")
    record RegistryItem(
            @Schema(description = ONLY_GROUPED + ": the file status", example = "ACTIVE", maxLength = 20) String status,
            @Schema(description = ONLY_GROUPED + ": the file's category", example = "DEEP", maxLength = 20) String category,
            @Schema(description = ONLY_GROUPED + ": the hardship's cause", example = "ILLNESS", maxLength = 40) String cause,
            @Schema(description = ONLY_GROUPED + ": the station's code (rolled up to level)", example = "C01-D01", maxLength = 32) String station,
            @Schema(description = ONLY_GROUPED, example = "2024", minimum = "1950", maximum = "2100") Integer year,
            @Schema(description = ONLY_GROUPED, example = "2024-Q2", pattern = "^\\d{4}-Q[1-4]$") String quarter,
            @Schema(description = ONLY_GROUPED, example = "2024-03", pattern = "^\\d{4}-(0[1-9]|1[0-2])$") String month,
            @Schema(description = "Files in the group now; null when suppressed", example = "412") Long files,
            @Schema(description = "Files opened in the period; null when suppressed", example = "37") Long newFiles,
            @Schema(description = "Files closed in the period; null when suppressed", example = "12") Long exits,
            @Schema(description = "True when any figure is withheld", required = true) boolean suppressed) {
    }

    @Schema(name = "MutualAidItem", description = "One group of medical mutual aid: enterprise and/or year as grouped")
    record MutualAidItem(
            @Schema(description = ONLY_GROUPED + ": the enterprise's id", example = "31") Long enterprise,
            @Schema(description = ONLY_GROUPED + ": enrolment year of members and premiums, payment year of claims",
                    example = "2026", minimum = "1950", maximum = "2100") Integer year,
            @Schema(description = "Present when grouped by enterprise: the registry lists it as CLOSED") Boolean enterpriseClosed,
            @Schema(description = "Members enrolled", example = "412", required = true) long members,
            @Schema(required = true) MutualAidViews.Premiums premiums,
            @Schema(required = true) MutualAidViews.Claims claims,
            @Schema(description = "Yuan: premiums the union paid at enterprises the registry lists as CLOSED",
                    example = "1200.00", pattern = "^-?\\d+\\.\\d{2}$", required = true) String unionPaidPremiumsOfClosedEnterprises) {
    }
}
