package org.unionaid.reporting.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.unionaid.common.client.ServiceCallFilter;
import org.unionaid.reporting.client.FeedItems.EnrolmentPage;
import org.unionaid.reporting.client.FeedItems.PayoutPage;

/** disbursement-service's payout and enrolment feeds (DISBURSEMENT_URL). */
@RegisterRestClient(configKey = "disbursement")
@RegisterProvider(ServiceCallFilter.class)
@Path("/api/v1/feed")
@Produces(MediaType.APPLICATION_JSON)
public interface DisbursementFeedClient {

    @GET
    @Path("payouts")
    PayoutPage payouts(@QueryParam("after") long after, @QueryParam("limit") int limit);

    @GET
    @Path("enrolments")
    EnrolmentPage enrolments(@QueryParam("after") long after, @QueryParam("limit") int limit);
}
