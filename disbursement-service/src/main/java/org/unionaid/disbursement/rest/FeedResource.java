package org.unionaid.disbursement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import org.unionaid.common.web.Params;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.unionaid.common.paging.Page;
import org.unionaid.disbursement.feed.PayoutFeedItems;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.disbursement.feed.EnrolmentFeed;
import org.unionaid.disbursement.feed.EnrolmentFeed.EnrolmentPage;
import org.unionaid.disbursement.feed.PayoutFeed;
import org.unionaid.disbursement.feed.PayoutFeed.FeedPage;

import static org.unionaid.common.security.Roles.SERVICE;

@Path("/api/v1/feed")
@Tag(name = "Feeds", description = "Changes since a sequence number, for the other services (docs/contracts.md)")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    private final PayoutFeed payouts;
    private final EnrolmentFeed enrolments;

    FeedResource(PayoutFeed payouts, EnrolmentFeed enrolments) {
        this.payouts = payouts;
        this.enrolments = enrolments;
    }

    @GET
    @Path("payouts")
    @RolesAllowed(SERVICE)
    @Operation(operationId = "readPayoutFeed", summary = "Every payout and reversal after seq N",
            description = "Immutable events in ascending seq with project, amount, date, file id, station, enterprise, "
                    + "category and cause; no personal data. lastSeq is the last item's seq, or after when none.")
    @APIResponse(responseCode = "200", description = "A page of the feed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PayoutFeedItems.Page.class)))
    public FeedPage payouts(@QueryParam("after") @Parameter(description = "The lastSeq read so far; 0 from the start", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", defaultValue = "0")) String after,
                                 @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "500")) String limit) {
        return payouts.after(Params.longInRange(after, "after", 0, 0, Long.MAX_VALUE),
                (int) Params.longInRange(limit, "limit", 500, 1, 1000));
    }

    @GET
    @Path("enrolments")
    @RolesAllowed(SERVICE)
    @Operation(operationId = "readEnrolmentFeed", summary = "Every mutual-aid enrolment after seq N",
            description = "Enrolments never change: one item each, ascending seq, with enterprise, year, premium, who paid it "
                    + "and memberId (an opaque number, never the ID number or the name). lastSeq as for payouts.")
    public EnrolmentPage enrolments(@QueryParam("after") @Parameter(description = "The lastSeq read so far; 0 from the start", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", defaultValue = "0")) String after,
                                    @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "500")) String limit) {
        return enrolments.after(Params.longInRange(after, "after", 0, 0, Long.MAX_VALUE),
                (int) Params.longInRange(limit, "limit", 500, 1, 1000));
    }
}
