package org.unionaid.testsupport;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs a user in at Keycloak as the console does, without a browser: the authorization-code flow
 * with PKCE (S256) over plain HTTP. GET the authorization endpoint (the login page and its
 * cookies), POST the login form, take the code from the redirect to {@code redirectUri}, exchange
 * it with the code verifier at the token endpoint. Cookies are kept by hand: Keycloak marks them
 * Secure, which java.net's cookie store would not send over http.
 */
public final class KeycloakLogin {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the token endpoint answered. */
    public record Tokens(String accessToken, String idToken, String refreshToken, long expiresIn) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final KeycloakServer keycloak;
    private final String clientId;
    private final String redirectUri;

    public KeycloakLogin(KeycloakServer keycloak, String clientId, String redirectUri) {
        this.keycloak = keycloak;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
    }

    /** The console's client, redirecting to {@code origin + "/"}. */
    public static KeycloakLogin console(KeycloakServer keycloak, String origin) {
        return new KeycloakLogin(keycloak, KeycloakServer.CONSOLE_CLIENT, origin + "/");
    }

    /** Signs in with a fresh session; throws {@link SignInRefused} when Keycloak does not send the code back. */
    public Tokens signIn(String username, String password) {
        cookies.clear();
        String verifier = random(32);
        String state = random(16);
        String authorize = keycloak.authorizationEndpoint() + "?" + form(Map.of(
                "client_id", clientId,
                "redirect_uri", redirectUri,
                "response_type", "code",
                "scope", "openid",
                "state", state,
                "code_challenge", challenge(verifier),
                "code_challenge_method", "S256"));
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(authorize)).GET());
        Matcher action = FORM_ACTION.matcher(page.body());
        if (page.statusCode() != 200 || !action.find()) {
            throw new SignInRefused("no login form at the authorization endpoint (" + page.statusCode() + ")", page.body());
        }
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password)))));
        Optional<String> location = login.headers().firstValue("Location");
        if (login.statusCode() != 302 || location.isEmpty() || !location.get().startsWith(redirectUri)) {
            throw new SignInRefused("the login form did not redirect to " + redirectUri + " (" + login.statusCode() + ")", login.body());
        }
        Map<String, String> answer = query(URI.create(location.get()).getRawQuery());
        if (!state.equals(answer.get("state")) || answer.get("code") == null) {
            throw new SignInRefused("the redirect has no code for this state: " + answer.keySet(), location.get());
        }
        return exchange(answer.get("code"), verifier);
    }

    /** Exchanges a code at the token endpoint; verifier is the PKCE code verifier (a wrong one is refused). */
    public Tokens exchange(String code, String verifier) {
        HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(keycloak.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "grant_type", "authorization_code",
                        "client_id", clientId,
                        "code", code,
                        "redirect_uri", redirectUri,
                        "code_verifier", verifier)))));
        if (token.statusCode() != 200) {
            throw new SignInRefused("the token endpoint refused the code (" + token.statusCode() + ")", token.body());
        }
        try {
            Map<String, Object> json = JsonUtil.parseJson(token.body());
            return new Tokens((String) json.get("access_token"), (String) json.get("id_token"),
                    (String) json.get("refresh_token"), ((Number) json.get("expires_in")).longValue());
        } catch (JoseException e) {
            throw new SignInRefused("the token endpoint's answer is not JSON", token.body());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream()
                    .map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
            return response;
        } catch (IOException e) {
            throw new SignInRefused("Keycloak did not answer: " + e, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInRefused("interrupted", "");
        }
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return fields;
    }

    /** Keycloak did not sign the user in; the message says at which step, {@link #body()} what it answered. */
    public static final class SignInRefused extends RuntimeException {
        private final String body;

        SignInRefused(String message, String body) {
            super(message);
            this.body = body;
        }

        public String body() {
            return body;
        }
    }
}
