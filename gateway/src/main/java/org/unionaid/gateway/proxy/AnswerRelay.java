package org.unionaid.gateway.proxy;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.Pipe;
import org.unionaid.gateway.web.RequestIdHandler;

/**
 * A service's answer, streamed back to the caller: its status, its headers but the hop-by-hop ones and
 * X-Request-Id (the gateway answers that itself), links that still name the service rewritten to the
 * public base URL, and its body piped with back-pressure. The service's Date goes back as it came (the
 * same second; no parse, no print). An answer that has no body (HEAD, 1xx, 204, 304) is sent as its head
 * alone, framed as the service framed it (no chunked encoding, connection kept).
 */
final class AnswerRelay {

    private static final CharSequence[] NOT_RETURNED = Headers.hopByHopAnd(RequestIdHandler.HEADER);

    private final LinkRewriter links;
    private final String publicOrigin;

    AnswerRelay(LinkRewriter links, String publicOrigin) {
        this.links = links;
        this.publicOrigin = publicOrigin;
    }

    void relay(HttpClientResponse from, HttpServerRequest in, HttpClientRequest out) {
        HttpServerResponse answer = in.response();
        int status = from.statusCode();
        answer.setStatusCode(status);
        String message = from.statusMessage();
        if (message != null && !message.equals(HttpResponseStatus.valueOf(status).reasonPhrase())) {
            answer.setStatusMessage(message);
        }
        MultiMap headers = answer.headers();
        Headers.copy(from.headers(), headers, NOT_RETURNED);
        if (LinkRewriter.hasLinks(headers)) {
            links.rewrite(headers, publicOrigin);
        }
        if (status == 204 || status == 304 || status < 200 || in.method() == HttpMethod.HEAD) {
            // the service's (empty) answer ends by itself, and its connection goes back to the pool
            answer.end();
            return;
        }
        if (!from.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            answer.setChunked(true);
        }
        Pipe<Buffer> pipe = from.pipe();
        pipe.endOnFailure(false);
        pipe.to(answer).onFailure(broken -> {
            // either side broke off: neither may take what it got for a whole message
            out.reset();
            answer.reset();
        });
    }
}
