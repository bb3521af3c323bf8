package org.unionaid.reporting.feed;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.unionaid.reporting.client.FeedItems.EnrolmentItem;
import org.unionaid.reporting.client.FeedItems.EnterpriseItem;
import org.unionaid.reporting.client.FeedItems.PayoutItem;
import org.unionaid.reporting.client.FeedItems.StationItem;
import org.unionaid.reporting.client.FeedItems.WorkerItem;
import org.unionaid.reporting.client.FeedSources;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * Reads the feeds to their end on every poll: stations, then files, then payouts, then enrolments, in pages of
 * {@code union-aid.feeds.batch-size} items; a feed that is behind is read several pages at a time,
 * up to {@code union-aid.feeds.catch-up-batch-size} items, into one transaction with the position;
 * while full batches arrive it keeps reading. A source that is down is skipped (logged once until
 * it is back) and asked again on the next poll.
 *
 * <p>Polls are {@code union-aid.feeds.poll-interval} apart (default 250ms; {@code off} stops
 * them). The scheduler ticks at most once a second, so a tick polls as often as the interval
 * fits in it; pausing the scheduler stops polling at the next poll. Only the replica holding the
 * {@link ApplierLease} polls; the others ask for it before every poll. The registry's list of CLOSED enterprises,
 * which has no feed, is read whole every {@code union-aid.enterprises.refresh-interval} (default 10s) and at
 * every {@link #catchUp()} ({@link ClosedEnterprises}).
 */
@ApplicationScoped
public class FeedReader {

    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The name the enterprise list is logged under while down; its page size (the registry's largest). */
    private static final String ENTERPRISES = "enterprises";
    private static final int ENTERPRISE_PAGE = 200;
    /** The name a running rebuild is logged under (once) while the feeds it changes wait. */
    private static final String REBUILD = "rebuild";

    /** A fetched page: its items, the seq of its last item, and whether the feed had nothing more when asked. */
    private record Batch<T>(List<T> items, long lastSeq, boolean complete) {
    }

    private final FeedSources sources;
    private final FeedPositions positions;
    private final StationApplier stations;
    private final WorkerApplier workers;
    private final PayoutApplier payouts;
    private final EnrolmentApplier enrolments;
    private final ClosedEnterprises closedEnterprises;
    private final ApplierLease lease;
    private final RebuildJob rebuilds;
    private final int batchSize;
    private final int catchUpBatchSize;
    private final ReentrantLock running = new ReentrantLock();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Scheduler scheduler;
    private final long pollNanos;
    private final long enterprisesNanos;
    private volatile long enterprisesRead = System.nanoTime() - Long.MAX_VALUE / 2;
    private volatile long lastPoll = System.nanoTime() - TICK_NANOS;
    private volatile boolean stopping;

    FeedReader(FeedSources sources, FeedPositions positions, StationApplier stations, WorkerApplier workers,
               PayoutApplier payouts, EnrolmentApplier enrolments, ClosedEnterprises closedEnterprises,
               ApplierLease lease, RebuildJob rebuilds, Scheduler scheduler,
               @ConfigProperty(name = "union-aid.feeds.batch-size", defaultValue = "500") int batchSize,
               @ConfigProperty(name = "union-aid.feeds.catch-up-batch-size", defaultValue = "10000") int catchUpBatchSize,
               @ConfigProperty(name = "union-aid.feeds.poll-interval", defaultValue = "250ms") String pollInterval,
               @ConfigProperty(name = "union-aid.enterprises.refresh-interval", defaultValue = "10s") String enterprisesInterval) {
        this.sources = sources;
        this.positions = positions;
        this.stations = stations;
        this.workers = workers;
        this.payouts = payouts;
        this.enrolments = enrolments;
        this.closedEnterprises = closedEnterprises;
        this.lease = lease;
        this.rebuilds = rebuilds;
        this.scheduler = scheduler;
        this.batchSize = batchSize;
        this.catchUpBatchSize = Math.max(batchSize, catchUpBatchSize);
        this.pollNanos = interval(pollInterval).toNanos();
        this.enterprisesNanos = interval(enterprisesInterval).toNanos();
    }

    /** Polls as often as the interval fits in this tick (the scheduler ticks at most once a second). */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (pollNanos <= 0) {
            return;
        }
        long tickEnd = System.nanoTime() + TICK_NANOS;
        while (!stopping && scheduler.isRunning()) {
            long wait = lastPoll + pollNanos - System.nanoTime();
            if (wait > 0) {
                if (System.nanoTime() + wait >= tickEnd) {
                    return;
                }
                LockSupport.parkNanos(wait);
                continue;
            }
            lastPoll = System.nanoTime();
            if (running.tryLock()) {
                try {
                    // asked again under the lock: a pause or a stop that came while this tick waited for it wins;
                    // a standby replica (another holds the applier lease) reads nothing
                    if (!stopping && scheduler.isRunning() && lease.acquire()) {
                        readAll();
                    }
                } finally {
                    running.unlock();
                }
            }
        }
    }

    /** "250ms", "1s", "2m", an ISO-8601 duration or a number of seconds; "off" is zero (no polling). */
    static Duration interval(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("off") || v.equals("disabled") || v.equals("false")) {
            return Duration.ZERO;
        }
        if (v.matches("\\d+ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        return Duration.parse(v.startsWith("p") ? v : "PT" + v);
    }

    /** Lets a running tick finish its batch before the datasource closes. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        if (running.tryLock(10, TimeUnit.SECONDS)) {
            running.unlock();
        }
        lease.release();
    }

    /**
     * Reads every feed to its end now (waiting for a running tick); true when all sources answered.
     * A standby replica reads nothing and answers false.
     */
    public boolean catchUp() {
        running.lock();
        try {
            enterprisesRead = System.nanoTime() - Long.MAX_VALUE / 2; // read the closed enterprises now too
            return lease.acquire() && readAll();
        } finally {
            running.unlock();
        }
    }

    private boolean readAll() {
        boolean stationsRead = read(FeedPositions.STATIONS, after -> {
            var page = sources.stations(after, batchSize);
            return new Batch<>(page.items(), page.lastSeq(), page.items().size() < batchSize);
        }, StationItem::seq, stations::apply);
        // while the figures are rebuilt (Rebuild) the feeds that change them wait at their positions
        boolean rebuilding = rebuilding();
        boolean workersRead = !rebuilding && read(FeedPositions.WORKERS, after -> {
            var page = sources.workers(after, batchSize);
            return new Batch<>(page.items(), page.lastSeq(), page.items().size() < batchSize);
        }, WorkerItem::seq, workers::apply);
        boolean payoutsRead = !rebuilding && read(FeedPositions.PAYOUTS, after -> {
            var page = sources.payouts(after, batchSize);
            return new Batch<>(page.items(), page.lastSeq(), page.items().size() < batchSize);
        }, PayoutItem::seq, payouts::apply);
        boolean enrolmentsRead = read(FeedPositions.ENROLMENTS, after -> {
            var page = sources.enrolments(after, batchSize);
            return new Batch<>(page.items(), page.lastSeq(), page.items().size() < batchSize);
        }, EnrolmentItem::seq, enrolments::apply);
        return stationsRead && workersRead && payoutsRead && enrolmentsRead && readClosedEnterprises();
    }

    private boolean rebuilding() {
        try {
            if (rebuilds.running().isPresent()) {
                if (down.add(REBUILD)) {
                    Log.info("The figures are being rebuilt: the workers and payouts feeds wait until it is done");
                }
                return true;
            }
        } catch (RuntimeException e) {
            Log.errorf("Rebuild state not readable (%s); the workers and payouts feeds wait", e.getClass().getSimpleName());
            return true;
        }
        if (down.remove(REBUILD)) {
            Log.info("Rebuild done: the workers and payouts feeds are read again");
        }
        return false;
    }

    /** The registry's whole list of CLOSED enterprises, when the refresh interval has passed (catchUp: now). */
    private boolean readClosedEnterprises() {
        long now = System.nanoTime();
        if (now - enterprisesRead < enterprisesNanos) {
            return true;
        }
        Instant asked = Instant.now();
        List<EnterpriseItem> closed = new ArrayList<>();
        try {
            String cursor = null;
            do {
                var page = sources.closedEnterprises(cursor, ENTERPRISE_PAGE);
                closed.addAll(page.items());
                cursor = page.nextCursor();
            } while (cursor != null && !stopping);
        } catch (RuntimeException e) {
            if (down.add(ENTERPRISES)) {
                Log.warnf("The registry's enterprise list is unavailable (%s); closed enterprises as last read, retrying every tick",
                        e.getClass().getSimpleName());
            }
            return false;
        }
        if (down.remove(ENTERPRISES)) {
            Log.info("The registry's enterprise list is available again");
        }
        if (stopping) {
            return false;
        }
        try {
            closedEnterprises.replace(closed, asked);
        } catch (RuntimeException e) {
            Log.errorf("Closed enterprises not stored (%s); retrying every tick", e.getClass().getSimpleName());
            return false;
        }
        enterprisesRead = now;
        return true;
    }

    /**
     * A page, or, while the feed is behind, several pages read on one after another into one batch of
     * up to {@code union-aid.feeds.catch-up-batch-size} items: applied in one transaction, a worker's
     * payouts and the counters they touch are written once per batch instead of once per page.
     */
    private <T> Batch<T> fetch(LongFunction<Batch<T>> fetch, ToLongFunction<T> seq, long after) {
        Batch<T> batch = fetch.apply(after);
        if (batch.complete() || batch.items().isEmpty()) {
            return batch;
        }
        List<T> items = new ArrayList<>(batch.items());
        while (!batch.complete() && items.size() + batchSize <= catchUpBatchSize && batch.lastSeq() > after && !stopping) {
            long from = batch.lastSeq();
            after = from;
            batch = fetch.apply(from);
            // a source that answers items before 'after' again: those are in the batch already
            batch.items().stream().filter(item -> seq.applyAsLong(item) > from).forEach(items::add);
        }
        return new Batch<>(items, batch.lastSeq(), batch.complete());
    }

    @FunctionalInterface
    private interface Applier<T> {
        long apply(long from, List<T> items, Instant caughtUpAt);
    }

    private <T> boolean read(String feed, LongFunction<Batch<T>> fetch, ToLongFunction<T> seq, Applier<T> applier) {
        long after;
        try {
            after = positions.position(feed);
        } catch (RuntimeException e) {
            Log.errorf("Feed %s: position not readable (%s); retrying next tick", feed, e.getClass().getSimpleName());
            return false;
        }
        while (!stopping) {
            Instant asked = Instant.now();
            Batch<T> batch;
            try {
                batch = fetch(fetch, seq, after);
            } catch (RuntimeException e) {
                if (down.add(feed)) {
                    Log.warnf("Feed %s is unavailable (%s); figures stay as of the last catch-up, retrying every tick",
                            feed, e.getClass().getSimpleName());
                }
                return false;
            }
            if (down.remove(feed)) {
                Log.infof("Feed %s is available again; catching up from %d", feed, after);
            }
            long before = after;
            try {
                if (batch.items().isEmpty()) {
                    positions.caughtUp(feed, asked);
                    return true;
                }
                after = applier.apply(after, batch.items(), batch.complete() ? asked : null);
            } catch (RebuildJob.Running e) {
                // a rebuild started after this poll asked (rebuilding()): its batches count what is stored
                return false;
            } catch (PersonCounters.UnknownStation e) {
                // Warned about by the applier; the stations feed is read again first next poll.
                return false;
            } catch (RuntimeException e) {
                if (failing.add(feed)) {
                    Log.errorf("Feed %s: batch after %d not applied (%s: %s); retrying every tick",
                            feed, before, e.getClass().getSimpleName(), e.getMessage());
                }
                return false;
            }
            failing.remove(feed);
            if (batch.complete()) {
                return true;
            }
            if (after == before) {
                // A full page of items already applied: the source did not honour 'after'; ask again next tick.
                Log.warnf("Feed %s answered only items up to %d again; retrying next tick", feed, before);
                return false;
            }
        }
        return false;
    }
}
