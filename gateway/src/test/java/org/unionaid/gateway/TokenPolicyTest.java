package org.unionaid.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.TestTokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * What a token must be to pass the gateway beyond signature and issuer: a user token (service
 * tokens are for calls between services), within 30 s of clock difference, not issued in the
 * future, living at most 24 h, with a subject a service can store.
 */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class TokenPolicyTest {

    private static final String[] CLIENT_ROUTES = {"/api/v1/stations", "/api/v1/workers/17", "/api/v1/projects",
            "/api/v1/applications/4/decision", "/api/v1/payouts", "/api/v1/payout-batches", "/api/v1/reports/aid",
            "/api/v1/settings/minimum-living-standard/2024"};

    @Test
    void refusesAServiceTokenOnEveryClientRouteWithForbidden() {
        for (String route : CLIENT_ROUTES) {
            given().header("Authorization", Tokens.service())
                    .when().get(route)
                    .then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:union-aid:problem:service-token-refused"))
                    .body("instance", equalTo(route))
                    .body("service", nullValue());
        }
        given().header("Authorization", Tokens.service()).contentType("application/json").body("{}")
                .when().post("/api/v1/payout-batches")
                .then().statusCode(403).body("type", equalTo("urn:union-aid:problem:service-token-refused"));
    }

    @Test
    void refusesAnyTokenOfGroupServiceWhoeverSignedIt() {
        for (String token : new String[] {Tokens.serviceGroupFromUserKey(), TestTokens.bearer("service")}) {
            given().header("Authorization", token)
                    .when().get("/api/v1/workers")
                    .then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:union-aid:problem:service-token-refused"));
        }
    }

    @Test
    void refusesAServiceIssuerTokenNoServiceKeySignedAsNotAuthenticated() {
        given().header("Authorization", Tokens.serviceIssuerOtherKey())
                .when().get("/api/v1/workers")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:union-aid:problem:unauthorized"));
    }

    @Test
    void refusesATokenThatExpiredMoreThanThirtySecondsAgo() {
        long now = Tokens.now();
        given().header("Authorization", Tokens.clerk("expired-45s", now - 600, now - 45, null))
                .when().get("/api/v1/stations")
                .then().statusCode(401).body("type", equalTo("urn:union-aid:problem:unauthorized"));
        // within the skew: another clock may see it still valid
        given().header("Authorization", Tokens.clerk("expired-5s", now - 600, now - 5, null))
                .when().get("/api/v1/stations")
                .then().statusCode(200).body("service", equalTo("registry"));
    }

    @Test
    void refusesATokenIssuedInTheFuture() {
        long now = Tokens.now();
        given().header("Authorization", Tokens.clerk("from-the-future", now + 120, now + 3600, null))
                .when().get("/api/v1/stations")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:union-aid:problem:unauthorized"));
        // a few seconds ahead is a clock difference, not a forgery
        given().header("Authorization", Tokens.clerk("clock-ahead", now + 5, now + 3600, null))
                .when().get("/api/v1/stations")
                .then().statusCode(200);
    }

    @Test
    void refusesATokenLivingLongerThanTwentyFourHours() {
        long now = Tokens.now();
        given().header("Authorization", Tokens.clerk("lives-25h", now, now + 25 * 3600, null))
                .when().get("/api/v1/stations")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:union-aid:problem:unauthorized"));
        given().header("Authorization", Tokens.clerk("lives-23h", now, now + 23 * 3600, null))
                .when().get("/api/v1/stations")
                .then().statusCode(200);
    }

    @Test
    void refusesASubjectNoServiceCouldStore() {
        long now = Tokens.now();
        for (String subject : new String[] {"x".repeat(250), "clerk\u0000null", "clerk\nForged: log line"}) {
            given().header("Authorization", Tokens.clerk(subject, now, now + 600, null))
                    .when().get("/api/v1/stations")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:union-aid:problem:unauthorized"));
        }
        given().header("Authorization", Tokens.clerk("x".repeat(200), now, now + 600, null))
                .when().get("/api/v1/stations")
                .then().statusCode(200);
    }
}
