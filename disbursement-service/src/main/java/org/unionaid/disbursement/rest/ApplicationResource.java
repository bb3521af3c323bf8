package org.unionaid.disbursement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import org.unionaid.common.web.Params;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.BeanParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;
import org.unionaid.common.paging.Page;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.disbursement.domain.ApplicationStatus;
import org.unionaid.disbursement.rest.Dtos.ApplicationView;
import org.unionaid.disbursement.rest.Dtos.Cancellation;
import org.unionaid.disbursement.rest.Dtos.Decision;
import org.unionaid.disbursement.rest.Dtos.NewApplication;
import org.unionaid.disbursement.service.ApplicationService;
import org.unionaid.disbursement.service.DecisionService;
import org.unionaid.disbursement.service.Idempotency;
import org.unionaid.disbursement.service.Idempotency.Outcome;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.CLERK;
import static org.unionaid.common.security.Roles.FINANCE;
import static org.unionaid.common.security.Roles.REVIEWER;

@Path("/api/v1/applications")
@Tag(name = "Applications", description = "Applications for aid (申报) and their decisions (审核)")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationResource {

    private final ApplicationService applications;
    private final DecisionService decisions;
    private final Idempotency idempotency;

    ApplicationResource(ApplicationService applications, DecisionService decisions, Idempotency idempotency) {
        this.applications = applications;
        this.decisions = decisions;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CLERK)
    @Operation(operationId = "submitApplication", summary = "Submit an application",
            description = "By station staff, for a file (or station) at or below their station, with the evidence "
                    + "the project needs in details. Takes Idempotency-Key.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewApplication.class),
            examples = @ExampleObject(name = "application", summary = "A serious-illness application for a household", value = Examples.APPLICATION)))
    @APIResponse(responseCode = "201", description = "The application, SUBMITTED",
            headers = @Header(name = "Location", description = "The application's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationView.class)))
    public Response submit(@Valid @NotNull NewApplication request,
                           @HeaderParam(Idempotency.HEADER) String key, UriInfo uri) {
        return idempotency.execute(key, "POST /applications", request, () -> applications.prepare(request),
                placement -> {
                    ApplicationView created = applications.submit(request, placement);
                    return Outcome.created(created, org.unionaid.common.web.Links.uri(uri, created.id()));
                });
    }

    @GET
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(operationId = "listApplications", summary = "List applications")
    public RestResponse<Page<ApplicationView>> list(
            @QueryParam("status") @Parameter(schema = @Schema(implementation = ApplicationStatus.class)) String status,
            @QueryParam("project") @Parameter(description = "A project's code") String project,
            @QueryParam("workerId") @Parameter(description = "A hardship file's id", schema = @Schema(type = SchemaType.INTEGER, format = "int64")) String workerIdParam,
            @BeanParam PageQuery page) {
        Long workerId = Params.longValue(workerIdParam, "workerId");
        return page.answer(applications.list(statusOf(status), project, workerId, page.cursor(), page.limit()));
    }

    private static ApplicationStatus statusOf(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ApplicationStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(Violation.keyed("status", "one-of", java.util.Arrays.stream(ApplicationStatus.values())
                    .map(Enum::name).collect(java.util.stream.Collectors.joining(", "))));
        }
    }

    @GET
    @Path("{id}")
    @RolesAllowed({CLERK, REVIEWER, FINANCE, ADMIN})
    @Operation(operationId = "getApplication", summary = "Read an application")
    public ApplicationView get(@PathParam("id") long id) {
        return applications.find(id).orElseThrow(() -> ProblemException.notFound("Application", id));
    }

    @POST
    @Path("{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(REVIEWER)
    @Operation(operationId = "decideApplication", summary = "Approve or reject an application",
            description = "Never by its submitter. An approval asks the registry for the file (503 with Retry-After "
                    + "when it cannot answer; nothing changes), checks the project's caps and eligibility rules "
                    + "(422 naming the rule) and reserves the amount from the budget (409 over-budget). Above the "
                    + "project's threshold the first approval reserves the money and leaves the application "
                    + "AWAITING_SECOND_APPROVAL until another reviewer approves. Takes Idempotency-Key.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Decision.class),
            examples = @ExampleObject(name = "approval", summary = "An approval of the amount asked", value = Examples.DECISION)))
    @APIResponse(responseCode = "200", description = "The application as decided: APPROVED, AWAITING_SECOND_APPROVAL or REJECTED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationView.class)))
    public Response decide(@PathParam("id") long id, @Valid @NotNull Decision decision,
                           @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.execute(key, "POST /applications/" + id + "/decision", decision,
                () -> decisions.prepare(id, decision), facts -> Outcome.ok(decisions.decide(id, decision, facts)));
    }

    @POST
    @Path("{id}/cancellation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({CLERK, REVIEWER})
    @Operation(operationId = "cancelApplication", summary = "Cancel an application not yet paid", description = "Money reserved for it returns to the budget.")
    @APIResponse(responseCode = "200", description = "The application, CANCELLED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationView.class)))
    public Response cancel(@PathParam("id") long id, @Valid @NotNull Cancellation cancellation,
                           @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.execute(key, "POST /applications/" + id + "/cancellation", cancellation,
                () -> null, none -> Outcome.ok(applications.cancel(id, cancellation.reason())));
    }
}
