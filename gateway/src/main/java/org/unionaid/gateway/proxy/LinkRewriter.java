package org.unionaid.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

import java.util.ArrayList;
import java.util.List;

/**
 * Links a service wrote with its own address (Location, Content-Location, Link) are turned
 * into links to the gateway, for services that do not read X-Forwarded-*; links that already
 * name the gateway are left alone.
 */
final class LinkRewriter {

    /** Header names with their hash computed once (a lookup per name on every answer). */
    private static final CharSequence[] LINK_HEADERS = {HttpHeaders.createOptimized("Location"),
            HttpHeaders.createOptimized("Content-Location"), HttpHeaders.createOptimized("Link")};

    private final List<String> internalOrigins;

    LinkRewriter(Upstream upstream) {
        String scheme = upstream.ssl() ? "https://" : "http://";
        List<String> origins = new ArrayList<>();
        origins.add(scheme + upstream.host() + ":" + upstream.port());
        if (upstream.port() == (upstream.ssl() ? 443 : 80)) {
            origins.add(scheme + upstream.host());
        }
        this.internalOrigins = List.copyOf(origins);
    }

    /** Whether an answer carries any header this rewrites (a lookup each, nothing allocated). */
    static boolean hasLinks(MultiMap headers) {
        for (CharSequence name : LINK_HEADERS) {
            if (headers.get(name) != null) {
                return true;
            }
        }
        return false;
    }

    void rewrite(MultiMap headers, String externalOrigin) {
        for (CharSequence name : LINK_HEADERS) {
            if (headers.get(name) == null) {
                continue;
            }
            List<String> values = headers.getAll(name);
            List<String> rewritten = new ArrayList<>(values.size());
            for (String value : values) {
                rewritten.add(rewrite(value, externalOrigin));
            }
            headers.set(name.toString(), rewritten);
        }
    }

    String rewrite(String value, String externalOrigin) {
        String result = value;
        for (String internal : internalOrigins) {
            int at = result.indexOf(internal);
            while (at >= 0) {
                int end = at + internal.length();
                if (end == result.length() || "/?>#".indexOf(result.charAt(end)) >= 0) {
                    result = result.substring(0, at) + externalOrigin + result.substring(end);
                    at = result.indexOf(internal, at + externalOrigin.length());
                } else {
                    at = result.indexOf(internal, end);
                }
            }
        }
        return result;
    }
}
