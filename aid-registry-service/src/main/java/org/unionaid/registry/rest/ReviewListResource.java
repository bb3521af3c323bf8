package org.unionaid.registry.rest;

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
import org.unionaid.common.web.Params;
import org.unionaid.registry.domain.ReviewStatus;
import org.unionaid.registry.service.FileReviewReads;
import org.unionaid.registry.service.StationScope;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.CLERK;
import static org.unionaid.common.security.Roles.REVIEWER;

/** The yearly reviews across files, so that a reviewer finds the proposals to decide. */
@Path("/api/v1/reviews")
@Tag(name = "Yearly reviews")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewListResource {

    private final FileReviewReads reads;
    private final StationScope scope;

    ReviewListResource(FileReviewReads reads, StationScope scope) {
        this.reads = reads;
        this.scope = scope;
    }

    @GET
    @RolesAllowed({CLERK, REVIEWER, ADMIN})
    @Operation(summary = "List yearly reviews",
            description = "Keyset-paged, oldest first, by status (e.g. PENDING) and station (the file's station or one above it); "
                    + "a clerk sees his stations' files only. Rows carry no household figures; read one review for them.")
    public Response list(@QueryParam("status") String status, @QueryParam("station") String station,
                         @QueryParam("cursor") String cursor, @QueryParam("limit") String limit, UriInfo uri) {
        return Cursors.ok(reads.list(Params.enumValue(ReviewStatus.class, status, "status"), station, cursor,
                Cursors.limit(limit), scope), uri);
    }
}
