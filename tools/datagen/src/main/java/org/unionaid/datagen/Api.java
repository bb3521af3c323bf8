package org.unionaid.datagen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** JSON over HTTP with bearer tokens made by the token command (deploy/local/token.sh ROLE [STATION]). */
final class Api {

    /** An answer: status and body (null when empty). */
    record Answer(int status, JsonNode body, String location) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String tokenCommand;
    private final Map<String, String> tokens = new HashMap<>();

    Api(String tokenCommand) {
        this.tokenCommand = tokenCommand;
    }

    Answer send(String method, String url, Object body, String role, String station, String user) {
        String bearer = token(role, station, user);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            if ("POST".equals(method)) {
                request.header("Idempotency-Key", UUID.randomUUID().toString());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = response.body() == null || response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json, response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A body that is not JSON (a bank's result file): the answer as JSON, an Idempotency-Key of its own. */
    Answer sendBytes(String url, byte[] body, String contentType, String role, String user) {
        return postBytes(url, body, contentType, token(role, null, user), Map.of());
    }

    /** An evidence document (raw bytes, their type, X-Document-Kind) posted by a station's clerk; the answer as JSON. */
    Answer upload(String url, byte[] body, String contentType, String kind, String station, String user) {
        return postBytes(url, body, contentType, token("clerk", station, user), Map.of("X-Document-Kind", kind));
    }

    private Answer postBytes(String url, byte[] body, String contentType, String bearer, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + bearer).header("Accept", "application/json")
                    .header("Content-Type", contentType).header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = response.body() == null || response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json, null);
        } catch (IOException e) {
            throw new IllegalStateException("POST " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The bytes of a GET (a bank file's content); a 2xx answer or an exception. */
    byte[] download(String url, String role, String user) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + token(role, null, user)).GET().build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Like {@link #send} but insists on a 2xx answer. */
    JsonNode call(String method, String url, Object body, String role) {
        return expect(send(method, url, body, role, null, null), method + " " + url);
    }

    static JsonNode expect(Answer answer, String what) {
        if (!answer.ok()) {
            throw new IllegalStateException(what + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    private synchronized String token(String role, String station, String user) {
        String key = role + "|" + station + "|" + user;
        return tokens.computeIfAbsent(key, k -> runTokenCommand(role, station, user));
    }

    private String runTokenCommand(String role, String station, String user) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", tokenCommand, role));
        if (station != null) {
            command.add(station);
        }
        command.add("--user");
        command.add(user != null ? user : "demo-" + role);
        command.add("--ttl");
        command.add("7200");
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                throw new IllegalStateException("token command failed: " + command);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("token command failed: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
