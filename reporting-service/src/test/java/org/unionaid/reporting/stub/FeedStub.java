package org.unionaid.reporting.stub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a random port serving feeds in the contract's shape
 * ({@code GET /api/v1/feed/<name>?after=N&limit=M} -> {@code {items, lastSeq}}), for the role
 * {@code service} only. Tests add items, stop and restart it on the same port, and make it
 * deliver items twice. As the registry it also lists enterprises ({@code GET /api/v1/enterprises?status=&cursor=&limit=}
 * -> {@code {items, nextCursor}}, keyset-paged by id), set by {@link #enterprise}.
 */
public final class FeedStub {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<Map<String, Object>>> feeds = new ConcurrentHashMap<>();
    private final Map<String, Integer> replays = new ConcurrentHashMap<>();
    private final java.util.Set<String> absent = ConcurrentHashMap.newKeySet();
    private final Map<Long, Map<String, Object>> enterprises = new java.util.TreeMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private long nextSeq = 1;
    private int port;
    private HttpServer server;

    public synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/api/v1/feed/", this::serve);
            server.createContext("/api/v1/enterprises", this::serveEnterprises);
            server.start();
            port = server.getAddress().getPort();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the feed stub", e);
        }
    }

    /** Stops answering: connections are refused, as when the service is down. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public boolean running() {
        return server != null;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int requests() {
        return requests.get();
    }

    /** Appends an item with the next seq (seqs have gaps, as after rolled-back transactions). */
    public synchronized Map<String, Object> add(String feed, Map<String, Object> fields) {
        nextSeq += nextSeq % 7 == 0 ? 2 : 1;
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("seq", nextSeq);
        item.putAll(fields);
        feeds.computeIfAbsent(feed, f -> new ArrayList<>()).add(item);
        return item;
    }

    /** Registers an enterprise, or changes its status (OPERATING, SUSPENDED, CLOSED) and the day it took effect. */
    public synchronized void enterprise(long id, String status, String statusSince) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("name", "Enterprise " + id);
        e.put("creditCode", "91430100MA4L" + id);
        e.put("status", status);
        e.put("statusSince", statusSince);
        e.put("keyEnterprise", false);
        enterprises.put(id, e);
    }

    /** An enterprise's status as listed ("" for none). */
    public synchronized String enterpriseStatus(long id) {
        Map<String, Object> e = enterprises.get(id);
        return e == null ? "" : (String) e.get("status");
    }

    /** Delivers an item already served a second time, under a new seq. */
    public synchronized Map<String, Object> redeliver(String feed, Map<String, Object> item) {
        Map<String, Object> copy = new LinkedHashMap<>(item);
        copy.remove("seq");
        return add(feed, copy);
    }

    /** While true, this feed answers 404, as a service that does not publish it yet. */
    public void absent(String feed, boolean isAbsent) {
        if (isAbsent) {
            absent.add(feed);
        } else {
            absent.remove(feed);
        }
    }

    /** The next read of this feed also answers the {@code items} items before {@code after} again. */
    public void replayOnce(String feed, int items) {
        replays.put(feed, items);
    }

    public synchronized List<Map<String, Object>> items(String feed) {
        return List.copyOf(feeds.getOrDefault(feed, List.of()));
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (!isServiceCall(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, Map.of("status", 401));
                return;
            }
            String feed = exchange.getRequestURI().getPath().substring("/api/v1/feed/".length());
            if (absent.contains(feed)) {
                respond(exchange, 404, Map.of("status", 404));
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            long after = Long.parseLong(query.getOrDefault("after", "0"));
            int limit = Integer.parseInt(query.getOrDefault("limit", "500"));
            List<Map<String, Object>> all = items(feed);
            Integer replay = replays.remove(feed);
            int first = 0;
            while (first < all.size() && ((Number) all.get(first).get("seq")).longValue() <= after) {
                first++;
            }
            if (replay != null) {
                first = Math.max(0, first - replay);
            }
            List<Map<String, Object>> page = all.subList(first, Math.min(all.size(), first + limit));
            long lastSeq = page.isEmpty() ? after : ((Number) page.get(page.size() - 1).get("seq")).longValue();
            Map<String, Object> body = new HashMap<>();
            body.put("items", page);
            body.put("lastSeq", lastSeq);
            respond(exchange, 200, body);
        }
    }

    private void serveEnterprises(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (!isServiceCall(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, Map.of("status", 401));
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String status = query.get("status");
            long after = query.containsKey("cursor") ? Long.parseLong(query.get("cursor")) : Long.MIN_VALUE;
            int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
            List<Map<String, Object>> page = new ArrayList<>();
            boolean more = false;
            synchronized (this) {
                for (Map<String, Object> e : enterprises.values()) {
                    if (((Number) e.get("id")).longValue() > after && (status == null || status.equals(e.get("status")))) {
                        if (page.size() == limit) {
                            more = true;
                            break;
                        }
                        page.add(new LinkedHashMap<>(e));
                    }
                }
            }
            Map<String, Object> body = new HashMap<>();
            body.put("items", page);
            body.put("nextCursor", more ? String.valueOf(page.get(page.size() - 1).get("id")) : null);
            respond(exchange, 200, body);
        }
    }

    /** The caller must present a token whose groups hold "service" (signature checks are the services' job). */
    private static boolean isServiceCall(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            Map<?, ?> claims = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
            return claims.get("groups") instanceof List<?> groups && groups.contains("service");
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }
}
