package org.unionaid.registry.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.unionaid.registry.domain.Cause;
import org.unionaid.registry.domain.ExitReason;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.rest.WorkerDtos.AccidentInput;
import org.unionaid.registry.rest.WorkerDtos.HouseholdInput;
import org.unionaid.registry.rest.WorkerDtos.NewWorker;
import org.unionaid.registry.rest.validation.FromYear1900;
import org.unionaid.registry.rest.validation.ResidentIdNumber;

import java.time.Instant;
import java.util.List;

/** The legacy import: files kept so far in spreadsheets or the national system, already verified there. */
public final class ImportDtos {

    private ImportDtos() {
    }

    public record ImportBatch(@NotNull @Size(min = 1, max = 1000) List<ImportItem> items) {
    }

    @Schema(description = "A file as POST /api/v1/workers takes it, with its past: when it was entered, activated, exited")
    public record ImportItem(
            @NotBlank @Size(max = 50) String name,
            @Schema(pattern = WorkerDtos.ID_NUMBER, minLength = 18, maxLength = 18) @NotBlank @ResidentIdNumber String idNumber,
            @Schema(maxLength = 20) @Pattern(regexp = WorkerDtos.PHONE) String phone,
            @NotBlank @Size(max = 32) String stationCode,
            Long enterpriseId,
            boolean migrantWorker,
            @PastOrPresent @FromYear1900 java.time.LocalDate labourRelationSince,
            @NotNull @Valid HouseholdInput household,
            @NotNull Cause mainCause,
            @Size(max = 7) List<@NotNull Cause> otherCauses,
            @Valid AccidentInput accident,
            @Schema(description = "ACTIVE or EXITED") @NotNull FileStatus status,
            @NotNull @PastOrPresent @FromYear1900 Instant createdAt,
            @NotNull @PastOrPresent @FromYear1900 Instant activatedAt,
            @PastOrPresent @FromYear1900 Instant exitedAt,
            ExitReason exitReason) {

        public NewWorker asNewWorker() {
            return new NewWorker(name, idNumber, phone, stationCode, enterpriseId, migrantWorker,
                    labourRelationSince, household, mainCause,
                    otherCauses, accident, false);
        }
    }

}
