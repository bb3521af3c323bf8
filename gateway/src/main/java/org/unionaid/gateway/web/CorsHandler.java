package org.unionaid.gateway.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.unionaid.gateway.config.GatewayConfig;

import java.util.List;
import java.util.Set;

/**
 * CORS for the configured origins only. Other origins get no CORS headers (the browser then
 * refuses the answer) and their preflights a 403 problem. Preflights need no token.
 */
@ApplicationScoped
public class CorsHandler {

    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS =
            "Authorization, Content-Type, Accept, Accept-Language, If-Match, Idempotency-Key, X-Request-Id";
    static final String EXPOSED_HEADERS =
            "Location, ETag, Link, Retry-After, X-Request-Id, Idempotency-Replayed, Content-Disposition";

    private final Set<String> origins;
    private final String maxAge;

    CorsHandler(GatewayConfig config) {
        this.origins = Set.copyOf(config.cors().origins().orElse(List.of()));
        this.maxAge = Long.toString(config.cors().maxAge().toSeconds());
    }

    void install(@Observes Router router) {
        router.route().order(RequestGuard.ORDER + 1).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        String origin = rc.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            rc.next();
            return;
        }
        boolean allowed = origins.contains(origin);
        boolean preflight = rc.request().method() == HttpMethod.OPTIONS
                && rc.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        rc.response().headers().add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        if (!allowed) {
            if (preflight) {
                Problems.send(rc, 403, "cors-rejected", origin);
            } else {
                rc.next();
            }
            return;
        }
        rc.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if (preflight) {
            rc.request().resume();
            rc.response().setStatusCode(204)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, maxAge)
                    .end();
            return;
        }
        rc.response().putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        rc.next();
    }
}
