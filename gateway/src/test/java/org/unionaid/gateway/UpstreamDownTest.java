package org.unionaid.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.TestTokens;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** The reporting service is stopped: its routes fail cleanly, the others go on working. */
@QuarkusTest
@TestProfile(UpstreamDownTest.ReportingStopped.class)
class UpstreamDownTest {

    public static class ReportingStopped implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StubUpstreams.class, Map.of("stopped", "reporting")));
        }
    }

    @Test
    void answersServiceUnavailableForTheStoppedServiceOnly() {
        given().header("Authorization", TestTokens.bearer("analyst")).header("X-Request-Id", "down-1")
                .when().get("/api/v1/reports/summary")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:union-aid:problem:upstream-unavailable"))
                .body("detail", equalTo("The reporting service cannot be reached; retry later."))
                .body("requestId", equalTo("down-1"));
        given().header("Authorization", TestTokens.bearer("admin"))
                .when().get("/api/v1/stations")
                .then().statusCode(200).body("service", equalTo("registry"));
    }

    @Test
    void reportsTheStoppedServiceDownInHealthButStaysReady() {
        given().when().get("/q/health/well")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'upstream reporting' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'upstream registry' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'upstream disbursement' }.status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void mergesTheOpenApiDocumentsThatAreThereAndNamesTheMissingOne() {
        given().when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/v1/stations"))
                .body("paths", hasKey("/api/v1/projects"))
                .body("paths", not(hasKey("/api/v1/reports/summary")))
                .body("x-unavailable", contains("reporting"));
    }
}
