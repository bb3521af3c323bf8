package org.unionaid.gateway;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** With trust-forwarded-headers the load balancer's view of the request reaches the services. */
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

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void passesOnWhatTheLoadBalancerSaysAboutTheOriginalRequest() {
        given().header("Authorization", GatewayProxyTest.CLERK)
                .header("X-Forwarded-Host", "aid.example.org").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-For", "203.0.113.7")
                .when().get("/api/v1/stations")
                .then().statusCode(200)
                .body("headers.x-forwarded-host", equalTo("aid.example.org"))
                .body("headers.x-forwarded-proto", equalTo("https"))
                .body("headers.x-forwarded-for", equalTo("203.0.113.7, 127.0.0.1"));
        given().header("Authorization", GatewayProxyTest.CLERK)
                .when().get("/api/v1/stations")
                .then().statusCode(200)
                .body("headers.x-forwarded-host", equalTo(gateway.getHost() + ":" + gateway.getPort()));
    }

    @Test
    void linksNameTheAddressTheLoadBalancerWasCalledOn() {
        given().header("Authorization", GatewayProxyTest.CLERK)
                .header("X-Forwarded-Host", "aid.example.org").header("X-Forwarded-Proto", "https")
                .when().post("/api/v1/stations/created")
                .then().statusCode(201)
                .header("Location", "https://aid.example.org/api/v1/stations/C01");
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
