package org.unionaid.gateway.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.unionaid.gateway.config.GatewayConfig;
import org.unionaid.gateway.config.PublicBaseUrl;

import java.util.List;
import java.util.Map;

/**
 * The three services and which top-level API paths each owns (shared/spec/api.md), reached
 * through keep-alive pools that stay warm between requests: one HTTP client per event loop for the
 * forwarded requests ({@link LoopClients}, {@link Forwarder}), one shared client for health checks and the OpenAPI
 * documents. A request finds its route with the one lookup of its path segment.
 * Feeds (/api/v1/feed/**) are for the services only and are deliberately absent.
 */
@ApplicationScoped
public class Upstreams {

    private static final String API_PREFIX = "/api/v1/";

    private final HttpClient client;
    private final List<Upstream> all;
    private final Map<String, Route> bySegment;
    private final Forwarder[] forwarders;
    private final LoopClients clients;

    Upstreams(GatewayConfig config, Vertx vertx, @ConfigProperty(name = "union-aid.public-base-url") String publicBaseUrl) {
        PublicBaseUrl publicBase = PublicBaseUrl.of(publicBaseUrl);
        Upstream registry = Upstream.of("registry", config.upstreams().registry());
        Upstream disbursement = Upstream.of("disbursement", config.upstreams().disbursement());
        Upstream reporting = Upstream.of("reporting", config.upstreams().reporting());
        this.all = List.of(registry, disbursement, reporting);
        this.client = client(vertx, config, config.upstreamPoolSize());
        // each loop's client gets its share of the pool, so all of them together keep the configured size
        int loops = 0;
        for (Object loop : vertx.nettyEventLoopGroup()) {
            loops++;
        }
        int perLoop = Math.max(1, (config.upstreamPoolSize() + loops - 1) / Math.max(1, loops));
        this.forwarders = new Forwarder[all.size()];
        for (int i = 0; i < all.size(); i++) {
            forwarders[i] = new Forwarder(all.get(i), publicBase, config.trustForwardedHeaders(), config.maxBodyBytes(),
                    config.connectTimeout().toMillis(), config.upstreamTimeout().toMillis());
        }
        this.clients = new LoopClients(() -> client(vertx, config, perLoop), client);
        this.bySegment = Map.ofEntries(
                route("stations", 0), route("enterprises", 0), route("workers", 0), route("settings", 0),
                route("change-requests", 0), route("reviews", 0),
                route("projects", 1), route("budgets", 1), route("applications", 1), route("payouts", 1),
                route("payout-batches", 1), route("bank-files", 1), route("reconciliation", 1), route("mutual-aid", 1),
                route("reports", 2));
    }

    private static HttpClient client(Vertx vertx, GatewayConfig config, int poolSize) {
        return vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(60)
                        .setTcpNoDelay(true)
                        .setConnectTimeout((int) config.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(poolSize).setMaxWaitQueueSize(-1));
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

    private Map.Entry<String, Route> route(String segment, int upstream) {
        return Map.entry(segment, new Route(all.get(upstream), API_PREFIX + segment, upstream));
    }

    /** Forwards a (paused) request to the route's service on the calling event loop's own client. */
    public void forward(Route route, HttpServerRequest request) {
        forwarders[route.index()].forward(clients.current(), request);
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

    /** A top-level API path (the template metrics count requests by), its service and that one's index in {@link #all()}. */
    public record Route(Upstream upstream, String template, int index) {
    }

    @PreDestroy
    void close() {
        clients.close();
        client.close();
    }
}
