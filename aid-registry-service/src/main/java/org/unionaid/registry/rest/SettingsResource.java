package org.unionaid.registry.rest;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.paging.Page;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.registry.domain.MinimumLivingStandard;
import org.unionaid.registry.service.MinimumLivingStandards;

import java.math.BigDecimal;
import java.time.Instant;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.ANALYST;
import static org.unionaid.common.security.Roles.CLERK;
import static org.unionaid.common.security.Roles.FINANCE;
import static org.unionaid.common.security.Roles.REVIEWER;
import static org.unionaid.common.security.Roles.SERVICE;

@Path("/api/v1/settings/minimum-living-standard")
@Tag(name = "Settings", description = "The city's minimum living standard (低保) per year")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    public record Standard(
            @Schema(type = SchemaType.STRING, pattern = "^[0-9]{1,8}(\\.[0-9]{1,2})?$", example = "930.00",
                    description = "Yuan a month, more than 0, at most 8 digits and 2 decimals, as a string (a JSON number is taken too)")
            @NotNull @DecimalMin(value = "0.01") @Digits(integer = 8, fraction = 2, message = "{money.format}")
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal monthlyAmount) {
    }

    public record StandardView(int year, @Schema(type = SchemaType.STRING, example = "930.00", description = "Yuan a month with 2 decimals") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal monthlyAmount,
                               Instant updatedAt, String updatedBy) {
        static StandardView of(MinimumLivingStandard s) {
            return new StandardView(s.year, s.monthlyAmount, s.updatedAt, s.updatedBy);
        }
    }

    public record StandardChange(Instant at, String actor,
                                 @Schema(type = SchemaType.STRING, example = "930.00", description = "null for the year's first amount")
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal before,
                                 @Schema(type = SchemaType.STRING, example = "930.00", description = "Yuan a month with 2 decimals") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal after) {
    }

    private final Caller caller;
    private final MinimumLivingStandards standards;

    SettingsResource(Caller caller, MinimumLivingStandards standards) {
        this.caller = caller;
        this.standards = standards;
    }

    @PUT
    @Path("{year}")
    @RolesAllowed(ADMIN)
    @Operation(operationId = "setMinimumLivingStandard", summary = "Set a year's 低保", description = "Each new amount is an entry of the year's history; the same amount again writes nothing.")
    public StandardView set(@PathParam("year") @Min(2000) @Max(2200) int year, @Valid @NotNull Standard request) {
        return StandardView.of(standards.set(year, request.monthlyAmount(), caller));
    }

    @GET
    @Path("{year}/history")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ANALYST, ADMIN})
    @Operation(operationId = "listMinimumLivingStandardHistory", summary = "Every amount a year's 低保 had: who set it, when, before and after")
    public Page<StandardChange> history(@PathParam("year") @Min(2000) @Max(2200) int year) {
        return new Page<>(standards.history(year)
                .orElseThrow(() -> ProblemException.notFound("Minimum living standard of year", year))
                .stream().map(c -> new StandardChange(c.at(), c.actor(), c.before(), c.after())).toList(), null);
    }

    @GET
    @Path("{year}")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ANALYST, ADMIN, SERVICE})
    @Operation(operationId = "getMinimumLivingStandard", summary = "Read a year's 低保")
    public StandardView get(@PathParam("year") @Min(2000) @Max(2200) int year) {
        return MinimumLivingStandard.<MinimumLivingStandard>findByIdOptional(year).map(StandardView::of)
                .orElseThrow(() -> ProblemException.notFound("Minimum living standard of year", year));
    }

    @GET
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ANALYST, ADMIN, SERVICE})
    @Operation(operationId = "listMinimumLivingStandards", summary = "Every year's 低保")
    public Page<StandardView> list() {
        return new Page<>(MinimumLivingStandard.<MinimumLivingStandard>listAll(io.quarkus.panache.common.Sort.by("year"))
                .stream().map(StandardView::of).toList(), null);
    }
}
