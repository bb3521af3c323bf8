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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.BeanParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;
import org.unionaid.common.paging.Page;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.common.web.Links;
import org.unionaid.registry.service.view.ChangeRequestViews.ChangeRequestView;
import org.unionaid.registry.rest.ChangeRequestDtos.NewChangeRequest;
import org.unionaid.registry.service.ChangeRequestReads;
import org.unionaid.registry.service.ChangeRequestService;
import org.unionaid.registry.service.StationScope;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.CLERK;
import static org.unionaid.common.security.Roles.REVIEWER;

@Path("/api/v1/workers/{id}/change-requests")
@Tag(name = "Change requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FileChangeRequestResource {

    private final ChangeRequestService requests;
    private final ChangeRequestReads reads;
    private final Caller caller;
    private final StationScope scope;

    FileChangeRequestResource(ChangeRequestService requests, ChangeRequestReads reads, Caller caller, StationScope scope) {
        this.requests = requests;
        this.reads = reads;
        this.caller = caller;
        this.scope = scope;
    }

    @POST
    @RolesAllowed({CLERK, REVIEWER})
    @Operation(operationId = "proposeChangeRequest", summary = "Propose a change of an ACTIVE file's household, causes or station",
            description = "201 PENDING. A change that changes nothing, or a field that is not changeable, is a 400 naming it; one pending request per file (409 change-request-pending); the file must be ACTIVE.")
    @APIResponse(responseCode = "201", description = "The change request, PENDING",
            headers = @Header(name = "Location", description = "The change request's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangeRequestView.class)))
    public Response propose(@PathParam("id") long id, @Valid @NotNull NewChangeRequest request) {
        ChangeRequestView created = requests.propose(id, WorkerMapping.proposed(request.changes()), request.reason(),
                caller, scope);
        return Response.status(Response.Status.CREATED)
                .header("Location", Links.to("/api/v1/change-requests/" + created.id(), null)).entity(created).build();
    }

    @GET
    @RolesAllowed({CLERK, REVIEWER, ADMIN})
    @Operation(operationId = "listWorkerChangeRequests", summary = "A file's change requests", description = "With their proposed values; the read is in the file's access log.")
    public RestResponse<Page<ChangeRequestView>> list(@PathParam("id") long id, @BeanParam PageQuery page) {
        return page.answer(reads.ofFile(id, page.cursor(), page.limit(), caller, scope)
                .orElseThrow(() -> ProblemException.notFound("File", id)));
    }
}
