package org.unionaid.gateway.proxy;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import org.jboss.logging.MDC;
import org.unionaid.gateway.config.PublicBaseUrl;
import org.unionaid.gateway.web.Problems;
import org.unionaid.gateway.web.RequestIdHandler;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * Tells the service where the request came from: X-Forwarded-For the caller's address, and
 * X-Forwarded-Host/Proto/Port the configured public base URL, whatever Host the caller sent, so
 * its links name union-aid's public address; links that still name the service are rewritten to
 * that base on the way back. Caps bodies of unknown length, keeps answers without a body
 * framed as they came (no chunked encoding), and turns a failed exchange into a problem: 504
 * when the service is too slow, 503 when it cannot be reached, 502 when it broke off.
 */
final class ForwardingInterceptor implements ProxyInterceptor {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_PORT = "X-Forwarded-Port";

    /** Other headers by which a service could learn a wrong origin (Quarkus reads them all). */
    private static final String[] UNTRUSTED = {"Forwarded", "X-Forwarded-Ssl", "X-Forwarded-Prefix", "X-Forwarded-Server"};

    private final Upstream upstream;
    private final LinkRewriter links;
    private final PublicBaseUrl publicBase;
    private final String publicPort;
    private final boolean trustForwarded;
    private final long maxBodyBytes;

    ForwardingInterceptor(Upstream upstream, PublicBaseUrl publicBase, boolean trustForwarded, long maxBodyBytes) {
        this.upstream = upstream;
        this.links = new LinkRewriter(upstream);
        this.publicBase = publicBase;
        this.publicPort = Integer.toString(publicBase.port());
        this.trustForwarded = trustForwarded;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        HttpServerRequest in = request.proxiedRequest();
        addForwardedHeaders(request.headers(), in);
        // a request target in absolute form (http://host/path) goes on in origin form: the host it
        // names is the caller's word, like a Host header
        if (!request.getURI().startsWith("/")) {
            request.setURI(in.query() == null ? in.path() : in.path() + "?" + in.query());
        }
        // the gateway said 100 Continue itself; the body is on its way
        request.headers().remove(HttpHeaders.EXPECT);
        LimitedStream limited = null;
        Body body = request.getBody();
        long limit = BodyLimits.of(in.method(), in.path(), maxBodyBytes);
        if (body != null && body.length() < 0) {
            if (in.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                limited = new LimitedStream(body.stream(), limit);
                request.setBody(Body.body(limited, -1));
            } else {
                // neither Content-Length nor Transfer-Encoding: no body at all (RFC 9112, 6.3), so
                // nothing to stream on (a GET's usual case); the request is only read to its end
                request.setBody(null);
                in.resume();
            }
        }
        LimitedStream bodyLimit = limited;
        return context.sendRequest().recover(failure -> Future.succeededFuture(
                bodyLimit != null && bodyLimit.exceeded() ? tooLarge(context, limit) : failed(context, failure)));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        MultiMap headers = context.response().headers();
        // the gateway answers these itself
        headers.remove(RequestIdHandler.HEADER);
        headers.remove(HttpHeaders.CONNECTION);
        headers.remove(HttpHeaders.KEEP_ALIVE);
        if (LinkRewriter.hasLinks(headers)) {
            links.rewrite(headers, publicBase.origin());
        }
        if (withoutBody(context)) {
            return sendHeadOnly(context);
        }
        // the proxy parses the service's Date only to print it again (java.time, ~5 % of the gateway's
        // CPU per request by the profile); without one it prints the time now, the same second
        headers.remove(HttpHeaders.DATE);
        return context.sendResponse();
    }

    /**
     * An answer that has no body is sent as its head alone, framed as the service framed it. The
     * proxy would stream an (empty) body with Transfer-Encoding: chunked whenever the service sent
     * no Content-Length, as a 304 or 204 has none: clients that know such answers have no body
     * then read the chunk terminator as the next answer, or give the connection up.
     */
    private static Future<Void> sendHeadOnly(ProxyContext context) {
        ProxyResponse response = context.response();
        HttpServerResponse out = context.request().proxiedRequest().response();
        out.setStatusCode(response.getStatusCode());
        if (response.getStatusMessage() != null) {
            out.setStatusMessage(response.getStatusMessage());
        }
        MultiMap headers = out.headers();
        response.headers().forEach(header -> {
            if (!HttpHeaders.TRANSFER_ENCODING.toString().equalsIgnoreCase(header.getKey())) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        // the service's (empty) answer is drained, so its connection goes back to the pool
        response.release();
        return out.end();
    }

    /** HEAD answers, 1xx, 204 and 304 never carry a body (RFC 9112, 6.3). */
    private static boolean withoutBody(ProxyContext context) {
        int status = context.response().getStatusCode();
        return status == 204 || status == 304 || status < 200
                || context.request().proxiedRequest().method() == HttpMethod.HEAD;
    }

    private void addForwardedHeaders(MultiMap headers, HttpServerRequest in) {
        String client = in.remoteAddress() == null ? null : in.remoteAddress().hostAddress();
        String earlier = trustForwarded ? headers.get(X_FORWARDED_FOR) : null;
        if (client != null) {
            headers.set(X_FORWARDED_FOR, earlier == null ? client : earlier + ", " + client);
        }
        // what a caller (or a load balancer passing the caller's Host on) says about the way it came
        // in is not believed: the public address is configured
        for (String made : UNTRUSTED) {
            headers.remove(made);
        }
        headers.set(X_FORWARDED_PROTO, publicBase.scheme());
        headers.set(X_FORWARDED_HOST, publicBase.authority());
        headers.set(X_FORWARDED_PORT, publicPort);
    }

    private static ProxyResponse tooLarge(ProxyContext context, long limit) {
        return problem(context, 413, "payload-too-large", Long.toString(limit))
                .putHeader(HttpHeaders.CONNECTION, "close");
    }

    private ProxyResponse failed(ProxyContext context, Throwable failure) {
        HttpServerRequest in = context.request().proxiedRequest();
        MDC.put(RequestIdHandler.MDC_KEY, in.getHeader(RequestIdHandler.HEADER));
        int status = statusFor(failure);
        Log.warnf("%s %s to %s failed with %d: %s", in.method(), in.path(), upstream.name(), status, failure.toString());
        String code = status == 504 ? "upstream-timeout" : status == 503 ? "upstream-unavailable" : "upstream-failed";
        return problem(context, status, code, upstream.name());
    }

    private static ProxyResponse problem(ProxyContext context, int status, String code, Object... args) {
        ProxyRequest request = context.request();
        HttpServerRequest in = request.proxiedRequest();
        request.release();
        return request.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .setBody(Body.body(Problems.body(in, status, code, args)));
    }

    static int statusFor(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return 503;
            }
            if (cause instanceof TimeoutException) {
                return 504;
            }
        }
        return 502;
    }
}
