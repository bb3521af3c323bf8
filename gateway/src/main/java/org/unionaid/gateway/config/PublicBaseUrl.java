package org.unionaid.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where clients reach union-aid (union-aid.public-base-url), the one origin every link the
 * gateway passes on names: never the Host header a caller sent. Only an origin
 * (scheme://host[:port]); a path would have to be known to every service too.
 */
public record PublicBaseUrl(String scheme, String host, int port, String origin) {

    public static PublicBaseUrl of(String value) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw invalid(value);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean plainPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null || !plainPath
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw invalid(value);
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        int port = uri.getPort() > 0 ? uri.getPort() : defaultPort;
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String origin = scheme + "://" + host + (port == defaultPort ? "" : ":" + port);
        return new PublicBaseUrl(scheme, host, port, origin);
    }

    /** host, with the port when it is not the scheme's own (as a Host header says it). */
    public String authority() {
        return origin.substring(scheme.length() + 3);
    }

    private static IllegalArgumentException invalid(String value) {
        return new IllegalArgumentException("union-aid.public-base-url must be an origin such as https://aid.example.org, not "
                + value);
    }
}
