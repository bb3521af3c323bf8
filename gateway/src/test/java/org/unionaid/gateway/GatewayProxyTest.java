package org.unionaid.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.TestTokens;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

@QuarkusTest
@WithTestResource(StubUpstreams.class)
class GatewayProxyTest {

    static final String CLERK = TestTokens.bearer("clerk");
    /** union-aid.public-base-url of the tests (application.properties, %test). */
    static final String PUBLIC_HOST = "aid.union-aid.test";
    static final String PUBLIC_BASE = "https://" + PUBLIC_HOST;

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void forwardsPathMethodQueryBodyAndHeadersUnchanged() {
        String body = "{\"to\":\"ACTIVE\",\"reason\":\"checked at home\"}";
        given().urlEncodingEnabled(false)
                .header("Authorization", CLERK).header("If-Match", "\"3\"").header("Idempotency-Key", "k-1")
                .contentType("application/json").body(body)
                .when().post("/api/v1/workers/17/transitions?dryRun=true&note=a%20b")
                .then().statusCode(200)
                .body("service", equalTo("registry"))
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/v1/workers/17/transitions?dryRun=true&note=a%20b"))
                .body("headers.authorization", equalTo(CLERK))
                .body("headers.if-match", equalTo("\"3\""))
                .body("headers.idempotency-key", equalTo("k-1"))
                .body("bodyLength", equalTo(body.length()))
                .body("bodySha256", equalTo(StubService.sha256(body.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void sendsEachTopLevelPathToTheServiceThatOwnsIt() {
        Map<String, String> owners = Map.of(
                "/api/v1/stations", "registry", "/api/v1/enterprises/4", "registry",
                "/api/v1/settings/minimum-living-standard/2024", "registry",
                "/api/v1/projects/SERIOUS_ILLNESS", "disbursement", "/api/v1/budgets", "disbursement",
                "/api/v1/applications", "disbursement", "/api/v1/payouts/9/reversal", "disbursement",
                "/api/v1/payout-batches", "disbursement", "/api/v1/reports/aid", "reporting");
        owners = new java.util.HashMap<>(owners);
        owners.put("/api/v1/bank-files/3/results", "disbursement");
        owners.put("/api/v1/reconciliation/outstanding", "disbursement");
        owners.put("/api/v1/change-requests/5/decision", "registry");
        owners.put("/api/v1/reviews", "registry");
        owners.forEach((path, service) -> given().header("Authorization", CLERK)
                .when().put(path)
                .then().statusCode(200).body("service", equalTo(service)).body("method", equalTo("PUT")));
    }

    @Test
    void tellsTheServiceThePublicBaseUrlSoItsLinksNameIt() {
        given().header("Authorization", CLERK)
                .when().get("/api/v1/stations")
                .then().statusCode(200)
                .body("headers.x-forwarded-host", equalTo(PUBLIC_HOST))
                .body("headers.x-forwarded-proto", equalTo("https"))
                .body("headers.x-forwarded-port", equalTo("443"))
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                // the service is called by its own address, not by the caller's Host
                .body("headers.host", not(containsString(Integer.toString(gateway.getPort()))));
    }

    @Test
    void turnsLinksThatNameTheServiceIntoLinksUnderThePublicBaseUrl() {
        given().header("Authorization", CLERK)
                .when().post("/api/v1/stations/created")
                .then().statusCode(201)
                .header("Location", PUBLIC_BASE + "/api/v1/stations/C01")
                .header("Link", "<" + PUBLIC_BASE + "/api/v1/stations?cursor=abc>; rel=\"next\"");
    }

    @Test
    void buildsLinksFromThePublicBaseUrlWhateverHostTheCallerSends() throws Exception {
        try (HttpConnection connection = new HttpConnection(gateway)) {
            HttpConnection.Answer rewritten = connection.send("POST", "/api/v1/stations/created",
                    "Authorization: " + CLERK, "Host: evil.example", "Content-Length: 0");
            assertThat(rewritten.status(), is(201));
            assertThat(rewritten.header("Location"), equalTo(PUBLIC_BASE + "/api/v1/stations/C01"));
            assertThat(rewritten.header("Link"), equalTo("<" + PUBLIC_BASE + "/api/v1/stations?cursor=abc>; rel=\"next\""));

            HttpConnection.Answer forwarded = connection.send("POST", "/api/v1/workers/created-forwarded",
                    "Authorization: " + CLERK, "Host: evil.example", "X-Forwarded-Host: evil.example",
                    "X-Forwarded-Proto: http", "Content-Length: 0");
            assertThat(forwarded.status(), is(201));
            assertThat(forwarded.header("Location"), equalTo(PUBLIC_BASE + "/api/v1/workers/9"));
        }
    }

    @Test
    void ignoresForwardedHeadersACallerMadeUp() {
        given().header("Authorization", CLERK).header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-For", "10.9.9.9").header("Forwarded", "host=evil.example;proto=https")
                .header("X-Forwarded-Prefix", "/evil")
                .when().get("/api/v1/stations")
                .then().statusCode(200)
                .body("headers.x-forwarded-host", equalTo(PUBLIC_HOST))
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                .body("headers.forwarded", nullValue())
                .body("headers.x-forwarded-prefix", nullValue());
    }

    @Test
    void keepsTheCallersRequestIdAnswersItOnceAndPassesItOn() {
        Response response = given().header("Authorization", CLERK).header("X-Request-Id", "req-42.a")
                .when().get("/api/v1/projects");
        response.then().statusCode(200).body("headers.x-request-id", equalTo("req-42.a"));
        assertThat(response.headers().getValues("X-Request-Id"), contains("req-42.a"));
    }

    @Test
    void makesARequestIdWhenNoneOrAnUnsafeOneIsGiven() {
        Response response = given().header("Authorization", CLERK).header("X-Request-Id", "bad id\twith spaces")
                .when().get("/api/v1/projects");
        String id = response.header("X-Request-Id");
        assertThat(id, matchesPattern("[0-9a-f-]{36}"));
        response.then().body("headers.x-request-id", equalTo(id));
        String other = given().header("Authorization", CLERK).when().get("/api/v1/projects").header("X-Request-Id");
        assertThat(other, allOf(matchesPattern("[0-9a-f-]{36}"), not(equalTo(id))));
    }

    @Test
    void refusesACallWithoutTokenWithProblemJson() {
        given().header("X-Request-Id", "no-token-1")
                .when().get("/api/v1/stations")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:union-aid:problem:unauthorized"))
                .body("status", equalTo(401))
                .body("instance", equalTo("/api/v1/stations"))
                .body("requestId", equalTo("no-token-1"))
                .body("service", nullValue());
    }

    @Test
    void refusesExpiredForgedAndForeignTokens() {
        for (String token : new String[] {Tokens.expired(), Tokens.otherKey(), Tokens.otherIssuer(), "Bearer not.a.jwt", "Basic YTpi"}) {
            given().header("Authorization", token)
                    .when().get("/api/v1/stations")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:union-aid:problem:unauthorized"));
        }
    }

    @Test
    void explainsProblemsInChineseWhenAskedTo() {
        given().header("Accept-Language", "zh-CN,zh;q=0.9")
                .when().get("/api/v1/stations")
                .then().statusCode(401)
                .body("title", equalTo("未认证"))
                .body("detail", equalTo("需要有效的 Bearer 令牌。"));
    }

    @Test
    void neverExposesFeedsEvenToAServiceToken() {
        given().header("Authorization", TestTokens.bearer("service"))
                .when().get("/api/v1/feed/workers?after=0")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:union-aid:problem:no-route"))
                .body("service", nullValue());
    }

    @Test
    void refusesPathsThatAServiceCouldResolveIntoAFeed() throws Exception {
        for (String path : new String[] {"/api/v1/stations/../feed/workers", "/api/v1/stations/%2e%2e/feed/workers",
                "/api/v1/stations/..;/feed/workers", "/api/v1/stations%2F..%2Ffeed%2Fworkers"}) {
            RawHttp.Answer answer = RawHttp.get(URI.create(gateway + path.substring(1)), CLERK);
            assertThat(path, answer.status(), is(oneOf(400, 404)));
            assertThat(path, answer.body(), allOf(containsString("urn:union-aid:problem:"), not(containsString("\"service\""))));
        }
    }

    @Test
    void answersNotFoundForApiPathsNoServiceOwns() {
        given().header("Authorization", CLERK)
                .when().get("/api/v1/stationsx")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("There is no API at /api/v1/stationsx."));
        given().header("Authorization", CLERK).when().get("/api/v2/stations").then().statusCode(404);
        given().when().get("/index.php")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:union-aid:problem:no-route"));
    }

    @Test
    void allowsConfiguredBrowserOriginsOnly() {
        given().header("Origin", "https://app.union-aid.test").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/v1/workers")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "https://app.union-aid.test")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        given().header("Origin", "https://app.union-aid.test").header("Authorization", CLERK)
                .when().get("/api/v1/workers")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.union-aid.test")
                .header("Access-Control-Expose-Headers", containsString("Location"));

        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/workers")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").header("Authorization", CLERK)
                .when().get("/api/v1/workers")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void refusesBodiesOverOneMebibyte() {
        byte[] twoMiB = new byte[2 * 1024 * 1024];
        given().header("Authorization", CLERK).contentType("application/json").body(twoMiB)
                .when().post("/api/v1/workers")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("detail", equalTo("Request bodies may be at most 1048576 bytes."));
    }

    @Test
    void refusesChunkedBodiesOnceTheyPassOneMebibyte() throws Exception {
        RawHttp.Answer answer = RawHttp.postChunked(URI.create(gateway + "api/v1/workers"), CLERK, 2 * 1024 * 1024);
        assertThat(answer.status(), is(413));
        assertThat(answer.body(), containsString("urn:union-aid:problem:payload-too-large"));
    }

    @Test
    void streamsLargeBodiesBothWaysIntact() throws Exception {
        byte[] body = new byte[1024 * 1024 - 10];
        new java.util.Random(7).nextBytes(body);
        given().header("Authorization", CLERK).contentType("application/octet-stream").body(body)
                .when().post("/api/v1/workers")
                .then().statusCode(200)
                .body("bodyLength", equalTo(body.length))
                .body("bodySha256", equalTo(StubService.sha256(body)));
        RawHttp.Answer chunked = RawHttp.postChunked(URI.create(gateway + "api/v1/workers"), CLERK, 512 * 1024);
        assertThat(chunked.status(), is(200));
        assertThat(chunked.body(), containsString("\"bodyLength\":524288"));

        byte[] big = given().header("Authorization", CLERK)
                .when().get("/api/v1/reports/big?bytes=5000000")
                .then().statusCode(200).extract().asByteArray();
        assertThat(big.length, is(5_000_000));
    }

    @Test
    void asksForTheBodyOnlyOnceTheRequestIsAdmitted() throws Exception {
        byte[] body = "{\"name\":\"Wang\"}".getBytes(StandardCharsets.UTF_8);
        List<RawHttp.Answer> admitted = RawHttp.postExpectingContinue(URI.create(gateway + "api/v1/workers"), CLERK, body);
        assertThat(admitted.get(0).status(), is(100));
        assertThat(admitted.get(1).status(), is(200));
        assertThat(admitted.get(1).body(), allOf(containsString("\"bodyLength\":" + body.length),
                not(containsString("expect"))));

        List<RawHttp.Answer> refused = RawHttp.postExpectingContinue(URI.create(gateway + "api/v1/workers"), "Bearer nope", body);
        assertThat(refused.get(0).status(), is(401));
    }

    @Test
    void answersGatewayTimeoutWhenAServiceIsTooSlow() {
        long started = System.nanoTime();
        given().header("Authorization", CLERK)
                .when().get("/api/v1/reports/slow")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:union-aid:problem:upstream-timeout"))
                .body("detail", equalTo("The reporting service did not answer in time."))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
        // the configured 2 s, not an instant failure (the stub would have answered after 6 s)
        assertThat((System.nanoTime() - started) / 1_000_000, greaterThanOrEqualTo(1_900L));
    }

    @Test
    void answersBadGatewayWhenAServiceHangsUp() {
        given().header("Authorization", CLERK)
                .when().get("/api/v1/workers/broken")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:union-aid:problem:upstream-failed"));
    }
}
