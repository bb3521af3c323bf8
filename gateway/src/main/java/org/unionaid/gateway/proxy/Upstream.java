package org.unionaid.gateway.proxy;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URI;

/** One service behind the gateway: its name (for messages and health) and where it listens. */
public record Upstream(String name, String host, int port, boolean ssl) {

    public static Upstream of(String name, String url) {
        URI uri = URI.create(url);
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        return new Upstream(name, uri.getHost(), port, ssl);
    }

    public RequestOptions request(HttpMethod method, String uri) {
        return new RequestOptions().setHost(host).setPort(port).setSsl(ssl).setMethod(method).setURI(uri);
    }

    public String url() {
        return (ssl ? "https://" : "http://") + host + ":" + port;
    }
}
