package org.unionaid.registry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.common.security.Caller;
import org.unionaid.registry.rest.WorkerDtos.Merge;
import org.unionaid.registry.service.view.WorkerViews.WorkerView;
import org.unionaid.registry.service.FileMerge;
import org.unionaid.registry.service.StationScope;

import static org.unionaid.common.security.Roles.REVIEWER;

@Path("/api/v1/workers/{id}/merge")
@Tag(name = "Hardship files")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FileMergeResource {

    private final FileMerge merges;
    private final Caller caller;
    private final StationScope scope;

    FileMergeResource(FileMerge merges, Caller caller, StationScope scope) {
        this.merges = merges;
        this.caller = caller;
        this.scope = scope;
    }

    @POST
    @RolesAllowed(REVIEWER)
    @Operation(operationId = "mergeWorkers", summary = "Merge a duplicate file into this one",
            description = "The file `from` becomes CANCELLED with mergedInto = this file, files merged into it before are re-pointed here, "
                    + "and its aid counts for this file (lastAidedAt the later of both); its ID number stays taken (a new entry of it is 409 duplicate-open-file). "
                    + "This file must be ACTIVE and `from` open (PENDING, ACTIVE, TEMPORARY; otherwise 409 file-not-mergeable), neither with an exit "
                    + "proposal, yearly review or change request pending (409 file-has-pending-decisions); the reviewer who entered either file "
                    + "cannot merge them (403 maker-checker); a merge that collided with another is 409 concurrent-update with Retry-After. "
                    + "Answers this file, with mergedFrom.")
    @APIResponse(responseCode = "200", description = "This file, with mergedFrom",
            headers = @Header(name = "ETag", description = "This file's new version", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WorkerView.class)))
    public Response merge(@PathParam("id") long id, @Valid @NotNull Merge request) {
        WorkerView survivor = merges.merge(id, request.from(), request.reason(), caller, scope);
        return Response.ok(survivor).tag(new EntityTag(String.valueOf(survivor.version()))).build();
    }
}
