package org.unionaid.disbursement.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in aid-registry-service: a real HTTP server on a random port answering the reads of
 * docs/contracts.md from what the tests put into it, and a control server on another port through
 * which tests store files, stations and 低保 amounts, and stop or restart the registry.
 */
public class RegistryStub implements QuarkusTestResourceLifecycleManager {

    public static final String CONTROL_URL = "stub-registry.control-url";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> workers = new ConcurrentHashMap<>();
    private final Map<String, String> stations = new ConcurrentHashMap<>();
    private final Map<String, String> enterprises = new ConcurrentHashMap<>();
    private final Map<String, String> bankAccounts = new ConcurrentHashMap<>();
    private final Map<String, String> standards = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private Vertx vertx;
    private volatile HttpServer registry;
    private volatile boolean hanging;
    private volatile String lastRequestId = "";
    private HttpServer control;
    private int registryPort;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        registry = listen(0, this::serveRegistry);
        registryPort = registry.actualPort();
        control = listen(0, this::serveControl);
        return Map.of(
                "quarkus.rest-client.registry.url", "http://localhost:" + registryPort,
                CONTROL_URL, "http://localhost:" + control.actualPort());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            await(vertx.close().toCompletionStage().toCompletableFuture());
        }
    }

    private HttpServer listen(int port, io.vertx.core.Handler<HttpServerRequest> handler) {
        return await(vertx.createHttpServer().requestHandler(handler).listen(port).toCompletionStage().toCompletableFuture());
    }

    private void serveRegistry(HttpServerRequest request) {
        calls.incrementAndGet();
        String requestId = request.getHeader("X-Request-Id");
        if (requestId != null) {
            lastRequestId = requestId;
        }
        if (hanging) {
            // Accepts the call and never answers: the client's timeout must end it.
            return;
        }
        String auth = request.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            request.response().setStatusCode(401).end();
            return;
        }
        String path = request.path();
        if (path.equals("/api/v1/bank-accounts/lookup")) {
            request.body().onSuccess(buffer -> request.response().putHeader("Content-Type", "application/json")
                    .end(bankAccountLookup(buffer.toString())));
            return;
        }
        String body = null;
        if (path.startsWith("/api/v1/workers/") && path.endsWith("/bank-account")) {
            body = bankAccounts.get(path.substring("/api/v1/workers/".length(), path.length() - "/bank-account".length()));
            if (body == null) {
                request.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                        .end("{\"type\":\"urn:union-aid:problem:no-bank-account\",\"status\":404,\"title\":\"No bank account\"}");
                return;
            }
        } else if (path.startsWith("/api/v1/workers/")) {
            body = workers.get(path.substring("/api/v1/workers/".length()));
        } else if (path.startsWith("/api/v1/stations/")) {
            body = stations.get(path.substring("/api/v1/stations/".length()));
        } else if (path.startsWith("/api/v1/enterprises/")) {
            body = enterprises.get(path.substring("/api/v1/enterprises/".length()));
        } else if (path.startsWith("/api/v1/settings/minimum-living-standard/")) {
            String year = path.substring("/api/v1/settings/minimum-living-standard/".length());
            String amount = standards.getOrDefault(year, standards.get("default"));
            body = amount == null ? null : "{\"year\":" + year + ",\"monthlyAmount\":\"" + amount + "\"}";
        }
        if (body == null) {
            request.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                    .end("{\"status\":404,\"title\":\"Not found\"}");
        } else {
            request.response().putHeader("Content-Type", "application/json").end(body);
        }
    }

    /** POST /api/v1/bank-accounts/lookup as the registry answers it: the stored accounts of the ids asked, by id. */
    private String bankAccountLookup(String request) {
        try {
            ArrayNode items = JSON.createArrayNode();
            JSON.readTree(request).get("workerIds").forEach(id -> {
                String account = bankAccounts.get(id.asText());
                if (account != null) {
                    try {
                        ObjectNode item = JSON.createObjectNode().put("workerId", id.asLong());
                        item.setAll((ObjectNode) JSON.readTree(account));
                        items.add(item);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            return JSON.createObjectNode().set("items", items).toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Stub registry: not a lookup", e);
        }
    }

    private void serveControl(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            String path = request.path();
            String body = buffer.toString();
            int status = 204;
            String answer = "";
            if (path.startsWith("/workers/")) {
                workers.put(path.substring("/workers/".length()), body);
            } else if (path.startsWith("/stations/")) {
                stations.put(path.substring("/stations/".length()), body);
            } else if (path.startsWith("/bank-accounts/")) {
                bankAccounts.put(path.substring("/bank-accounts/".length()), body);
            } else if (path.startsWith("/enterprises/")) {
                enterprises.put(path.substring("/enterprises/".length()), body);
            } else if (path.startsWith("/standards/")) {
                standards.put(path.substring("/standards/".length()), body);
            } else if (path.equals("/down")) {
                // Answered once the port is closed, never blocking the event loop.
                HttpServer running = registry;
                registry = null;
                (running == null ? io.vertx.core.Future.succeededFuture() : running.close())
                        .onComplete(done -> request.response().setStatusCode(204).end());
                return;
            } else if (path.equals("/hang")) {
                hanging = true;
            } else if (path.equals("/up")) {
                hanging = false;
                if (registry == null) {
                    vertx.createHttpServer().requestHandler(this::serveRegistry).listen(registryPort)
                            .onSuccess(server -> {
                                registry = server;
                                request.response().setStatusCode(204).end();
                            })
                            .onFailure(e -> request.response().setStatusCode(500).end(e.toString()));
                    return;
                }
            } else if (path.equals("/last-request-id")) {
                status = 200;
                answer = lastRequestId;
            } else if (path.equals("/calls")) {
                status = 200;
                answer = String.valueOf(calls.get());
            } else {
                status = 404;
            }
            request.response().setStatusCode(status).end(answer);
        });
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Stub registry failed", e);
        }
    }
}
