package org.unionaid.gateway.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;

/**
 * The staff console's side of the gateway. Its files are static resources
 * (META-INF/resources: index.html, console/*, ECharts from its WebJar under /webjars); this adds
 * the answer that tells the browser where to sign in (GET /console/config.json) and, on every
 * console page and file, headers that let a page talk to this origin and the issuer only.
 */
@ApplicationScoped
public class ConsoleRoutes {

    static final int ORDER = RequestGuard.ORDER + 2;
    static final String CONFIG_PATH = "/console/config.json";

    private final JsonObject config;
    private final String policy;

    ConsoleRoutes(ConsoleConfig console) {
        String issuer = console.issuer().map(String::trim).filter(s -> !s.isEmpty()).map(ConsoleRoutes::withoutSlash).orElse(null);
        this.config = new JsonObject().put("issuer", issuer).put("clientId", console.clientId());
        this.policy = policy(issuer == null ? null : originOf(issuer));
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::headers);
        router.route(HttpMethod.GET, CONFIG_PATH).order(ORDER + 1).handler(this::config);
    }

    private void headers(RoutingContext rc) {
        String path = rc.request().path();
        if (path != null && (path.equals("/") || path.equals("/index.html") || path.startsWith("/console/")
                || path.startsWith("/webjars/"))) {
            rc.response().headers()
                    .set("Content-Security-Policy", policy)
                    .set("X-Content-Type-Options", "nosniff")
                    .set("Referrer-Policy", "no-referrer")
                    .set("X-Frame-Options", "DENY")
                    .set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
            if (path.equals("/") || path.equals("/index.html")) {
                // the page names its scripts by path: a new release must be seen at once
                rc.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-cache");
            }
        }
        rc.next();
    }

    private void config(RoutingContext rc) {
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(config.toBuffer());
    }

    /** Scripts, styles and calls of this origin; calls (token, refresh) and form posts to the issuer too. */
    static String policy(String issuerOrigin) {
        String issuer = issuerOrigin == null ? "" : " " + issuerOrigin;
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
                + "connect-src 'self'" + issuer + "; form-action 'self'" + issuer + "; frame-ancestors 'none'; "
                + "base-uri 'none'; object-src 'none'";
    }

    static String originOf(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("union-aid.console.issuer must be an absolute URL");
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
