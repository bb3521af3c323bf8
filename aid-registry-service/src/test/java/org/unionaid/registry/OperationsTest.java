package org.unionaid.registry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.PostgresResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class OperationsTest {

    @Test
    void reportsReadyWithTheDatabaseChecked() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesPrometheusMetricsOfTheHttpServer() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void servesAnOpenApiDocumentWithTheContractsPathsAndExamples() {
        given().accept("application/json").get("/q/openapi").then().log().ifValidationFails().statusCode(200)
                .body("paths.'/api/v1/workers'.post", notNullValue())
                .body("paths.'/api/v1/workers/{id}/transitions'.post", notNullValue())
                .body("paths.'/api/v1/stations'.get", notNullValue())
                .body("components.schemas.NewWorker.properties.idNumber.examples[0]", equalTo("11010519491231002X"));
    }

    @jakarta.inject.Inject
    io.smallrye.jwt.auth.principal.JWTParser tokenParser;

    @Test
    void verifiesTokensThroughTheRememberingParser() throws Exception {
        Object parser = io.quarkus.arc.ClientProxy.unwrap(tokenParser);
        org.junit.jupiter.api.Assertions.assertInstanceOf(org.unionaid.common.security.VerifiedTokens.class, parser);
        String token = org.unionaid.testsupport.TestTokens.token("analyst");
        org.junit.jupiter.api.Assertions.assertSame(tokenParser.parse(token), tokenParser.parse(token),
                "a verified token is remembered");
    }

    @Test
    void returnsAndKeepsTheRequestId() {
        given().header("X-Request-Id", "req-12345").get("/api/v1/stations")
                .then().statusCode(401).header("X-Request-Id", "req-12345").body("requestId", equalTo("req-12345"));
        given().get("/api/v1/stations").then().header("X-Request-Id", notNullValue());
    }
}
