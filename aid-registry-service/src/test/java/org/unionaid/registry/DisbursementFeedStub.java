package org.unionaid.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in disbursement-service serving its payout feed ({@code GET /api/v1/feed/payouts?after=&limit=}, bearer
 * token required) from items the tests add through {@code POST /control/items} (one item's JSON without its seq: the
 * stub numbers them), and failing with 503 between {@code POST /control/down} and {@code /control/up}.
 */
public class DisbursementFeedStub implements QuarkusTestResourceLifecycleManager {

    static final String CONTROL_URL = "stub-disbursement.control-url";
    private static final Pattern PARAM = Pattern.compile("(after|limit)=(\\d+)");

    private final List<String> items = new ArrayList<>();
    private volatile boolean down;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the disbursement stub", e);
        }
        server.createContext("/api/v1/feed/payouts", this::feed);
        server.createContext("/control/", this::control);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.disbursement.url", url, CONTROL_URL, url + "/control");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void feed(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            answer(exchange, 401, "");
            return;
        }
        if (down) {
            answer(exchange, 503, "");
            return;
        }
        long after = 0;
        int limit = 500;
        Matcher m = PARAM.matcher(exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
        while (m.find()) {
            if (m.group(1).equals("after")) {
                after = Long.parseLong(m.group(2));
            } else {
                limit = Integer.parseInt(m.group(2));
            }
        }
        List<String> page = new ArrayList<>();
        long last = after;
        synchronized (items) {
            for (int i = (int) after; i < items.size() && page.size() < limit; i++) {
                page.add("{\"seq\":" + (i + 1) + "," + items.get(i) + "}");
                last = i + 1;
            }
        }
        answer(exchange, 200, "{\"items\":[" + String.join(",", page) + "],\"lastSeq\":" + last + "}");
    }

    private void control(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/control/items" -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).trim();
                synchronized (items) {
                    // the item's members without its braces: the stub puts its seq first
                    items.add(body.substring(1, body.length() - 1));
                }
            }
            case "/control/down" -> down = true;
            case "/control/up" -> down = false;
            default -> {
                answer(exchange, 404, "");
                return;
            }
        }
        answer(exchange, 204, "");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }
}
