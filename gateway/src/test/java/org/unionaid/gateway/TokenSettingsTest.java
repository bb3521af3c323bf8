package org.unionaid.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** JWT_AUDIENCE and JWT_MAX_LIFETIME, as a deployment sets them, reach the token checks. */
@QuarkusTest
@TestProfile(TokenSettingsTest.AudienceAndShortLifetime.class)
class TokenSettingsTest {

    public static class AudienceAndShortLifetime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the names of the environment variables: they resolve like any other config source
            return Map.of("JWT_AUDIENCE", "union-aid-api", "JWT_MAX_LIFETIME", "3600");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StubUpstreams.class));
        }
    }

    @Test
    void acceptsOnlyTokensForTheConfiguredAudience() {
        long now = Tokens.now();
        given().header("Authorization", Tokens.clerk("for-us", now, now + 600, "union-aid-api"))
                .when().get("/api/v1/stations")
                .then().statusCode(200).body("service", equalTo("registry"));
        given().header("Authorization", Tokens.clerk("for-another-app", now, now + 600, "payroll"))
                .when().get("/api/v1/stations")
                .then().statusCode(401).body("type", equalTo("urn:union-aid:problem:unauthorized"));
        given().header("Authorization", Tokens.clerk("for-anyone", now, now + 600, null))
                .when().get("/api/v1/stations")
                .then().statusCode(401).body("type", equalTo("urn:union-aid:problem:unauthorized"));
    }

    @Test
    void refusesATokenLivingLongerThanTheConfiguredMaximum() {
        long now = Tokens.now();
        given().header("Authorization", Tokens.clerk("two-hours", now, now + 7200, "union-aid-api"))
                .when().get("/api/v1/stations")
                .then().statusCode(401).body("type", equalTo("urn:union-aid:problem:unauthorized"));
        given().header("Authorization", Tokens.clerk("one-hour", now, now + 3600, "union-aid-api"))
                .when().get("/api/v1/stations")
                .then().statusCode(200);
    }
}
