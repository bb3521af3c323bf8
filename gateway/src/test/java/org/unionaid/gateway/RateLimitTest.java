package org.unionaid.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.TestTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/** A low limit (1 request a second, bursts of 5) so a test can pass it quickly. */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimit.class)
class RateLimitTest {

    static final int BURST = 5;

    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("union-aid.gateway.rate-limit.requests-per-second", "1",
                    "union-aid.gateway.rate-limit.burst", Integer.toString(BURST));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StubUpstreams.class));
        }
    }

    @Test
    void slowsDownACallerOverTheLimitWhileAnotherCallerGoesOn() throws Exception {
        String eager = "Bearer " + TestTokens.token("clerk", "C01", "eager-clerk");
        long started = System.nanoTime();
        int admitted = 0;
        // The first refused request is the one checked: a second request sent after it could find a
        // token the bucket regained meanwhile (it refills by one a second).
        Response last;
        while ((last = given().header("Authorization", eager).header("X-Request-Id", "too-many-" + admitted)
                .when().get("/api/v1/workers")).statusCode() == 200 && admitted < 100) {
            admitted++;
        }
        // the bucket refills by one a second while the requests are under way
        assertThat(admitted, allOf(greaterThanOrEqualTo(BURST), lessThanOrEqualTo(BURST + refilledSince(started))));

        last.then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", equalTo("urn:union-aid:problem:rate-limited"))
                .body("requestId", equalTo("too-many-" + admitted));

        String calm = "Bearer " + TestTokens.token("clerk", "C01", "calm-clerk");
        given().header("Authorization", calm).when().get("/api/v1/workers").then().statusCode(200);

        Thread.sleep(1_100);
        given().header("Authorization", eager).when().get("/api/v1/workers").then().statusCode(200);
    }

    @Test
    void letsThroughOnlyTheBurstWhenManyRequestsArriveAtOnce() throws Exception {
        String token = "Bearer " + TestTokens.token("reviewer", null, "crowd");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(() -> given().header("Authorization", token).when().get("/api/v1/applications").statusCode());
            }
            long started = System.nanoTime();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
            long ok = statuses.stream().filter(status -> status == 200).count();
            long limited = statuses.stream().filter(status -> status == 429).count();
            assertThat(statuses.toString(), ok, allOf(greaterThanOrEqualTo((long) BURST),
                    lessThanOrEqualTo((long) BURST + refilledSince(started))));
            assertThat(statuses.toString(), ok + limited, is(40L));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void limitsCallersWithoutTokenByTheirAddress() {
        int unauthorized = 0;
        int status = 401;
        while (unauthorized < 100 && (status = given().when().get("/api/v1/stations").statusCode()) == 401) {
            unauthorized++;
        }
        assertThat(status, is(429));
        assertThat(unauthorized, greaterThanOrEqualTo(BURST));
    }

    /** Requests the bucket may have gained since then, at 1 a second (rounded up, plus one for the edge). */
    private static int refilledSince(long startedNanos) {
        return (int) Math.ceil((System.nanoTime() - startedNanos) / 1e9) + 1;
    }
}
