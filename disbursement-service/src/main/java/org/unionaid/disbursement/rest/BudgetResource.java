package org.unionaid.disbursement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import org.unionaid.common.web.Params;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.disbursement.rest.Dtos.BudgetList;
import org.unionaid.disbursement.service.Budgets;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.ANALYST;
import static org.unionaid.common.security.Roles.FINANCE;
import static org.unionaid.common.security.Roles.REVIEWER;

@Path("/api/v1/budgets")
@Tag(name = "Budgets", description = "Each project's money per year: allocated = reserved + paid + available")
@Produces(MediaType.APPLICATION_JSON)
public class BudgetResource {

    private final Budgets budgets;

    BudgetResource(Budgets budgets) {
        this.budgets = budgets;
    }

    @GET
    @RolesAllowed({FINANCE, REVIEWER, ANALYST, ADMIN})
    @Operation(operationId = "listBudgets", summary = "Every project's budget of a year, or of every year")
    public BudgetList list(@QueryParam("year") @Parameter(description = "A budget year; every year when left out",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "2000", maximum = "2200")) String yearParam) {
        Long year = Params.longValue(yearParam, "year");
        if (year != null && (year < 2000 || year > 2200)) {
            throw ProblemException.invalid(Violation.keyed("year", "range", 2000, 2200));
        }
        return new BudgetList(budgets.list(year == null ? null : year.intValue()));
    }
}
