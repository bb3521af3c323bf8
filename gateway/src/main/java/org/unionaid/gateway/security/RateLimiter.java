package org.unionaid.gateway.security;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.gateway.config.GatewayConfig;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller: it refills at requests-per-second and holds at most burst.
 * Buckets of callers who went quiet (their bucket would be full again) are dropped once a
 * minute; should very many callers be known at once, all are forgotten.
 */
@ApplicationScoped
public class RateLimiter {

    private static final long SWEEP_MILLIS = 60_000L;
    private static final int MAX_CALLERS = 200_000;

    private final boolean enabled;
    private final double perNano;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(GatewayConfig config, Vertx vertx) {
        if (config.rateLimit().requestsPerSecond() <= 0 || config.rateLimit().burst() < 1) {
            throw new IllegalArgumentException("union-aid.gateway.rate-limit needs requests-per-second > 0 and burst >= 1");
        }
        this.enabled = config.rateLimit().enabled();
        this.perNano = config.rateLimit().requestsPerSecond() / 1e9;
        this.burst = config.rateLimit().burst();
        if (enabled) {
            vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
        }
    }

    /** 0 when the caller may go ahead; otherwise the whole seconds to wait before trying again. */
    public long secondsToWait(String caller) {
        if (!enabled) {
            return 0;
        }
        long now = System.nanoTime();
        Bucket bucket = buckets.get(caller);
        if (bucket == null) {
            if (buckets.size() >= MAX_CALLERS) {
                // so many callers at once: start afresh rather than grow without bound
                buckets.clear();
            }
            bucket = buckets.computeIfAbsent(caller, key -> new Bucket(burst, now));
        }
        long waitNanos = bucket.take(now, perNano, burst);
        return waitNanos == 0 ? 0 : Math.max(1, (long) Math.ceil(waitNanos / 1e9));
    }

    private void sweep() {
        long now = System.nanoTime();
        long fullAfterNanos = (long) (burst / perNano);
        buckets.values().removeIf(bucket -> bucket.idleSince(now) > fullAfterNanos);
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized long take(long now, double perNano, double burst) {
            tokens = Math.min(burst, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
        }

        synchronized long idleSince(long now) {
            return now - last;
        }
    }
}
