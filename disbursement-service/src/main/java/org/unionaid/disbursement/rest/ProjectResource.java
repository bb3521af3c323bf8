package org.unionaid.disbursement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import org.unionaid.common.paging.Page;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.BeanParam;
import org.jboss.resteasy.reactive.RestResponse;
import org.unionaid.disbursement.service.ProjectHistory.ProjectEvent;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.disbursement.rest.Dtos.BudgetAllocation;
import org.unionaid.disbursement.rest.Dtos.BudgetView;
import org.unionaid.disbursement.rest.Dtos.ProjectRules;
import org.unionaid.disbursement.rest.Dtos.ProjectView;
import org.unionaid.disbursement.service.Budgets;
import org.unionaid.disbursement.service.ProjectHistory;
import org.unionaid.disbursement.service.ProjectService;

import java.util.List;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.ANALYST;
import static org.unionaid.common.security.Roles.CLERK;
import static org.unionaid.common.security.Roles.FINANCE;
import static org.unionaid.common.security.Roles.REVIEWER;
import static org.unionaid.common.security.Roles.SERVICE;

@Path("/api/v1/projects")
@Tag(name = "Aid projects", description = "The 11 aid projects, their rules and their yearly budgets")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final ProjectService projects;
    private final ProjectHistory history;
    private final Budgets budgets;
    private final Caller caller;

    ProjectResource(ProjectService projects, ProjectHistory history, Budgets budgets, Caller caller) {
        this.projects = projects;
        this.history = history;
        this.budgets = budgets;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ANALYST, ADMIN, SERVICE})
    @Operation(operationId = "listProjects", summary = "List the aid projects")
    public Page<ProjectView> list() {
        return new Page<>(projects.list(), null);
    }

    @GET
    @Path("{code}")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ANALYST, ADMIN, SERVICE})
    @Operation(operationId = "getProject", summary = "Read an aid project")
    public ProjectView get(@PathParam("code") String code) {
        return projects.find(code).orElseThrow(() -> ProblemException.notFound("Project", code));
    }

    @PUT
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ADMIN)
    @Operation(operationId = "updateProjectRules", summary = "Replace the project's rules",
            description = "Every rule is replaced; a null rule is no limit. Caps in yuan or in months of 低保, "
                    + "share percentages of an out-of-pocket basis, lifetime cap, second-approval threshold, evidence.")
    public ProjectView updateRules(@PathParam("code") String code, @Valid @NotNull ProjectRules rules) {
        return projects.updateRules(code, rules, caller.subject());
    }

    @GET
    @Path("{code}/history")
    @RolesAllowed({ADMIN, REVIEWER, FINANCE})
    @Operation(operationId = "listProjectHistory", summary = "The history of the project's rules",
            description = "Oldest first, keyset-paged: each change of the rules with who made it, when, and "
                    + "changes { rule: { before, after } } for the rules it changed. Appended only.")
    public RestResponse<Page<ProjectEvent>> history(@PathParam("code") String code, @BeanParam PageQuery page) {
        return page.answer(history.of(code, page.cursor(), page.limit())
                .orElseThrow(() -> ProblemException.notFound("Project", code)));
    }

    @PUT
    @Path("{code}/budgets/{year}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(FINANCE)
    @Operation(operationId = "setProjectBudget", summary = "Set the project's allocation for a year",
            description = "Never below what is reserved and paid (409 budget-below-committed); the change is a ledger entry.")
    public BudgetView allocate(@PathParam("code") String code, @PathParam("year") @Min(2000) @Max(2200) int year,
                               @Valid @NotNull BudgetAllocation allocation) {
        return budgets.allocate(code, year, allocation.amount(), caller.subject());
    }
}
