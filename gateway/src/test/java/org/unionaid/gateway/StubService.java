package org.unionaid.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A stand-in for one service on a random port. Under /api it answers with what it received
 * (method, uri, headers, body size and digest), so tests see exactly what the gateway sent on;
 * .../slow answers after 6 s, .../broken hangs up, .../big?bytes=N sends N bytes back,
 * .../created answers 201 with links to itself, .../created-forwarded with a link made of the
 * X-Forwarded-* headers; .../not-modified answers 304 with an ETag, .../no-content 204 (neither
 * with a Content-Length), .../chunked a body in chunks.
 */
final class StubService {

    private final String name;
    private final List<String> paths;
    private Vertx vertx;
    private HttpServer server;

    StubService(String name, List<String> paths) {
        this.name = name;
        this.paths = paths;
    }

    int start(Vertx vertx) {
        this.vertx = vertx;
        server = vertx.createHttpServer().requestHandler(this::handle);
        return server.listen(0).toCompletionStage().toCompletableFuture().join().actualPort();
    }

    void stop() {
        server.close().toCompletionStage().toCompletableFuture().join();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/q/openapi")) {
            request.response().putHeader("Content-Type", "application/json").end(openApi().toBuffer());
        } else if (path.equals("/q/health/ready")) {
            request.response().putHeader("Content-Type", "application/json").end("{\"status\":\"UP\",\"checks\":[]}");
        } else if (path.equals("/keys/dev-public.pem")) {
            // a key server, as a JWKS URL of an OIDC provider would be
            request.response().end(Buffer.buffer(publicKey()));
        } else if (path.endsWith("/broken")) {
            request.connection().close();
        } else if (path.endsWith("/created")) {
            // like a service that builds links from the Host header and ignores X-Forwarded-*
            String self = "http://" + request.getHeader("Host");
            request.response().setStatusCode(201)
                    .putHeader("Location", self + "/api/v1/stations/C01")
                    .putHeader("Link", "<" + self + "/api/v1/stations?cursor=abc>; rel=\"next\"")
                    .end();
        } else if (path.endsWith("/created-forwarded")) {
            // like a Quarkus service with proxy-address-forwarding: links from X-Forwarded-*
            String self = request.getHeader("X-Forwarded-Proto") + "://" + request.getHeader("X-Forwarded-Host");
            request.response().setStatusCode(201).putHeader("Location", self + "/api/v1/workers/9").end();
        } else if (path.endsWith("/not-modified")) {
            // a conditional GET whose ETag still matches: no body, no Content-Length
            request.response().setStatusCode(304).putHeader("ETag", "\"7\"").end();
        } else if (path.endsWith("/no-content")) {
            request.response().setStatusCode(204).end();
        } else if (path.endsWith("/chunked")) {
            request.response().setChunked(true).putHeader("Content-Type", "text/plain").write("part one, ");
            request.response().end("part two");
        } else if (path.endsWith("/big")) {
            int bytes = Integer.parseInt(request.getParam("bytes"));
            // its length said outright: a HEAD answer gets it too
            request.response().putHeader("Content-Type", "application/octet-stream")
                    .putHeader("Content-Length", Integer.toString(bytes)).end(Buffer.buffer(new byte[bytes]));
        } else {
            request.body().onSuccess(body -> {
                long delay = path.endsWith("/slow") ? 6_000 : 0;
                Buffer answer = echo(request, body).toBuffer();
                if (delay == 0) {
                    reply(request, answer);
                } else {
                    vertx.setTimer(delay, id -> reply(request, answer));
                }
            });
        }
    }

    private void reply(HttpServerRequest request, Buffer answer) {
        if (request.response().closed()) {
            return;
        }
        String requestId = request.getHeader("X-Request-Id");
        if (requestId != null) {
            request.response().putHeader("X-Request-Id", requestId);
        }
        request.response().putHeader("Content-Type", "application/json").end(answer);
    }

    private JsonObject echo(HttpServerRequest request, Buffer body) {
        JsonObject headers = new JsonObject();
        request.headers().names().forEach(header ->
                headers.put(header.toLowerCase(), String.join(",", request.headers().getAll(header))));
        return new JsonObject()
                .put("service", name)
                .put("method", request.method().name())
                .put("uri", request.uri())
                .put("headers", headers)
                .put("bodyLength", body.length())
                .put("bodySha256", sha256(body.getBytes()));
    }

    private JsonObject openApi() {
        JsonObject pathItems = new JsonObject();
        for (String path : paths) {
            pathItems.put(path, new JsonObject().put("get", new JsonObject()
                    .put("tags", new JsonArray().add(name))
                    .put("operationId", name + "Get" + pathItems.size())
                    .put("responses", new JsonObject().put("200", new JsonObject().put("description", "OK")
                            .put("content", new JsonObject().put("application/json", new JsonObject()
                                    .put("schema", new JsonObject().put("$ref", "#/components/schemas/" + name + "Item"))))))));
        }
        pathItems.put("/api/v1/feed/" + name, new JsonObject().put("get", new JsonObject()));
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", "union-aid " + name).put("version", "1.0.0"))
                .put("tags", new JsonArray().add(new JsonObject().put("name", name)))
                .put("paths", pathItems)
                .put("components", new JsonObject()
                        .put("schemas", new JsonObject().put(name + "Item", new JsonObject().put("type", "object")))
                        .put("securitySchemes", new JsonObject().put("jwt", new JsonObject()
                                .put("type", "http").put("scheme", "bearer"))));
    }

    private static byte[] publicKey() {
        try (var in = StubService.class.getClassLoader().getResourceAsStream("keys/dev-public.pem")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
