package org.unionaid.gateway.proxy;

import io.quarkus.logging.Log;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.unionaid.gateway.config.GatewayConfig;
import org.unionaid.gateway.config.PublicBaseUrl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three services and which top-level API paths each owns (shared/spec/api.md), reached
 * through one HTTP client whose keep-alive pools stay warm between requests. Each route carries
 * its service's proxy, so a request finds it with the one lookup of its path segment.
 * Feeds (/api/v1/feed/**) are for the services only and are deliberately absent.
 */
@ApplicationScoped
public class Upstreams {

    private static final String API_PREFIX = "/api/v1/";

    private final HttpClient client;
    private final List<Upstream> all;
    private final Map<String, Route> bySegment;

    Upstreams(GatewayConfig config, Vertx vertx, @ConfigProperty(name = "union-aid.public-base-url") String publicBaseUrl) {
        PublicBaseUrl publicBase = PublicBaseUrl.of(publicBaseUrl);
        Upstream registry = Upstream.of("registry", config.upstreams().registry());
        Upstream disbursement = Upstream.of("disbursement", config.upstreams().disbursement());
        Upstream reporting = Upstream.of("reporting", config.upstreams().reporting());
        this.all = List.of(registry, disbursement, reporting);
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(60)
                        .setTcpNoDelay(true)
                        .setConnectTimeout((int) config.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(config.upstreamPoolSize()).setMaxWaitQueueSize(-1));
        Map<Upstream, HttpProxy> proxies = new HashMap<>();
        for (Upstream upstream : all) {
            proxies.put(upstream, proxy(upstream, publicBase, config));
        }
        this.bySegment = Map.ofEntries(
                route("stations", registry, proxies), route("enterprises", registry, proxies),
                route("workers", registry, proxies), route("settings", registry, proxies),
                route("change-requests", registry, proxies), route("reviews", registry, proxies),
                route("projects", disbursement, proxies), route("budgets", disbursement, proxies),
                route("applications", disbursement, proxies), route("payouts", disbursement, proxies),
                route("payout-batches", disbursement, proxies), route("bank-files", disbursement, proxies),
                route("reconciliation", disbursement, proxies),
                route("reports", reporting, proxies));
    }

    /** The reverse proxy to one service, made once: its origin, timeouts and interceptor. */
    private HttpProxy proxy(Upstream upstream, PublicBaseUrl publicBase, GatewayConfig config) {
        long timeout = config.upstreamTimeout().toMillis();
        // also the longest wait for a free pooled connection
        long connectTimeout = config.connectTimeout().toMillis();
        // failures reach the caller as problems (ForwardingInterceptor); no second report
        Handler<Throwable> quiet = failure -> Log.debugf("To %s: %s", upstream.name(), failure);
        HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client);
        proxy.origin(context -> client
                .request(upstream.request(context.request().getMethod(), context.request().getURI())
                        .setConnectTimeout(connectTimeout)
                        .setIdleTimeout(timeout))
                .map(request -> request.exceptionHandler(quiet)));
        proxy.addInterceptor(new ForwardingInterceptor(upstream, publicBase, config.trustForwardedHeaders(), config.maxBodyBytes()));
        return proxy;
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

    private static Map.Entry<String, Route> route(String segment, Upstream upstream, Map<Upstream, HttpProxy> proxies) {
        return Map.entry(segment, new Route(upstream, API_PREFIX + segment, proxies.get(upstream)));
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

    /** A top-level API path (the template metrics count requests by), its service and the proxy to it. */
    public record Route(Upstream upstream, String template, HttpProxy proxy) {
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
