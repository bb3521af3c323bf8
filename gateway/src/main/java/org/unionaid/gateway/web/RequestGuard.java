package org.unionaid.gateway.web;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.unionaid.gateway.config.GatewayConfig;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Second stop of every request (after its id): what no service should have to read is answered
 * here with a problem. A URI longer than the services' request line takes (414), more or larger
 * headers than they take (431), a Host that is no host name (400), a path or query whose
 * percent-encoding is broken, is not UTF-8 or decodes to a control character such as NUL (400),
 * a Transfer-Encoding other than chunked (400). Requests beyond even the HTTP codec's own limits
 * (quarkus.http.limits.*) are answered by Vert.x before any route, without a body: see README.
 * Also turns every failure the router reports (a path it cannot decode, anything unexpected)
 * into a problem, never a bare status or a stack trace.
 */
@ApplicationScoped
public class RequestGuard {

    static final int ORDER = RequestIdHandler.ORDER + 1;
    /** Printable ASCII that RFC 3986 still keeps out of a request target. */
    private static final String NEVER_IN_URIS = "\"<>\\^`{|}#[]";
    /** Host names are at most 253 characters; a port and brackets add at most 8. */
    private static final int MAX_HOST_LENGTH = 261;
    private static final Map<Integer, String> CODES = Map.of(400, "bad-request", 404, "no-route", 405, "method-not-allowed",
            413, "payload-too-large", 414, "uri-too-long", 415, "unsupported-media-type", 431, "headers-too-large");

    private final GatewayConfig config;

    RequestGuard(GatewayConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        // failures the router meets before any route can match go to these, not to failure handlers
        // (a request target java.net.URI refuses, such as %zz, is answered by Quarkus before the
        // router: a bare 400, README)
        for (int status : new int[] {400, 404, 405, 413, 414, 415, 431, 500, 501, 502, 503}) {
            router.errorHandler(status, this::failed);
        }
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String uri = request.uri();
        if (uri.length() > config.maxUriLength()) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            Problems.send(rc, 414, "uri-too-long", Integer.toString(config.maxUriLength()));
            return;
        }
        if (headersTooLarge(request.headers())) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            Problems.send(rc, 431, "headers-too-large", Integer.toString(config.maxHeaders()),
                    Integer.toString(config.maxHeaderBytes()));
            return;
        }
        if (!plainHost(request.headers())) {
            Problems.send(rc, 400, "bad-host");
            return;
        }
        String badPart = badlyEncodedPart(uri);
        if (badPart != null) {
            Problems.send(rc, 400, "bad-encoding", badPart);
            return;
        }
        String transferEncoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (transferEncoding != null && !transferEncoding.equalsIgnoreCase("chunked")) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            Problems.send(rc, 400, "bad-transfer-encoding");
            return;
        }
        rc.next();
    }

    /** Whatever the router or a handler failed with, as a problem: never a bare status, never details of a fault. */
    private void failed(RoutingContext rc) {
        if (rc.response().headWritten()) {
            rc.response().reset();
            return;
        }
        if (rc.response().ended()) {
            return;
        }
        int status = rc.statusCode() < 400 ? 500 : rc.statusCode();
        String badPart = status == 400 ? badlyEncodedPart(rc.request().uri()) : null;
        if (badPart != null) {
            Problems.send(rc, 400, "bad-encoding", badPart);
        } else if (status == 400 && !plainHost(rc.request().headers())) {
            Problems.send(rc, 400, "bad-host");
        } else if (status == 404) {
            Problems.send(rc, 404, "no-route", Problems.instanceOf(rc.request()));
        } else if (CODES.containsKey(status)) {
            Problems.send(rc, status, CODES.get(status));
        } else {
            if (status >= 500) {
                io.quarkus.logging.Log.errorf(rc.failure(), "%s %s failed", rc.request().method(), Problems.instanceOf(rc.request()));
            }
            Problems.send(rc, status, status >= 500 ? "internal-error" : "bad-request");
        }
    }

    /** Header lines counted as they come (MultiMap.size() would sort their names into a set on every request). */
    private boolean headersTooLarge(MultiMap headers) {
        int count = 0;
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            count++;
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return count > config.maxHeaders() || bytes > config.maxHeaderBytes();
    }

    /** One Host, a name or address with an optional port: nothing a log line or a link could be forged with. */
    static boolean plainHost(MultiMap headers) {
        java.util.List<String> hosts = headers.getAll(HttpHeaders.HOST);
        if (hosts.size() > 1) {
            return false;
        }
        if (hosts.isEmpty()) {
            return true;
        }
        String host = hosts.get(0);
        if (host.isEmpty() || host.length() > MAX_HOST_LENGTH) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * "path" or "query" when that part of the request target is not plain: a character outside
     * printable ASCII or one RFC 3986 keeps out of URIs (a quote, a brace), a % not followed by two
     * hex digits, bytes that are not UTF-8 (the overlong %C0%AF), or a control character once
     * decoded (%00); null when both are plain.
     */
    static String badlyEncodedPart(String uri) {
        int query = uri.indexOf('?');
        if (!plain(uri, 0, query < 0 ? uri.length() : query)) {
            return "path";
        }
        if (query >= 0 && !plain(uri, query + 1, uri.length())) {
            return "query";
        }
        return null;
    }

    private static boolean plain(String uri, int from, int to) {
        boolean encoded = false;
        for (int i = from; i < to; i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f || NEVER_IN_URIS.indexOf(c) >= 0) {
                return false;
            }
            if (c == '%') {
                if (i + 2 >= to) {
                    return false;
                }
                if (hex(uri.charAt(i + 1)) < 0 || hex(uri.charAt(i + 2)) < 0) {
                    return false;
                }
                encoded = true;
                i += 2;
            }
        }
        return !encoded || decodesCleanly(uri, from, to);
    }

    /** The decoded bytes are UTF-8 without control characters ('+' stays '+': it is no control either way). */
    private static boolean decodesCleanly(String uri, int from, int to) {
        ByteBuffer bytes = ByteBuffer.allocate(to - from);
        for (int i = from; i < to; i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                bytes.put((byte) (hex(uri.charAt(i + 1)) << 4 | hex(uri.charAt(i + 2))));
                i += 2;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharSequence text = utf8.decode(bytes);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                    return false;
                }
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
