package org.unionaid.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.unionaid.gateway.config.GatewayConfig;
import org.unionaid.gateway.security.RateLimiter;
import org.unionaid.gateway.security.TokenVerifier;
import org.unionaid.gateway.security.TokenVerifier.Caller;
import org.unionaid.gateway.web.Problems;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every /api request: a plain path that a service owns, a body within the limit, a caller
 * within their rate and holding a valid token; then the request streams, unchanged, to the
 * service and the answer streams back.
 */
@ApplicationScoped
public class ApiRoutes {

    static final int ORDER = Integer.MIN_VALUE + 20;
    private static final Set<HttpMethod> API_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);
    private static final String ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    /** Where Quarkus' HTTP metrics look for the path template of a request. */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    private final Upstreams upstreams;
    private final TokenVerifier tokens;
    private final RateLimiter limiter;
    private final GatewayConfig config;

    ApiRoutes(Upstreams upstreams, TokenVerifier tokens, RateLimiter limiter, GatewayConfig config) {
        this.upstreams = upstreams;
        this.tokens = tokens;
        this.limiter = limiter;
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        // nothing of the body may be read before the proxy pipes it on
        request.pause();
        String path = request.path();
        if (!plain(path, rc.normalizedPath())) {
            Problems.send(rc, 400, "bad-path");
            return;
        }
        if (!API_METHODS.contains(request.method())) {
            rc.response().putHeader(HttpHeaders.ALLOW, ALLOW);
            Problems.send(rc, 405, "method-not-allowed");
            return;
        }
        Upstreams.Route route = upstreams.route(path);
        if (route == null) {
            Problems.send(rc, 404, "no-route", path);
            return;
        }
        // metrics count requests by this, not by every id in the path
        Vertx.currentContext().putLocal(URL_PATH_TEMPLATE, route.template());
        long limit = BodyLimits.of(request.method(), path, config.maxBodyBytes());
        if (tooLarge(request.getHeader(HttpHeaders.CONTENT_LENGTH), limit)) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            Problems.send(rc, 413, "payload-too-large", Long.toString(limit));
            return;
        }
        Future<Optional<Caller>> checked = tokens.callerOf(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (checked.isComplete()) {
            // a remembered or file-key token: answered at once, no callback to allocate
            admit(rc, route, checked.succeeded() ? checked.result() : Optional.empty());
        } else {
            checked.onComplete(done -> admit(rc, route, done.succeeded() ? done.result() : Optional.empty()));
        }
    }

    /** {@code caller}: the token's caller, empty without a valid token. */
    private void admit(RoutingContext rc, Upstreams.Route route, Optional<Caller> caller) {
        HttpServerRequest request = rc.request();
        long wait = limiter.secondsToWait(caller.isPresent() ? caller.get().key() : "ip:" + clientAddress(request));
        if (wait > 0) {
            rc.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            Problems.send(rc, 429, "rate-limited", Long.toString(wait));
            return;
        }
        if (caller.isEmpty()) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            Problems.send(rc, 401, "unauthorized");
            return;
        }
        if (caller.get().service()) {
            // service-to-service calls go from service to service, never through the client door
            Problems.send(rc, 403, "service-token-refused");
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            // only now, with the request admitted, is the body worth sending
            rc.response().writeContinue();
        }
        upstreams.forward(route, request);
    }

    /**
     * The path goes on unchanged, so it must mean the same to every reader: no dot segments,
     * encoded slashes or matrix parameters that a service could resolve into a feed path.
     */
    static boolean plain(String path, String normalized) {
        if (!path.equalsIgnoreCase(normalized) || path.indexOf(';') >= 0 || path.indexOf('\\') >= 0) {
            return false;
        }
        if (path.indexOf('%') < 0) {
            return true;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        return !lower.contains("%2f") && !lower.contains("%5c") && !lower.contains("%2e") && !lower.contains("%3b");
    }

    private static boolean tooLarge(String contentLength, long limit) {
        if (contentLength == null) {
            return false;
        }
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** The caller's address; behind a trusted load balancer, the first one it names. */
    private String clientAddress(HttpServerRequest request) {
        if (config.trustForwardedHeaders()) {
            String forwardedFor = request.getHeader(Forwarder.X_FORWARDED_FOR);
            if (forwardedFor != null && !forwardedFor.isBlank()) {
                int comma = forwardedFor.indexOf(',');
                return (comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).trim();
            }
        }
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
