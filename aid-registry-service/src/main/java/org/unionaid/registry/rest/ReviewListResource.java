package org.unionaid.registry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import org.unionaid.common.web.Params;
import org.unionaid.registry.domain.ReviewStatus;
import org.unionaid.registry.service.FileReviewReads;
import org.unionaid.registry.service.StationScope;
import org.unionaid.registry.service.view.ReviewViews.ReviewRow;

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
    @Operation(operationId = "listYearlyReviews", summary = "List yearly reviews",
            description = "Keyset-paged, oldest first, by status (e.g. PENDING) and station (the file's station or one above it); "
                    + "a clerk sees his stations' files only. Rows carry no household figures; read one review for them.")
    public RestResponse<Page<ReviewRow>> list(
            @QueryParam("status") @Parameter(schema = @Schema(implementation = ReviewStatus.class)) String status,
            @QueryParam("station") @Parameter(description = "A station's code: reviews of its files and those below it") String station,
            @BeanParam PageQuery page) {
        return page.answer(reads.list(Params.enumValue(ReviewStatus.class, status, "status"), station, page.cursor(),
                page.limit(), scope));
    }
}
