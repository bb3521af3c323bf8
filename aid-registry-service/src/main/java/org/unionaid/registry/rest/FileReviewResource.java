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
import org.unionaid.registry.rest.ReviewDtos.ReviewDecision;
import org.unionaid.registry.service.view.ReviewViews.ReviewView;
import org.unionaid.registry.rest.WorkerDtos.Review;
import org.unionaid.registry.service.FileReviewReads;
import org.unionaid.registry.service.FileReviewService;
import org.unionaid.registry.service.StationScope;

import static org.unionaid.common.security.Roles.ADMIN;
import static org.unionaid.common.security.Roles.CLERK;
import static org.unionaid.common.security.Roles.REVIEWER;

@Path("/api/v1/workers/{id}/reviews")
@Tag(name = "Yearly reviews", description = "The yearly re-check of ACTIVE files, decided by a reviewer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FileReviewResource {

    private final FileReviewService reviews;
    private final FileReviewReads reads;
    private final Caller caller;
    private final StationScope scope;

    FileReviewResource(FileReviewService reviews, FileReviewReads reads, Caller caller, StationScope scope) {
        this.reviews = reviews;
        this.reads = reads;
        this.caller = caller;
        this.scope = scope;
    }

    @POST
    @RolesAllowed({CLERK, REVIEWER})
    @Operation(operationId = "fileYearlyReview", summary = "File the yearly re-check with new figures",
            description = "201 with the review. A clerk's review is PENDING until a reviewer who did not file it decides; "
                    + "above the line (outcome ABOVE_LINE) the file is exitProposed meanwhile and gets no person-aid. "
                    + "A reviewer's own review within the line is APPLIED at once. One pending review per file (409 review-pending).")
    @APIResponse(responseCode = "201", description = "The review filed",
            headers = @Header(name = "Location", description = "The review's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewView.class)))
    public Response file(@PathParam("id") long id, @Valid @NotNull Review request) {
        ReviewView created = reviews.file(id, WorkerMapping.household(request.household()), request.note(), caller, scope);
        return Response.status(Response.Status.CREATED)
                .header("Location", Links.to("/api/v1/workers/" + id + "/reviews/" + created.id(), null))
                .entity(created).build();
    }

    @GET
    @RolesAllowed({CLERK, REVIEWER, ADMIN})
    @Operation(operationId = "listWorkerReviews", summary = "A file's yearly reviews", description = "With their figures; the read is in the file's access log.")
    public RestResponse<Page<ReviewView>> list(@PathParam("id") long id, @BeanParam PageQuery page) {
        return page.answer(reads.ofFile(id, page.cursor(), page.limit(), caller, scope)
                .orElseThrow(() -> ProblemException.notFound("File", id)));
    }

    @GET
    @Path("{reviewId}")
    @RolesAllowed({CLERK, REVIEWER, ADMIN})
    @Operation(operationId = "getYearlyReview", summary = "Read a yearly review", description = "With its figures; the read is in the file's access log.")
    public ReviewView get(@PathParam("id") long id, @PathParam("reviewId") long reviewId) {
        return reads.get(id, reviewId, caller, scope).orElseThrow(() -> ProblemException.notFound("Review", reviewId));
    }

    @POST
    @Path("{reviewId}/decision")
    @RolesAllowed({CLERK, REVIEWER})
    @Operation(operationId = "decideYearlyReview", summary = "Decide a yearly review",
            description = "A reviewer; one who did not file a clerk's review (403 maker-checker). Within the line approve applies the figures "
                    + "(category computed again, next review in a year; 409 file-changed when the file changed since) and false rejects them. "
                    + "Above the line approve exits the file (INCOME_ABOVE_LINE) and false keeps it; either ends exitProposed. "
                    + "A reason is required to reject or keep. A decided review gets 409 review-decided.")
    public ReviewView decide(@PathParam("id") long id, @PathParam("reviewId") long reviewId,
                             @Valid @NotNull ReviewDecision request) {
        return reviews.decide(id, reviewId, request.approve(), request.reason(), caller, scope);
    }
}
