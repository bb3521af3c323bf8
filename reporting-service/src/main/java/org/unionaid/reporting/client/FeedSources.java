package org.unionaid.reporting.client;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.unionaid.reporting.client.FeedItems.EnrolmentPage;
import org.unionaid.reporting.client.FeedItems.EnterprisePage;
import org.unionaid.reporting.client.FeedItems.PayoutPage;
import org.unionaid.reporting.client.FeedItems.StationPage;
import org.unionaid.reporting.client.FeedItems.WorkerPage;

import java.util.List;

/**
 * The feeds of the other services. No retry here: the poller asks again on its next tick, and an
 * outage only means the figures stay complete to an older {@code asOf}.
 */
@ApplicationScoped
public class FeedSources {

    private final RegistryFeedClient registry;
    private final DisbursementFeedClient disbursement;
    private final RegistryEnterpriseClient enterprises;
    private volatile boolean noEnrolmentFeed;

    FeedSources(@RestClient RegistryFeedClient registry, @RestClient DisbursementFeedClient disbursement,
                @RestClient RegistryEnterpriseClient enterprises) {
        this.registry = registry;
        this.disbursement = disbursement;
        this.enterprises = enterprises;
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

    /**
     * Enrolments after {@code after}. A disbursement older than the enrolment feed answers 404: it has no enrolments
     * to give, so the page is empty (warned once), and the other feeds' {@code asOf} is not held back by it.
     */
    @Timeout(15_000)
    public EnrolmentPage enrolments(long after, int limit) {
        try {
            return disbursement.enrolments(after, limit);
        } catch (WebApplicationException e) {
            if (e.getResponse() == null || e.getResponse().getStatus() != 404) {
                throw e;
            }
            if (!noEnrolmentFeed) {
                noEnrolmentFeed = true;
                Log.warn("disbursement has no enrolment feed (404): no mutual-aid enrolments to report until it has one");
            }
            return new EnrolmentPage(List.of(), after);
        }
    }

    /** A page of the enterprises the registry lists as CLOSED (cursor null: the first). */
    @Timeout(15_000)
    public EnterprisePage closedEnterprises(String cursor, int limit) {
        return enterprises.list("CLOSED", cursor, limit);
    }
}
