package org.unionaid.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything the gateway can be told: where the services are, and how hard to guard them. */
@ConfigMapping(prefix = "union-aid.gateway")
public interface GatewayConfig {

    Upstreams upstreams();

    /** Total time an upstream may stay silent before the caller gets 504. */
    @WithDefault("30s")
    Duration upstreamTimeout();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Keep-alive connections per upstream. */
    @WithDefault("200")
    int upstreamPoolSize();

    @WithDefault("1048576")
    long maxBodyBytes();

    /** Longest request target (path and query) passed on: below the services' 4096-character request line. */
    @WithDefault("4000")
    int maxUriLength();

    /** Most request headers passed on (the services take 20 KiB of headers). */
    @WithDefault("100")
    int maxHeaders();

    @WithDefault("16384")
    int maxHeaderBytes();

    /** Keep the X-Forwarded-For a load balancer in front of the gateway sends (the origin is always public-base-url). */
    @WithDefault("false")
    boolean trustForwardedHeaders();

    RateLimit rateLimit();

    Cors cors();

    OpenApi openapi();

    interface Upstreams {
        String registry();

        String disbursement();

        String reporting();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests a second per caller. */
        @WithDefault("100")
        double requestsPerSecond();

        /** How many requests a caller may send at once after being quiet. */
        @WithDefault("200")
        int burst();
    }

    interface Cors {
        /** Origins allowed to call from a browser, e.g. https://aid.example.org; none when empty. */
        Optional<List<String>> origins();

        @WithDefault("24h")
        Duration maxAge();
    }

    interface OpenApi {
        /** How long a merged document is served before the services are asked again. */
        @WithDefault("60s")
        Duration cacheFor();
    }
}
