package org.unionaid.registry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.unionaid.common.client.ServiceCallFilter;

import java.time.Instant;
import java.util.List;

/** disbursement's payout feed (docs/contracts.md), with a service token; read by {@code feed.PayoutFeedReader}. */
@RegisterRestClient(configKey = "disbursement")
@RegisterProvider(ServiceCallFilter.class)
@Path("/api/v1/feed/payouts")
@Produces(MediaType.APPLICATION_JSON)
public interface PayoutFeedApi {

    @GET
    Page payouts(@QueryParam("after") long after, @QueryParam("limit") int limit);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page(List<Item> items, long lastSeq) {
    }

    /** What the registry reads of an item: a household's payout (or its reversal) and when it was paid. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(long seq, String kind, Long payoutId, String beneficiary, Long workerId, Instant occurredAt) {
    }
}
