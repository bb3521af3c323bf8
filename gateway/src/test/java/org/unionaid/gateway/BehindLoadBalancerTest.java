package org.unionaid.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** With trust-forwarded-headers the client address a load balancer names is kept; the origin stays the configured one. */
@QuarkusTest
@TestProfile(BehindLoadBalancerTest.Trusting.class)
class BehindLoadBalancerTest {

    static final int BURST = 5;

    public static class Trusting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("union-aid.gateway.trust-forwarded-headers", "true",
                    // one request in 100 s: no refill while the test runs, however slow the machine
                    "union-aid.gateway.rate-limit.requests-per-second", "0.01",
                    "union-aid.gateway.rate-limit.burst", Integer.toString(BURST));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StubUpstreams.class));
        }
    }

    @Test
    void passesOnTheClientAddressTheLoadBalancerNamesButThePublicBaseUrlAsTheOrigin() {
        given().header("Authorization", GatewayProxyTest.CLERK)
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "http")
                .header("X-Forwarded-For", "203.0.113.7")
                .when().get("/api/v1/stations")
                .then().statusCode(200)
                .body("headers.x-forwarded-host", equalTo(GatewayProxyTest.PUBLIC_HOST))
                .body("headers.x-forwarded-proto", equalTo("https"))
                .body("headers.x-forwarded-for", equalTo("203.0.113.7, 127.0.0.1"));
    }

    @Test
    void linksNameThePublicBaseUrlNotTheHostTheLoadBalancerPassedOn() {
        given().header("Authorization", GatewayProxyTest.CLERK)
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "http")
                .when().post("/api/v1/stations/created")
                .then().statusCode(201)
                .header("Location", GatewayProxyTest.PUBLIC_BASE + "/api/v1/stations/C01");
    }

    @Test
    void limitsAnonymousCallersByTheAddressTheLoadBalancerNames() {
        for (int i = 0; i < BURST; i++) {
            given().header("X-Forwarded-For", "198.51.100.1").when().get("/api/v1/stations").then().statusCode(401);
        }
        given().header("X-Forwarded-For", "198.51.100.1").when().get("/api/v1/stations").then().statusCode(429);
        given().header("X-Forwarded-For", "198.51.100.2").when().get("/api/v1/stations").then().statusCode(401);
    }
}
