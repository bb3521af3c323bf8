package org.unionaid.gateway.security;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.gateway.config.GatewayConfig;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller: it refills at requests-per-second and holds at most burst.
 * Buckets of callers who went quiet are dropped once a minute.
 */
@ApplicationScoped
public class RateLimiter {

    private static final long SWEEP_MILLIS = 60_000L;

    private final boolean enabled;
    private final double perNano;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(GatewayConfig config, Vertx vertx) {
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
        Bucket bucket = buckets.computeIfAbsent(caller, key -> new Bucket(burst, now));
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
