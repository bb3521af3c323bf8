package org.unionaid.disbursement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.problem.ProblemException;
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
    @Operation(summary = "Bank transfers of a budget year: issued, sent, paid, failed, outstanding, reversed",
            description = "project optional (every project). sent = paid + failed + outstanding.")
    public ProjectYearView ofYear(@QueryParam("project") String project, @QueryParam("year") String year) {
        if (year == null) {
            throw ProblemException.invalid("year", "required");
        }
        return reconciliation.of(project, (int) Params.longInRange(year, "year", 0, 2000, 2200));
    }

    @GET
    @Path("outstanding")
    @RolesAllowed({FINANCE, REVIEWER, ADMIN})
    @Operation(summary = "SENT payouts with no answer from the bank for more than olderThanDays days",
            description = "Keyset-paged by payout id; olderThanDays 0..3650, default 0.")
    public Response outstanding(@QueryParam("olderThanDays") String days, @QueryParam("project") String project,
                                @QueryParam("cursor") String cursor, @QueryParam("limit") String limit, UriInfo uri) {
        int olderThan = (int) Params.longInRange(days, "olderThanDays", 0, 0, 3650);
        return Cursors.ok(reconciliation.outstanding(olderThan, project, cursor, Cursors.limit(limit)), uri);
    }
}
