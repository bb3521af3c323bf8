package org.unionaid.registry.feed;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.unionaid.registry.client.PayoutFeedApi;
import org.unionaid.registry.config.RegistryConfig;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads disbursement's payout feed to its end on every poll ({@code registry.payout-feed.poll-interval}), a page at a
 * time, each page applied with the position in one transaction ({@link PayoutApplier}): after an outage the next poll
 * goes on from where the last one stopped. Retries happen here only, by polling again.
 */
@ApplicationScoped
public class PayoutFeedReader {

    private final PayoutFeedApi feed;
    private final PayoutApplier applier;
    private final int batchSize;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean down = new AtomicBoolean();

    PayoutFeedReader(@RestClient PayoutFeedApi feed, PayoutApplier applier, RegistryConfig config) {
        this.feed = feed;
        this.applier = applier;
        this.batchSize = Math.max(1, Math.min(1000, config.payoutFeed().batchSize()));
    }

    @Scheduled(every = "${registry.payout-feed.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (running.tryLock()) {
            try {
                readToEnd();
            } finally {
                running.unlock();
            }
        }
    }

    /** Reads the feed to its end now (after a running poll); true when disbursement answered every page. */
    public boolean catchUp() {
        running.lock();
        try {
            return readToEnd();
        } finally {
            running.unlock();
        }
    }

    private boolean readToEnd() {
        long after = applier.position();
        while (true) {
            PayoutFeedApi.Page page;
            try {
                page = feed.payouts(after, batchSize);
            } catch (RuntimeException e) {
                if (down.compareAndSet(false, true)) {
                    Log.warnf("Payout feed unavailable (%s); lastAidedAt stays as of seq %d, retrying every poll",
                            e.getClass().getSimpleName(), after);
                }
                return false;
            }
            if (down.compareAndSet(true, false)) {
                Log.infof("Payout feed available again; reading on from seq %d", after);
            }
            if (page.items() == null || page.items().isEmpty()) {
                return true;
            }
            long next = applier.apply(after, page.items(), page.lastSeq());
            if (next <= after) {
                Log.warnf("Payout feed answered nothing after seq %d again; retrying next poll", after);
                return false;
            }
            after = next;
            if (page.items().size() < batchSize) {
                return true;
            }
        }
    }
}
