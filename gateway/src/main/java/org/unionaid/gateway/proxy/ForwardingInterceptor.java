package org.unionaid.gateway.proxy;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import org.jboss.logging.MDC;
import org.unionaid.gateway.web.Problems;
import org.unionaid.gateway.web.RequestIdHandler;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * Tells the service where the request came from (X-Forwarded-*, so its Location headers name
 * the gateway; links that still name the service are rewritten on the way back), caps bodies
 * of unknown length, and turns a failed exchange into a problem: 504 when the service is too
 * slow, 503 when it cannot be reached, 502 when it broke off.
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
    private final boolean trustForwarded;
    private final long maxBodyBytes;

    ForwardingInterceptor(Upstream upstream, boolean trustForwarded, long maxBodyBytes) {
        this.upstream = upstream;
        this.links = new LinkRewriter(upstream);
        this.trustForwarded = trustForwarded;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        HttpServerRequest in = request.proxiedRequest();
        addForwardedHeaders(request.headers(), in);
        // the gateway said 100 Continue itself; the body is on its way
        request.headers().remove(HttpHeaders.EXPECT);
        LimitedStream limited = null;
        Body body = request.getBody();
        if (body != null && body.length() < 0) {
            limited = new LimitedStream(body.stream(), maxBodyBytes);
            request.setBody(Body.body(limited, -1));
        }
        LimitedStream bodyLimit = limited;
        return context.sendRequest().recover(failure -> Future.succeededFuture(
                bodyLimit != null && bodyLimit.exceeded() ? tooLarge(context) : failed(context, failure)));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        MultiMap headers = context.response().headers();
        // the gateway answers these itself
        headers.remove(RequestIdHandler.HEADER);
        headers.remove(HttpHeaders.CONNECTION);
        headers.remove(HttpHeaders.KEEP_ALIVE);
        // most answers carry no link: the gateway's origin is only worked out for those that do
        if (LinkRewriter.hasLinks(headers)) {
            String externalOrigin = externalOrigin(context.request().headers());
            if (externalOrigin != null) {
                links.rewrite(headers, externalOrigin);
            }
        }
        return context.sendResponse();
    }

    /** Where the caller reached the gateway, as the X-Forwarded-* headers sent on say; null if unknown. */
    private static String externalOrigin(MultiMap forwarded) {
        String forwardedHost = forwarded.get(X_FORWARDED_HOST);
        if (forwardedHost == null) {
            return null;
        }
        String proto = forwarded.get(X_FORWARDED_PROTO);
        return (proto == null ? "http" : proto) + "://" + forwardedHost;
    }

    private void addForwardedHeaders(MultiMap headers, HttpServerRequest in) {
        String client = in.remoteAddress() == null ? null : in.remoteAddress().hostAddress();
        String earlier = trustForwarded ? headers.get(X_FORWARDED_FOR) : null;
        if (client != null) {
            headers.set(X_FORWARDED_FOR, earlier == null ? client : earlier + ", " + client);
        }
        if (trustForwarded && headers.contains(X_FORWARDED_HOST)) {
            return;
        }
        // what a caller says about the way it came in is not believed
        for (String made : UNTRUSTED) {
            headers.remove(made);
        }
        headers.set(X_FORWARDED_PROTO, in.scheme() == null ? "http" : in.scheme());
        HostAndPort authority = in.authority();
        if (authority != null) {
            headers.set(X_FORWARDED_HOST, authority.toString());
            if (authority.port() > 0) {
                headers.set(X_FORWARDED_PORT, Integer.toString(authority.port()));
            } else {
                headers.remove(X_FORWARDED_PORT);
            }
        }
    }

    private ProxyResponse tooLarge(ProxyContext context) {
        return problem(context, 413, "payload-too-large", Long.toString(maxBodyBytes))
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
