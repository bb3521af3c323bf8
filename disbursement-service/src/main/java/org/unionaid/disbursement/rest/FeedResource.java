package org.unionaid.disbursement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.unionaid.disbursement.feed.PayoutFeed;
import org.unionaid.disbursement.feed.PayoutFeed.FeedPage;

import static org.unionaid.common.security.Roles.SERVICE;

@Path("/api/v1/feed")
@Tag(name = "Feeds", description = "Changes since a sequence number, for the other services (docs/contracts.md)")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    private final PayoutFeed payouts;

    FeedResource(PayoutFeed payouts) {
        this.payouts = payouts;
    }

    @GET
    @Path("payouts")
    @RolesAllowed(SERVICE)
    @Operation(summary = "Every payout and reversal after seq N",
            description = "Immutable events in ascending seq with project, amount, date, file id, station, enterprise, "
                    + "category and cause; no personal data. lastSeq is the last item's seq, or after when none.")
    public FeedPage payouts(@QueryParam("after") @DefaultValue("0") @Min(0) long after,
                            @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit) {
        return payouts.after(after, limit);
    }
}
