package org.unionaid.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(StubUpstreams.class)
class OpenApiAndHealthTest {

    @Test
    void servesOneOpenApiDocumentWithThePathsOfAllThreeServicesButNoFeeds() {
        JsonPath document = given().when().get("/q/openapi")
                .then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
        Map<String, Object> paths = document.getMap("paths");
        assertThat(paths.keySet(), containsInAnyOrder("/api/v1/stations", "/api/v1/workers/{id}",
                "/api/v1/projects", "/api/v1/payouts", "/api/v1/reports/summary"));
        assertThat(paths.keySet(), everyItem(not(startsWith("/api/v1/feed"))));
        assertThat(document.getMap("components.schemas").keySet(),
                containsInAnyOrder("registryItem", "disbursementItem", "reportingItem"));
        assertThat(document.getList("tags.name"), containsInAnyOrder("registry", "disbursement", "reporting"));
        assertThat(document.getString("components.securitySchemes.jwt.scheme"), equalTo("bearer"));
        assertThat(document.getString("info.title"), equalTo("union-aid API"));
        assertThat("the public base URL, never the caller's Host", document.getList("servers.url"),
                contains("https://aid.union-aid.test"));
        assertThat(document.getString("paths.'/api/v1/payouts'.get.responses.'200'.content.'application/json'.schema.$ref"),
                equalTo("#/components/schemas/disbursementItem"));
    }

    @Test
    void servesSwaggerUiForTheMergedDocument() {
        String page = given().when().get("/q/swagger-ui/").then().statusCode(200).extract().asString();
        assertThat(page, containsString("/q/openapi"));
    }

    @Test
    void reportsEachServiceInHealth() {
        given().when().get("/q/health/well")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("upstream registry", "upstream disbursement", "upstream reporting"))
                .body("checks.find { it.name == 'upstream reporting' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'upstream reporting' }.data.url", startsWith("http://127.0.0.1:"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void countsRequestsInMetricsByTopLevelPathNotByEveryId() {
        for (String id : new String[] {"31", "32", "33"}) {
            given().header("Authorization", GatewayProxyTest.CLERK).when().get("/api/v1/enterprises/" + id)
                    .then().statusCode(200);
        }
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics, containsString("uri=\"/api/v1/enterprises\""));
        assertThat(metrics, not(containsString("/api/v1/enterprises/3")));
    }
}
