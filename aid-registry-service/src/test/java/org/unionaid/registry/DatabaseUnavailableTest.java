package org.unionaid.registry;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.PostgresResource;
import org.unionaid.testsupport.TestTokens;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** A pool with no free connection (a burst on a small pool, or PostgreSQL gone) is a 503 to retry, not a 500. */
@QuarkusTest
@TestProfile(DatabaseUnavailableTest.SmallPool.class)
@WithTestResource(PostgresResource.class)
class DatabaseUnavailableTest {

    public static class SmallPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", "2",
                    "quarkus.datasource.jdbc.acquisition-timeout", "1s");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void whileThePoolHasNoConnectionToGiveRequestsGet503WithRetryAfterAndThenSucceedAgain() throws Exception {
        String admin = TestTokens.bearer("admin");
        int stations = given().header("Authorization", admin).get("/api/v1/stations")
                .then().statusCode(200).extract().path("items.size()");

        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                held.add(dataSource.getConnection());
            }
            given().header("Authorization", admin).get("/api/v1/stations")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "2")
                    .body("type", containsString("database-unavailable"))
                    .body("title", equalTo("Database unavailable"))
                    .body("detail", not(containsString("Exception")));
            given().header("Authorization", admin).header("Accept-Language", "zh-CN").get("/api/v1/stations")
                    .then().statusCode(503).body("title", equalTo("数据库暂不可用"));
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        given().header("Authorization", admin).get("/api/v1/stations")
                .then().statusCode(200).body("items.size()", equalTo(stations));
    }
}
