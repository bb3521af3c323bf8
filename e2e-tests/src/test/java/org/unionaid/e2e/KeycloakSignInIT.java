package org.unionaid.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.unionaid.testsupport.KeycloakLogin;
import org.unionaid.testsupport.KeycloakServer;
import org.unionaid.testsupport.TestTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-in with a real identity provider: Keycloak with the realm of deploy/keycloak, and the four
 * apps trusting its issuer and verifying through its JWKS (no key file). Users sign in through the
 * authorization-code flow with PKCE over plain HTTP (KeycloakLogin: the login page, its form, the
 * code from the redirect, the exchange), as the console does in a browser; their tokens then work
 * at the gateway and in every service behind it, the claims groups and station doing what they
 * say. Skips, with one line, when Keycloak cannot run here (no JDK 21+ or no distribution zip).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakSignInIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String PROBLEM = "application/problem+json";
    /** The realm's demo users clerk and clerk2 work at these community stations. */
    private static final String CLERK_STATION = "C01-D02-S01-C01";
    private static final String CLERK2_STATION = "C01-D01-S01-C01";

    private static KeycloakServer keycloak;
    private static TheSystem system;
    private static String gateway;
    private static final Map<String, String> tokens = new HashMap<>();
    private static long clerksFile;
    private static long otherStationsFile;

    @BeforeAll
    static void startKeycloakAndTheSystem() throws Exception {
        Optional<String> missing = KeycloakServer.unavailable();
        Assumptions.assumeTrue(missing.isEmpty(), () -> "SKIPPED: sign-in through Keycloak: " + missing.orElse(""));
        system = new TheSystem(Path.of(System.getProperty("e2e.root", "..")));
        system.checkBuilt();
        try {
            int gatewayPort = TheSystem.freePort();
            system.ports.put("gateway", gatewayPort);
            gateway = "http://127.0.0.1:" + gatewayPort;
            keycloak = KeycloakServer.shared(gateway);
            // Every app trusts the realm's issuer and fetches its keys from the JWKS, as in Kubernetes.
            system.extraEnvironment.put("JWT_ISSUER", keycloak.issuer());
            system.extraEnvironment.put("JWT_PUBLIC_KEY_LOCATION", keycloak.jwksUrl());
            system.extraEnvironment.put("CONSOLE_ISSUER", keycloak.issuer());
            system.start();
        } catch (Exception | Error e) {
            system.close();
            throw e;
        }
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        if (system != null) {
            system.close();
        }
        // the shared Keycloak stops with the JVM, after every suite that uses it
    }

    /** The access token of a demo user (password demo), signed in once per user through the real flow. */
    private static String tokenOf(String user) {
        return tokens.computeIfAbsent(user, u -> KeycloakLogin.console(keycloak, gateway).signIn(u, "demo").accessToken());
    }

    private static RequestSpecification as(String user) {
        return given().baseUri(gateway).header("Authorization", "Bearer " + tokenOf(user)).contentType(ContentType.JSON);
    }

    private static Map<String, Object> claims(String token) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return new JsonPath(payload).getMap("$");
    }

    private static Map<String, Object> header(String token) throws Exception {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return new JsonPath(header).getMap("$");
    }

    @Test
    @Order(0)
    void the_realms_tokens_carry_the_role_in_groups_the_station_and_the_key_the_jwks_publishes() throws Exception {
        String clerk = tokenOf("clerk");
        Map<String, Object> claims = claims(clerk);
        assertEquals(keycloak.issuer(), claims.get("iss"));
        assertEquals(List.of("clerk"), claims.get("groups"), "only the realm role of the client's scope: " + claims);
        assertEquals(CLERK_STATION, claims.get("station"));
        assertEquals("demo-clerk", claims.get("sub"));
        assertEquals("clerk", claims.get("upn"));
        assertEquals("RS256", header(clerk).get("alg"));
        assertEquals(KeycloakServer.DEV_KEY_ID, header(clerk).get("kid"));
        assertEquals(List.of("reviewer"), claims(tokenOf("reviewer")).get("groups"));
        assertEquals(null, claims(tokenOf("reviewer")).get("station"), "no station for city staff");

        JsonPath jwks = given().get(keycloak.jwksUrl()).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(KeycloakServer.DEV_KEY_ID), jwks.getList("keys.findAll { it.use == 'sig' }.kid"));
    }

    @Test
    @Order(1)
    void the_console_client_takes_the_code_flow_with_pkce_only() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        // no code_challenge: Keycloak sends the browser back with an error instead of a login page
        HttpResponse<String> noPkce = http.send(HttpRequest.newBuilder(URI.create(keycloak.authorizationEndpoint()
                + "?client_id=union-aid-console&response_type=code&scope=openid&redirect_uri="
                + java.net.URLEncoder.encode(gateway + "/", StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, noPkce.statusCode());
        assertTrue(noPkce.headers().firstValue("Location").orElse("").contains("error=invalid_request"), noPkce.headers().map().toString());
        // no password grant for the console
        HttpResponse<String> password = http.send(HttpRequest.newBuilder(URI.create(keycloak.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=union-aid-console&username=clerk&password=demo"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, password.statusCode(), password.body());
        assertTrue(password.body().contains("unauthorized_client"), password.body());
        // a redirect to another site is refused before any login page
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(keycloak.authorizationEndpoint()
                + "?client_id=union-aid-console&response_type=code&scope=openid&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&redirect_uri=https%3A%2F%2Fevil.example%2F"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, elsewhere.statusCode());
        // a wrong password gets no code
        assertThrows(KeycloakLogin.SignInRefused.class, () -> KeycloakLogin.console(keycloak, gateway).signIn("clerk", "not-demo"));
    }

    @Test
    @Order(2)
    void the_clerk_signed_in_through_keycloak_files_households_and_sees_only_their_stations_files() {
        int year = LocalDate.now(CHINA).getYear();
        as("admin").body(Map.of("monthlyAmount", "930.00")).put("/api/v1/settings/minimum-living-standard/" + year)
                .then().statusCode(200);
        String[][] stations = {{"C01", null, "CITY"}, {"C01-D01", "C01", "DISTRICT"}, {"C01-D01-S01", "C01-D01", "STREET"},
            {CLERK2_STATION, "C01-D01-S01", "COMMUNITY"}, {"C01-D02", "C01", "DISTRICT"}, {"C01-D02-S01", "C01-D02", "STREET"},
            {CLERK_STATION, "C01-D02-S01", "COMMUNITY"}};
        for (String[] s : stations) {
            Map<String, Object> body = new HashMap<>(Map.of("code", s[0], "name", s[0] + " 帮扶站", "level", s[2]));
            if (s[1] != null) {
                body.put("parentCode", s[1]);
            }
            as("admin").body(body).post("/api/v1/stations").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        }
        clerksFile = file("clerk", CLERK_STATION, "陈建国", "110105195506070010");
        otherStationsFile = file("clerk2", CLERK2_STATION, "林秀英", "110105196001010033");

        // The station claim scopes the clerk: their file, never the other station's (404, as if it did not exist).
        as("clerk").get("/api/v1/workers").then().statusCode(200)
                .body("items.id", equalTo(List.of((int) clerksFile)))
                .body("items.stationCode", equalTo(List.of(CLERK_STATION)));
        as("clerk").get("/api/v1/workers/" + otherStationsFile).then().statusCode(404).contentType(PROBLEM);
        as("clerk2").get("/api/v1/workers").then().statusCode(200).body("items.id", equalTo(List.of((int) otherStationsFile)));
        // nor may a clerk file a household at another station
        as("clerk").body(Map.of("name", "张三", "idNumber", "11010519491231002X", "stationCode", CLERK2_STATION,
                        "migrantWorker", false, "mainCause", "ILLNESS",
                        "household", Map.of("yearlyIncome", "20000.00", "rigidCosts", "0.00", "members", List.of())))
                .post("/api/v1/workers").then().statusCode(anyOf(equalTo(403), equalTo(404))).contentType(PROBLEM);
        // city staff see both
        as("reviewer").get("/api/v1/workers").then().statusCode(200).body("items.size()", equalTo(2));
    }

    @Test
    @Order(3)
    void the_reviewer_signed_in_through_keycloak_decides_the_file_the_clerk_may_not() {
        for (Map<String, Object> check : List.<Map<String, Object>>of(
                Map.of("step", "FIRST_REVIEW", "passed", true),
                Map.of("step", "HOME_VISIT", "passed", true, "consentSigned", true),
                Map.of("step", "MEANS_CHECK", "passed", true),
                Map.of("step", "PUBLIC_NOTICE", "passed", true, "objection", false))) {
            as("clerk").body(check).post("/api/v1/workers/" + clerksFile + "/checks").then().statusCode(201);
        }
        as("clerk").body(Map.of("to", "ACTIVE")).post("/api/v1/workers/" + clerksFile + "/transitions")
                .then().statusCode(403).contentType(PROBLEM);
        as("reviewer").body(Map.of("to", "ACTIVE", "reason", "核查与公示无异议")).post("/api/v1/workers/" + clerksFile + "/transitions")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        // the clerk sees the decision on their file
        as("clerk").get("/api/v1/workers/" + clerksFile).then().statusCode(200).body("status", equalTo("ACTIVE"));
        // an analyst's token reads reports, not files
        as("analyst").get("/api/v1/workers/" + clerksFile).then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    @Order(4)
    void tokens_of_another_issuer_or_key_get_401_while_the_dev_key_under_the_realms_issuer_is_taken() {
        // token.sh's kind of token under the realm's issuer and kid (the local realm signs with the same key): taken
        given().baseUri(gateway).header("Authorization", "Bearer " + TestTokens.token(keycloak.issuer(), "clerk", CLERK_STATION, "script-clerk"))
                .get("/api/v1/workers").then().statusCode(200).body("items.id", equalTo(List.of((int) clerksFile)));
        // the same key under an issuer this system does not trust: 401, at the gateway and at a service's own port
        String otherIssuer = TestTokens.token("http://127.0.0.1:1/realms/other", "reviewer", null, "stranger");
        given().baseUri(gateway).header("Authorization", "Bearer " + otherIssuer).get("/api/v1/workers")
                .then().statusCode(401).contentType(PROBLEM);
        given().baseUri(system.url("aid-registry-service")).header("Authorization", "Bearer " + otherIssuer).get("/api/v1/workers")
                .then().statusCode(401);
        // the local run's default issuer (union-aid-local) is not this system's either
        given().baseUri(gateway).header("Authorization", TestTokens.bearer("reviewer")).get("/api/v1/workers")
                .then().statusCode(401).contentType(PROBLEM);
        // a signed-in user's token with one claim changed no longer verifies
        String[] parts = tokenOf("clerk").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"station\":\"" + CLERK_STATION + "\"", "\"station\":\"C01\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        given().baseUri(gateway).header("Authorization", "Bearer " + tampered).get("/api/v1/workers")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    @Order(5)
    void the_token_endpoint_lets_in_the_console_origins_it_was_given_and_no_other() throws Exception {
        // the browser's call with a code: CORS headers for an allowed origin, none for another (a bad code either way)
        assertEquals(Optional.of(gateway), allowedOrigin(gateway));
        String other = "http://127.0.0.1:1";
        assertEquals(Optional.empty(), allowedOrigin(other));
        // another suite sharing this Keycloak adds its console's origin
        keycloak.allowConsoleOrigin(other);
        assertEquals(Optional.of(other), allowedOrigin(other));
        assertEquals(Optional.empty(), allowedOrigin("https://evil.example"));
    }

    private static Optional<String> allowedOrigin(String origin) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=union-aid-console&code=not-a-code"
                        + "&code_verifier=abcdefghijabcdefghijabcdefghijabcdefghij123&redirect_uri="
                        + java.net.URLEncoder.encode(origin + "/", StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, answer.statusCode(), answer.body());
        return answer.headers().firstValue("Access-Control-Allow-Origin");
    }

    private static long file(String clerk, String station, String name, String idNumber) {
        return as(clerk).body(Map.of(
                        "name", name, "idNumber", idNumber, "phone", "13905910000",
                        "stationCode", station, "migrantWorker", false, "mainCause", "ILLNESS",
                        "household", Map.of("yearlyIncome", "20000.00", "rigidCosts", "6000.00", "members", List.of(
                                Map.of("relation", "SPOUSE", "name", "王桂兰", "birthDate", "1952-04-02", "student", false,
                                        "ill", true, "disabled", false)))))
                .post("/api/v1/workers").then().statusCode(201).body("status", equalTo("PENDING"))
                .body("stationCode", equalTo(station)).extract().jsonPath().getLong("id");
    }
}
