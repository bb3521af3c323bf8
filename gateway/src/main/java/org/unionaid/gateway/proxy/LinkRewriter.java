package org.unionaid.gateway.proxy;

import io.vertx.core.MultiMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Links a service wrote with its own address (Location, Content-Location, Link) are turned
 * into links to the gateway, for services that do not read X-Forwarded-*; links that already
 * name the gateway are left alone.
 */
final class LinkRewriter {

    private static final String[] LINK_HEADERS = {"Location", "Content-Location", "Link"};

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

    void rewrite(MultiMap headers, String externalOrigin) {
        for (String name : LINK_HEADERS) {
            List<String> values = headers.getAll(name);
            if (values.isEmpty()) {
                continue;
            }
            List<String> rewritten = new ArrayList<>(values.size());
            for (String value : values) {
                rewritten.add(rewrite(value, externalOrigin));
            }
            headers.set(name, rewritten);
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
