package org.unionaid.disbursement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.BeanParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;
import org.unionaid.common.paging.Page;
import org.unionaid.disbursement.service.Reconciliation.OutstandingItem;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.web.Params;
import org.unionaid.disbursement.service.Reconciliation;
import org.unionaid.disbursement.service.Reconciliation.ProjectYearView;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.FINANCE;
import static org.unionaid.common.security.Roles.REVIEWER;

@Path("/api/v1/reconciliation")
@Tag(name = "Bank files")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    private final Reconciliation reconciliation;

    ReconciliationResource(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GET
    @RolesAllowed({FINANCE, REVIEWER, ADMIN})
    @Operation(operationId = "getReconciliation", summary = "Bank transfers of a budget year: issued, sent, paid, failed, outstanding, reversed",
            description = "project optional (every project). sent = paid + failed + outstanding.")
    public ProjectYearView ofYear(@QueryParam("project") @Parameter(description = "A project's code") String project,
                                  @QueryParam("year") @Parameter(required = true, description = "The budget year",
                                          schema = @Schema(type = SchemaType.INTEGER, minimum = "2000", maximum = "2200")) String year) {
        if (year == null) {
            throw ProblemException.invalid(Violation.keyed("year", "required"));
        }
        return reconciliation.of(project, (int) Params.longInRange(year, "year", 0, 2000, 2200));
    }

    @GET
    @Path("outstanding")
    @RolesAllowed({FINANCE, REVIEWER, ADMIN})
    @Operation(operationId = "listOutstandingPayouts", summary = "SENT payouts with no answer from the bank for more than olderThanDays days",
            description = "Keyset-paged by payout id; olderThanDays 0..3650, default 0.")
    public RestResponse<Page<OutstandingItem>> outstanding(
            @QueryParam("olderThanDays") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "3650", defaultValue = "0")) String days,
            @QueryParam("project") @Parameter(description = "A project's code") String project,
            @BeanParam PageQuery page) {
        int olderThan = (int) Params.longInRange(days, "olderThanDays", 0, 0, 3650);
        return page.answer(reconciliation.outstanding(olderThan, project, page.cursor(), page.limit()));
    }
}
