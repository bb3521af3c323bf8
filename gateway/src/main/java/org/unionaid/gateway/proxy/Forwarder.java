package org.unionaid.gateway.proxy;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.Pipe;
import io.vertx.core.streams.ReadStream;
import org.jboss.logging.MDC;
import org.unionaid.gateway.config.PublicBaseUrl;
import org.unionaid.gateway.web.Problems;
import org.unionaid.gateway.web.RequestIdHandler;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * Forwards an admitted request to one service on the calling loop's client: the caller's headers but
 * the hop-by-hop ones, Host (the service is called by its own address) and Expect (the gateway said
 * 100 Continue itself); X-Forwarded-For the caller's address and X-Forwarded-Host/Proto/Port the
 * configured public base URL, whatever the caller sent, so the service's links name union-aid's public
 * address. The body streams on with back-pressure, a chunked one counted against its limit (413 when it
 * passes it). A failed exchange becomes a problem: 504 when the service is too slow, 503 when it cannot
 * be reached, 502 when it broke off. The answer goes back by {@link AnswerRelay}.
 */
final class Forwarder {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_PORT = "X-Forwarded-Port";

    /**
     * Not passed on: hop-by-hop, Host, Expect, Content-Length (set again for the body sent), and every
     * header by which a service could learn a wrong origin (Quarkus reads them all): the gateway sets its own.
     */
    private static final CharSequence[] NOT_FORWARDED = Headers.hopByHopAnd("Host", "Expect",
            "Forwarded", "X-Forwarded-Ssl", "X-Forwarded-Prefix", "X-Forwarded-Server",
            X_FORWARDED_FOR, X_FORWARDED_HOST, X_FORWARDED_PROTO, X_FORWARDED_PORT);

    private final Upstream upstream;
    private final AnswerRelay answers;
    private final PublicBaseUrl publicBase;
    private final String publicPort;
    private final boolean trustForwarded;
    private final long maxBodyBytes;
    private final long connectTimeout;
    private final long timeout;
    /** Failures reach the caller as problems; no second report. */
    private final Handler<Throwable> quiet;

    /** {@code connectTimeout} is also the longest wait for a pooled connection; {@code timeout} the longest silence. */
    Forwarder(Upstream upstream, PublicBaseUrl publicBase, boolean trustForwarded, long maxBodyBytes,
              long connectTimeout, long timeout) {
        this.upstream = upstream;
        this.answers = new AnswerRelay(new LinkRewriter(upstream), publicBase.origin());
        this.publicBase = publicBase;
        this.publicPort = Integer.toString(publicBase.port());
        this.trustForwarded = trustForwarded;
        this.maxBodyBytes = maxBodyBytes;
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
        this.quiet = failure -> Log.debugf("To %s: %s", upstream.name(), failure);
    }

    /** {@code in} is paused: nothing of its body has been read. */
    void forward(HttpClient client, HttpServerRequest in) {
        // a request target in absolute form (http://host/path) goes on in origin form: the host it
        // names is the caller's word, like a Host header
        String uri = in.uri();
        if (!uri.startsWith("/")) {
            uri = in.query() == null ? in.path() : in.path() + "?" + in.query();
        }
        RequestOptions options = upstream.request(in.method(), uri)
                .setConnectTimeout(connectTimeout)
                .setIdleTimeout(timeout);
        client.request(options).onComplete(made -> {
            if (made.succeeded()) {
                send(made.result(), in);
            } else {
                failed(in, made.cause());
            }
        });
    }

    private void send(HttpClientRequest out, HttpServerRequest in) {
        out.exceptionHandler(quiet);
        MultiMap incoming = in.headers();
        MultiMap headers = out.headers();
        Headers.copy(incoming, headers, NOT_FORWARDED);
        addForwardedHeaders(headers, in);
        String length = incoming.get(HttpHeaders.CONTENT_LENGTH);
        Future<HttpClientResponse> answered;
        LimitedStream limited = null;
        if (length != null) {
            out.putHeader(HttpHeaders.CONTENT_LENGTH, length);
            answered = streamBody(in, out);
        } else if (incoming.contains(HttpHeaders.TRANSFER_ENCODING)) {
            limited = new LimitedStream(in, BodyLimits.of(in.method(), in.path(), maxBodyBytes));
            out.setChunked(true);
            answered = streamBody(limited, out);
        } else {
            // neither Content-Length nor Transfer-Encoding: no body at all (RFC 9112, 6.3), so nothing
            // to stream on (a GET's usual case); the request is only read to its end
            in.resume();
            answered = out.send();
        }
        LimitedStream bodyLimit = limited;
        answered.onComplete(done -> {
            if (done.succeeded()) {
                answers.relay(done.result(), in, out);
            } else if (bodyLimit != null && bodyLimit.exceeded()) {
                tooLarge(in, bodyLimit.limit());
            } else {
                failed(in, done.cause());
            }
        });
    }

    /** The body piped on with back-pressure; if it breaks off, the exchange is reset, never ended as if whole. */
    private static Future<HttpClientResponse> streamBody(ReadStream<Buffer> body, HttpClientRequest out) {
        Pipe<Buffer> pipe = body.pipe();
        pipe.endOnFailure(false);
        pipe.to(out).onFailure(broken -> out.reset(0, broken));
        return out.response();
    }

    private void addForwardedHeaders(MultiMap headers, HttpServerRequest in) {
        String client = in.remoteAddress() == null ? null : in.remoteAddress().hostAddress();
        String earlier = trustForwarded ? in.getHeader(X_FORWARDED_FOR) : null;
        if (client != null) {
            headers.set(X_FORWARDED_FOR, earlier == null ? client : earlier + ", " + client);
        } else if (earlier != null) {
            headers.set(X_FORWARDED_FOR, earlier);
        }
        headers.set(X_FORWARDED_PROTO, publicBase.scheme());
        headers.set(X_FORWARDED_HOST, publicBase.authority());
        headers.set(X_FORWARDED_PORT, publicPort);
    }

    private static void tooLarge(HttpServerRequest in, long limit) {
        HttpServerResponse answer = in.response();
        if (!answer.headWritten()) {
            answer.putHeader(HttpHeaders.CONNECTION, "close");
        }
        problem(in, 413, "payload-too-large", Long.toString(limit));
    }

    private void failed(HttpServerRequest in, Throwable failure) {
        MDC.put(RequestIdHandler.MDC_KEY, in.getHeader(RequestIdHandler.HEADER));
        int status = statusFor(failure);
        Log.warnf("%s %s to %s failed with %d: %s", in.method(), in.path(), upstream.name(), status, failure.toString());
        String code = status == 504 ? "upstream-timeout" : status == 503 ? "upstream-unavailable" : "upstream-failed";
        problem(in, status, code, upstream.name());
    }

    private static void problem(HttpServerRequest in, int status, String code, Object... args) {
        HttpServerResponse answer = in.response();
        if (answer.headWritten()) {
            // the answer had begun: the caller must not take its end for a whole answer
            answer.reset();
            return;
        }
        // the rest of the request body, if any, is drained
        in.resume();
        answer.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .end(Problems.body(in, status, code, args));
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
