package org.unionaid.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(StubUpstreams.class)
class GatewayHealthTest {

    @Test
    void reportsItselfLive() {
        given().when().get("/q/health/live")
                .then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void answersTheProbesKubernetesUses() {
        for (String probe : new String[] {"/q/health/started", "/q/health/ready", "/q/health/live"}) {
            given().when().get(probe).then().statusCode(200).body("status", equalTo("UP"));
        }
    }
}
