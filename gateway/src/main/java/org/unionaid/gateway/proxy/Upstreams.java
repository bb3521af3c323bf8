package org.unionaid.gateway.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.unionaid.gateway.config.GatewayConfig;

import java.util.List;
import java.util.Map;

/**
 * The three services and which top-level API paths each owns (shared/spec/api.md), reached
 * through one HTTP client whose keep-alive pools stay warm between requests.
 * Feeds (/api/v1/feed/**) are for the services only and are deliberately absent.
 */
@ApplicationScoped
public class Upstreams {

    private static final String API_PREFIX = "/api/v1/";

    private final HttpClient client;
    private final List<Upstream> all;
    private final Map<String, Route> bySegment;

    Upstreams(GatewayConfig config, Vertx vertx) {
        Upstream registry = Upstream.of("registry", config.upstreams().registry());
        Upstream disbursement = Upstream.of("disbursement", config.upstreams().disbursement());
        Upstream reporting = Upstream.of("reporting", config.upstreams().reporting());
        this.all = List.of(registry, disbursement, reporting);
        this.bySegment = Map.ofEntries(
                route("stations", registry), route("enterprises", registry), route("workers", registry),
                route("settings", registry),
                route("projects", disbursement), route("budgets", disbursement), route("applications", disbursement),
                route("payouts", disbursement), route("payout-batches", disbursement),
                route("reports", reporting));
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(60)
                        .setTcpNoDelay(true)
                        .setConnectTimeout((int) config.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(config.upstreamPoolSize()).setMaxWaitQueueSize(-1));
    }

    /** The route of an API path: the service that owns it; null when no service does. */
    public Route route(String path) {
        if (!path.startsWith(API_PREFIX)) {
            return null;
        }
        int end = path.indexOf('/', API_PREFIX.length());
        String segment = end < 0 ? path.substring(API_PREFIX.length()) : path.substring(API_PREFIX.length(), end);
        return bySegment.get(segment);
    }

    private static Map.Entry<String, Route> route(String segment, Upstream upstream) {
        return Map.entry(segment, new Route(upstream, API_PREFIX + segment));
    }

    public Upstream named(String name) {
        return all.stream().filter(upstream -> upstream.name().equals(name)).findFirst().orElseThrow();
    }

    public List<Upstream> all() {
        return all;
    }

    public HttpClient client() {
        return client;
    }

    /** A top-level API path (the template metrics count requests by) and its service. */
    public record Route(Upstream upstream, String template) {
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
