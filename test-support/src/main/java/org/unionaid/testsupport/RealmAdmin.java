package org.unionaid.testsupport;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The few admin-API calls a test Keycloak needs: let one more console origin in. */
final class RealmAdmin {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String user;
    private final String password;

    RealmAdmin(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** {@code origin} as a web origin and {@code origin/*} as a redirect URI of the client. */
    @SuppressWarnings("unchecked")
    void allowOrigin(String realm, String clientId, String origin) {
        String token = (String) json(send(HttpRequest.newBuilder(URI.create(url + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
                        + encode(user) + "&password=" + encode(password))), 200)).get("access_token");
        String clients = url + "/admin/realms/" + realm + "/clients";
        // the answer is an array: read it as the value of an object
        List<Map<String, Object>> found = (List<Map<String, Object>>) json("{\"clients\":" + send(HttpRequest
                .newBuilder(URI.create(clients + "?clientId=" + encode(clientId))).header("Authorization", "Bearer " + token).GET(), 200)
                + "}").get("clients");
        if (found.size() != 1) {
            throw new IllegalStateException("no client " + clientId + " in realm " + realm);
        }
        // a plain map: jose4j's refuses to replace a key
        Map<String, Object> client = new LinkedHashMap<>(found.get(0));
        add(client, "webOrigins", origin);
        add(client, "redirectUris", origin + "/*");
        send(HttpRequest.newBuilder(URI.create(clients + "/" + client.get("id")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JsonUtil.toJson(client))), 204);
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> client, String field, String value) {
        List<Object> values = new ArrayList<>((List<Object>) client.getOrDefault(field, List.of()));
        if (!values.contains(value)) {
            values.add(value);
        }
        client.put(field, values);
    }

    private String send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException("Keycloak's admin API answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak's admin API did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Map<String, Object> json(String text) {
        try {
            return JsonUtil.parseJson(text);
        } catch (JoseException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
