package org.unionaid.registry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.BeanParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;
import org.unionaid.common.paging.Page;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.common.web.Params;
import org.unionaid.registry.domain.ChangeRequestStatus;
import org.unionaid.registry.service.view.ChangeRequestViews.ChangeRequestView;
import org.unionaid.registry.rest.ChangeRequestDtos.Decision;
import org.unionaid.registry.service.ChangeRequestReads;
import org.unionaid.registry.service.ChangeRequestService;
import org.unionaid.registry.service.StationScope;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.CLERK;
import static org.unionaid.common.security.Roles.REVIEWER;

@Path("/api/v1/change-requests")
@Tag(name = "Change requests", description = "Changes of ACTIVE files' household, causes and station, decided by a reviewer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChangeRequestResource {

    private final ChangeRequestService requests;
    private final ChangeRequestReads reads;
    private final Caller caller;
    private final StationScope scope;

    ChangeRequestResource(ChangeRequestService requests, ChangeRequestReads reads, Caller caller, StationScope scope) {
        this.requests = requests;
        this.reads = reads;
        this.caller = caller;
        this.scope = scope;
    }

    @GET
    @RolesAllowed({CLERK, REVIEWER, ADMIN})
    @Operation(operationId = "listChangeRequests", summary = "List change requests", description = "Keyset-paged, by status and station (the file's station or one above it); a clerk sees his stations' files only. Rows name the fields proposed, never their values.")
    public RestResponse<Page<ChangeRequestView>> list(
            @QueryParam("status") @Parameter(schema = @Schema(implementation = ChangeRequestStatus.class)) String status,
            @QueryParam("station") @Parameter(description = "A station's code: requests of its files and those below it") String station,
            @BeanParam PageQuery page) {
        return page.answer(reads.list(Params.enumValue(ChangeRequestStatus.class, status, "status"), station, page.cursor(),
                page.limit(), scope));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({CLERK, REVIEWER, ADMIN})
    @Operation(operationId = "getChangeRequest", summary = "Read a change request", description = "With the proposed values; the read is in the file's access log.")
    public ChangeRequestView get(@PathParam("id") long id) {
        return reads.get(id, caller, scope).orElseThrow(() -> ProblemException.notFound("Change request", id));
    }

    @POST
    @Path("{id}/decision")
    @RolesAllowed({CLERK, REVIEWER})
    @Operation(operationId = "decideChangeRequest", summary = "Apply or reject a change request",
            description = "A reviewer who did not ask for it (403 maker-checker). Applying recomputes the category, writes the history entry with old and new values and the feed item, and moves the file's version on; a file changed since the request gets 409 file-changed (reject it and ask again). A decided request gets 409.")
    public ChangeRequestView decide(@PathParam("id") long id, @Valid @NotNull Decision request) {
        return requests.decide(id, request.approve(), request.reason(), caller, scope);
    }
}
