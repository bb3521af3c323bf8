package org.unionaid.reporting.client;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.unionaid.reporting.client.FeedItems.PayoutPage;
import org.unionaid.reporting.client.FeedItems.StationPage;
import org.unionaid.reporting.client.FeedItems.WorkerPage;

/**
 * The feeds of the other services. No retry here: the poller asks again on its next tick, and an
 * outage only means the figures stay complete to an older {@code asOf}.
 */
@ApplicationScoped
public class FeedSources {

    private final RegistryFeedClient registry;
    private final DisbursementFeedClient disbursement;

    FeedSources(@RestClient RegistryFeedClient registry, @RestClient DisbursementFeedClient disbursement) {
        this.registry = registry;
        this.disbursement = disbursement;
    }

    @Timeout(15_000)
    public StationPage stations(long after, int limit) {
        return registry.stations(after, limit);
    }

    @Timeout(15_000)
    public WorkerPage workers(long after, int limit) {
        return registry.workers(after, limit);
    }

    @Timeout(15_000)
    public PayoutPage payouts(long after, int limit) {
        return disbursement.payouts(after, limit);
    }
}
