package org.unionaid.e2e;

import io.restassured.path.json.JsonPath;
import org.unionaid.testsupport.TestTokens;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Malformed requests to every operation of the merged OpenAPI document, through the gateway: bad
 * path and query values (NUL, broken percent-encodings, huge numbers, dates out of range, long and
 * non-Latin text), bodies with every property replaced by a bad value of another type, broken JSON
 * and bytes that are not UTF-8, and odd headers. Each answer must be below 500 and, when it is an
 * error, application/problem+json with a type. Requests are written on a socket as they are, so
 * that no client library re-encodes or refuses them; each carries a token of its own subject, so
 * that the gateway's per-caller rate limit does not hide what the services answer.
 */
final class ContractFuzz {

    private static final String[] ROLES = {"admin", "reviewer", "finance", "clerk", "analyst"};
    private static final String STATION = "C01-D01-S01-C01";
    private static final String[] BAD_SEGMENTS = {"%00", "1%00", "%zz", "%C0%AF", "99999999999999999999999", "-1",
            "%E7%8E%8B", "a".repeat(300), "1e400", "%20"};
    private static final String[] BAD_QUERY_VALUES = {"%00", "2020%00", "%zz", "%C0%AF", "9999", "99999999999999999999",
            "-99999", "%2B20000-01-01", "0000-00-00", "x".repeat(2000), "%E7%8E%8B", "true%3Bdrop", "", "1e400", "%0d%0a"};
    /** JSON values of every kind that a property should not take, as JSON text. */
    private static final String[] BAD_JSON_VALUES = {"\"a\\u0000b\"", "\"\\ud800\"", "1e400", "-1e400",
            "123456789012345678901234567890", "\"+20000-01-01\"", "\"0000-01-01\"", "\"" + "x".repeat(20_000) + "\"",
            "{\"a\":{\"b\":[1,{\"c\":\"\\u0000\"}]}}", "[1,2,3]", "true", "null", "\"9999-99-99T99:99:99Z\"", "-0.001",
            "\"王芳\\u0007\""};
    private static final String[] BAD_BODIES = {"{", "[]", "null", "\"\\u0000\"", "{\"a\":1e400}", "{\"\\u0000\":1}"};
    private static final String[][] ODD_HEADERS = {
            {"Accept-Language", "garbage;;;q=="}, {"Accept-Language", "zh;q=abc,,,"}, {"If-Match", "\"x"},
            {"If-Match", "W/\"99999999999999999999999\""}, {"Idempotency-Key", "k".repeat(300)},
            {"Idempotency-Key", "a b\tc"}, {"X-Request-Id", "r".repeat(2000)}, {"Accept", "text/csv;q=abc"},
            {"Content-Type", "application/json; charset=gbk"}};

    private final String host;
    private final int port;
    private final AtomicLong serial = new AtomicLong();
    private final List<String> failures = new ArrayList<>();
    private int sent;

    ContractFuzz(String gatewayUrl) {
        URI uri = URI.create(gatewayUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /** Sends the requests; answers the failures found (empty when every answer was as it should be). */
    List<String> run(String openApiJson) throws IOException {
        JsonPath doc = JsonPath.from(openApiJson);
        Map<String, Object> schemas = doc.getMap("components.schemas");
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                fuzz(method, path.getKey(), asMap(operation.getValue()), schemas == null ? Map.of() : schemas);
            }
        }
        return failures;
    }

    int sent() {
        return sent;
    }

    private void fuzz(String method, String template, Map<String, Object> operation, Map<String, Object> schemas)
            throws IOException {
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (Object p : asList(operation.get("parameters"))) {
            parameters.add(asMap(p));
        }
        String path = fill(template, null, null);
        Map<String, Object> bodySchema = bodySchema(operation, schemas);
        String body = bodySchema == null ? null : sample(bodySchema, schemas, 0);
        // bad path segments, one parameter at a time
        for (Map<String, Object> p : parameters) {
            if ("path".equals(p.get("in"))) {
                for (String bad : BAD_SEGMENTS) {
                    send(method, fill(template, (String) p.get("name"), bad), body, Map.of());
                }
            }
        }
        // bad query values, one parameter at a time
        for (Map<String, Object> p : parameters) {
            if ("query".equals(p.get("in"))) {
                for (String bad : BAD_QUERY_VALUES) {
                    send(method, path + "?" + p.get("name") + "=" + bad, body, Map.of());
                }
            }
        }
        if (bodySchema != null) {
            Map<String, Object> properties = asMap(resolve(bodySchema, schemas).get("properties"));
            for (String property : properties.keySet()) {
                for (String bad : BAD_JSON_VALUES) {
                    send(method, path, sample(bodySchema, schemas, 0, property, bad), Map.of());
                }
            }
            // a key given twice
            send(method, path, body.equals("{}") ? body : body.replaceFirst("^\\{(\"[^\"]+\":)", "{$1null,$1"), Map.of());
            for (String bad : BAD_BODIES) {
                send(method, path, bad, Map.of());
            }
            sendBytes(method, path, new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
                    "application/json", Map.of());
            sendBytes(method, path, "{}".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        }
        for (String[] header : ODD_HEADERS) {
            send(method, path, body, Map.of(header[0], header[1]));
        }
    }

    private void send(String method, String target, String body, Map<String, String> headers) throws IOException {
        sendBytes(method, target, body == null ? null : body.getBytes(StandardCharsets.UTF_8), "application/json", headers);
    }

    private void sendBytes(String method, String target, byte[] body, String contentType, Map<String, String> headers)
            throws IOException {
        long n = serial.incrementAndGet();
        String role = ROLES[(int) (n % ROLES.length)];
        String token = TestTokens.token(role, role.equals("clerk") ? STATION : null, "fuzz-" + n);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", host + ":" + port);
        all.put("Authorization", "Bearer " + token);
        all.put("Accept", "application/json");
        all.put("Connection", "close");
        if (body != null) {
            all.put("Content-Type", contentType);
            all.put("Content-Length", String.valueOf(body.length));
        }
        all.putAll(headers);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
        all.forEach((name, value) -> request.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            request.writeBytes(body);
        }
        String answer;
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            answer = read(socket.getInputStream());
        }
        sent++;
        check(method + " " + shorten(target) + " as " + role + " " + headers.keySet(), answer);
    }

    private void check(String what, String answer) {
        int status;
        try {
            status = Integer.parseInt(answer.substring(9, 12));
        } catch (RuntimeException e) {
            failures.add(what + ": no HTTP answer (" + shorten(answer) + ")");
            return;
        }
        int headEnd = answer.indexOf("\r\n\r\n");
        String head = (headEnd < 0 ? answer : answer.substring(0, headEnd)).toLowerCase(Locale.ROOT);
        String bodyText = headEnd < 0 ? "" : answer.substring(headEnd + 4);
        if (status == 400 && what.contains("%zz") && head.contains("content-length: 0")) {
            // not HTTP at all: the HTTP decoder refuses a broken percent-encoding before any handler
            return;
        }
        if (status >= 500) {
            failures.add(what + ": " + status + " " + shorten(bodyText));
        } else if (status >= 400 && (!head.contains("content-type: application/problem+json")
                || !bodyText.contains("\"type\":\"urn:union-aid:problem:"))) {
            failures.add(what + ": " + status + " without a problem body: " + shorten(head.replace("\r\n", " | ")));
        }
    }

    private static String read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(64 * 1024);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String shorten(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }

    /** The template with its parameters filled: {@code bad} for {@code name}, a plausible value for the others. */
    private static String fill(String template, String name, String bad) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            out.append(template, i, open);
            String parameter = template.substring(open + 1, close);
            out.append(parameter.equals(name) ? bad : plausible(parameter));
            i = close + 1;
        }
        return out.toString();
    }

    private static String plausible(String parameter) {
        String p = parameter.toLowerCase(Locale.ROOT);
        if (p.contains("code")) {
            return p.contains("project") ? "LIVING_RELIEF" : "C01";
        }
        if (p.contains("year")) {
            return "2026";
        }
        if (p.contains("period")) {
            return "2026-03";
        }
        return "1";
    }

    private static Map<String, Object> bodySchema(Map<String, Object> operation, Map<String, Object> schemas) {
        Map<String, Object> content = asMap(asMap(operation.get("requestBody")).get("content"));
        Map<String, Object> json = asMap(content.get("application/json"));
        Object schema = json.get("schema");
        return schema == null ? null : asMap(schema);
    }

    private static Map<String, Object> resolve(Map<String, Object> schema, Map<String, Object> schemas) {
        Object ref = schema.get("$ref");
        if (ref instanceof String name && name.startsWith("#/components/schemas/")) {
            return asMap(schemas.get(name.substring("#/components/schemas/".length())));
        }
        return schema;
    }

    private static String sample(Map<String, Object> given, Map<String, Object> schemas, int depth) {
        return sample(given, schemas, depth, null, null);
    }

    /** A body of plausible values, as JSON text, from the schema; the top-level {@code bad} property set to {@code value}. */
    private static String sample(Map<String, Object> given, Map<String, Object> schemas, int depth, String bad,
                                 String value) {
        Map<String, Object> schema = resolve(given, schemas);
        if (depth > 4) {
            return "null";
        }
        Object type = schema.get("type");
        if ("object".equals(type) || schema.containsKey("properties")) {
            StringBuilder out = new StringBuilder("{");
            for (var property : asMap(schema.get("properties")).entrySet()) {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append('"').append(property.getKey()).append("\":")
                        .append(property.getKey().equals(bad) ? value : sample(asMap(property.getValue()), schemas, depth + 1));
            }
            return out.append('}').toString();
        }
        if ("array".equals(type)) {
            return "[" + sample(asMap(schema.get("items")), schemas, depth + 1) + "]";
        }
        if ("integer".equals(type)) {
            return "1";
        }
        if ("number".equals(type)) {
            return "\"10.00\"";
        }
        if ("boolean".equals(type)) {
            return "true";
        }
        List<Object> values = asList(schema.get("enum"));
        if (!values.isEmpty()) {
            return "\"" + values.get(0) + "\"";
        }
        if ("date".equals(schema.get("format"))) {
            return "\"2026-01-15\"";
        }
        if ("date-time".equals(schema.get("format"))) {
            return "\"2026-01-15T08:00:00Z\"";
        }
        return "\"fuzz\"";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
