package org.unionaid.reporting;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.junit.jupiter.api.Test;
import org.unionaid.reporting.stub.FeedStubsResource;
import org.unionaid.testsupport.PostgresResource;
import org.unionaid.testsupport.TestTokens;

import io.restassured.RestAssured;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks common makes for every service, seen through this one: which tokens get in (common
 * VerifiedTokens and TokenPolicy) and which URLs and headers are turned away before any resource
 * (common UrlGuard, Messages).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(FeedStubsResource.class)
class TokenAndUrlBoundaryTest {

    private static final String SUMMARY = "/api/v1/reports/summary";

    private static JwtClaimsBuilder claims(String issuer, String role, String subject) {
        long now = Instant.now().getEpochSecond();
        return Jwt.issuer(issuer).subject(subject).groups(Set.of(role)).issuedAt(now).expiresAt(now + 600);
    }

    private static String signedByUserKey(JwtClaimsBuilder claims) {
        return "Bearer " + claims.jws().keyId(TestTokens.ISSUER).sign(TestTokens.PRIVATE_KEY);
    }

    private static String signedByServiceKey(JwtClaimsBuilder claims) {
        return "Bearer " + claims.jws().keyId(TestTokens.SERVICE_ISSUER).sign(TestTokens.SERVICE_PRIVATE_KEY);
    }

    private static void answers(String authorization, int status) {
        given().header("Authorization", authorization).get(SUMMARY)
                .then().statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
    }

    @Test
    void aServiceTokenOfTheServicesOwnKeyIsAServiceAndNothingMore() {
        // verified (403: a service may not read reports), not refused as a bad token (401)
        answers(signedByServiceKey(claims(TestTokens.SERVICE_ISSUER, "service", "disbursement-service")), 403);
        answers(signedByServiceKey(claims(TestTokens.SERVICE_ISSUER, "analyst", "disbursement-service")), 401);
        answers(signedByServiceKey(claims(TestTokens.SERVICE_ISSUER, "service", "x").groups(Set.of("service", "admin"))), 401);
    }

    @Test
    void neitherKeySignsTheOthersTokens() {
        // the user key cannot mint a service, nor can the service key mint a user
        answers(signedByUserKey(claims(TestTokens.ISSUER, "service", "minted")), 401);
        answers(signedByUserKey(claims(TestTokens.SERVICE_ISSUER, "service", "minted")), 401);
        answers(signedByServiceKey(claims(TestTokens.ISSUER, "analyst", "minted")), 401);
        given().header("Authorization", signedByUserKey(claims(TestTokens.ISSUER, "analyst", "an-analyst")))
                .get(SUMMARY).then().statusCode(200);
    }

    @Test
    void refusesATokenIssuedInTheFutureOrLivingTooLong() {
        long now = Instant.now().getEpochSecond();
        answers(signedByUserKey(claims(TestTokens.ISSUER, "analyst", "a").issuedAt(now + 120).expiresAt(now + 600)), 401);
        answers(signedByUserKey(claims(TestTokens.ISSUER, "analyst", "a").issuedAt(now - 60).expiresAt(now + 25 * 3600)), 401);
        // within the 30 s skew, and a day's lifetime: fine
        given().header("Authorization", signedByUserKey(claims(TestTokens.ISSUER, "analyst", "a")
                .issuedAt(now + 10).expiresAt(now + 24 * 3600 - 60))).get(SUMMARY).then().statusCode(200);
        // expired 45 s ago: beyond the 30 s skew
        answers(signedByUserKey(claims(TestTokens.ISSUER, "analyst", "a").issuedAt(now - 600).expiresAt(now - 45)), 401);
    }

    @Test
    void refusesASubjectTooLongToBeRecordedOrNotPlainText() {
        answers(signedByUserKey(claims(TestTokens.ISSUER, "analyst", "s".repeat(250))), 401);
        answers(signedByUserKey(claims(TestTokens.ISSUER, "analyst", "a\u0000b")), 401);
        given().header("Authorization", signedByUserKey(claims(TestTokens.ISSUER, "analyst", "s".repeat(200))))
                .get(SUMMARY).then().statusCode(200);
    }

    @Test
    void turnsAwayNulAndBrokenEncodingsInPathAndQueryWithAProblem() throws Exception {
        // (%zz and a lone % are not even HTTP: the HTTP decoder answers them with a bare 400 and closes)
        for (String query : new String[]{"from=2020%00", "project=%C0%AF", "to=2020%0d%0a", "from=%ED%A0%80"}) {
            String answer = query + " -> " + rawGet(SUMMARY + "?" + query);
            assertTrue(answer.startsWith(query + " -> HTTP/1.1 400"), answer);
            assertTrue(answer.contains("application/problem+json"), answer);
            assertTrue(answer.contains("\"type\":\"urn:union-aid:problem:invalid-request\""), answer);
            assertTrue(answer.contains("\"field\":\"query\""), answer);
        }
        String answer = rawGet("/api/v1/reports/sum%00mary");
        assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("\"field\":\"path\""), answer);
        assertTrue(rawGet(SUMMARY + "?from=2020").startsWith("HTTP/1.1 200"), "a plain query still passes");
    }

    /** A request as sent on the wire: no client library re-encodes or refuses the bytes. */
    private static String rawGet(String target) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestTokens.bearer("analyst")
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void takesAMalformedAcceptLanguageAsEnglish() {
        for (String language : new String[]{"garbage;;;q==", ";,;,", "zh;q=abc", "x".repeat(3000), "*;q=0.5,,,"}) {
            given().header("Accept-Language", language).get(SUMMARY)
                    .then().statusCode(401).contentType("application/problem+json").body("title", equalTo("Not authenticated"));
            given().header("Accept-Language", language).header("Authorization", TestTokens.bearer("analyst")).get(SUMMARY)
                    .then().statusCode(200);
        }
        given().header("Accept-Language", "zh-CN,zh;q=0.9").get(SUMMARY)
                .then().statusCode(401).body("title", equalTo("未认证"));
    }
}
