package org.unionaid.registry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.PostgresResource;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.testsupport.TestTokens.bearer;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class LegacyImportTest {

    private Fixtures.Tree tree;

    @BeforeEach
    void stations() {
        tree = Fixtures.stations();
        Fixtures.minimumLivingStandard();
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body("{\"monthlyAmount\":\"400.00\"}")
                .put("/api/v1/settings/minimum-living-standard/2016").then().statusCode(200);
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body("{\"monthlyAmount\":\"" + Fixtures.MONTHLY_MINIMUM + "\"}")
                .put("/api/v1/settings/minimum-living-standard/2017").then().statusCode(200);
    }

    @Test
    void importsVerifiedFilesWithTheirPastAndReportsBadItemsByIndex() {
        String active = idNumber(true);
        String exited = idNumber(false);
        String duplicate = Fixtures.idNumber(true);
        Fixtures.pendingFile(tree.community(), duplicate);
        String body = "{\"items\":["
                + item(active, "ACTIVE", "\"2016-03-01T02:00:00Z\"", "\"2016-03-20T02:00:00Z\"", "null", "null") + ","
                + item(exited, "EXITED", "\"2016-05-01T02:00:00Z\"", "\"2016-05-20T02:00:00Z\"", "\"2019-01-01T02:00:00Z\"", "\"DEATH\"") + ","
                + item(duplicate, "ACTIVE", "\"2017-01-01T02:00:00Z\"", "\"2017-01-10T02:00:00Z\"", "null", "null") + ","
                + item(wrongCheckDigit(active), "ACTIVE", "\"2017-01-01T02:00:00Z\"", "\"2017-01-10T02:00:00Z\"", "null", "null") + ","
                + item(idNumber(true), "PENDING", "\"2017-01-01T02:00:00Z\"", "\"2017-01-10T02:00:00Z\"", "null", "null")
                + "]}";
        var result = given().header("Authorization", bearer("admin")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/workers/import").then().statusCode(200)
                .body("imported", equalTo(2))
                .body("results", hasSize(5))
                .body("results[0].id", notNullValue())
                .body("results[1].id", notNullValue())
                .body("results[2].error.type", equalTo("duplicate-open-file"))
                .body("results[3].error.type", equalTo("invalid-request"))
                .body("results[3].error.detail", containsString("idNumber"))
                .body("results[4].error.detail", containsString("ACTIVE or EXITED"))
                .extract().jsonPath();
        long activeId = result.getLong("results[0].id");
        long exitedId = result.getLong("results[1].id");
        // 2016's 低保 of 400: (24,000 - 6,000) / 12 / 3 = 500 is RELATIVE that year (it would be DEEP today).
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + activeId).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("category", equalTo("RELATIVE"))
                .body("idNumber", equalTo(active))
                .body("createdAt", equalTo("2016-03-01T02:00:00Z"))
                .body("activatedAt", equalTo("2016-03-20T02:00:00Z"))
                .body("nextReviewDue", equalTo("2017-03-20"));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + exitedId).then()
                .body("status", equalTo("EXITED")).body("exitReason", equalTo("DEATH"))
                .body("closedAt", equalTo("2019-01-01T02:00:00Z")).body("nextReviewDue", nullValue());
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + activeId + "/history").then()
                .body("items.action", equalTo(List.of("IMPORTED")));
        var feed = given().header("Authorization", bearer("service")).queryParam("limit", 1000)
                .get("/api/v1/feed/workers").then().statusCode(200).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(List.of("2016-03-20"),
                feed.getList("items.findAll { it.fileId == " + activeId + " }.activatedOn"));
        org.junit.jupiter.api.Assertions.assertEquals(List.of("2019-01-01"),
                feed.getList("items.findAll { it.fileId == " + exitedId + " }.exitedOn"));
    }

    @Test
    void tellsWhyAnItemIsNotImportedInTheCallersLanguage() {
        String body = "{\"items\":["
                + item(idNumber(true), "PENDING", "\"2017-01-01T02:00:00Z\"", "\"2017-01-10T02:00:00Z\"", "null", "null") + ","
                + "null,"
                + item(wrongCheckDigit(idNumber(true)), "ACTIVE", "\"2017-01-01T02:00:00Z\"", "\"2017-01-10T02:00:00Z\"", "null", "null")
                + "]}";
        given().header("Authorization", bearer("admin")).header("Accept-Language", "zh").contentType(ContentType.JSON)
                .body(body).post("/api/v1/workers/import").then().statusCode(200)
                .body("imported", equalTo(0))
                .body("results.error.type", equalTo(List.of("invalid-request", "invalid-request", "invalid-request")))
                .body("results[0].error.detail", equalTo("status: 导入的档案只能是在档（ACTIVE）或已退出（EXITED）"))
                .body("results[1].error.detail", equalTo("item: 不能为空"))
                .body("results[2].error.detail", startsWith("item: 有无效字段：idNumber "));
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body(body).post("/api/v1/workers/import").then().statusCode(200)
                .body("results[0].error.detail", equalTo("status: imported files are ACTIVE or EXITED"))
                .body("results[1].error.detail", equalTo("item: must not be null"))
                .body("results[2].error.detail", startsWith("item: has invalid fields: idNumber "));
    }

    @Test
    void onlyAnAdminImportsAndABatchHasAtMostAThousandItems() {
        given().header("Authorization", REVIEWER).contentType(ContentType.JSON).body("{\"items\":[]}")
                .post("/api/v1/workers/import").then().statusCode(403);
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON).body("{\"items\":[]}")
                .post("/api/v1/workers/import").then().statusCode(400).body("violations[0].field", equalTo("items"));
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON).body("{\"items\":[{\"status\":\"SOMETIMES\"}]}")
                .post("/api/v1/workers/import").then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("invalid-request"));
    }

    private String item(String idNumber, String status, String createdAt, String activatedAt, String exitedAt,
                        String exitReason) {
        String worker = Fixtures.worker(idNumber, tree.community(), "24000.00", "6000.00");
        return worker.substring(0, worker.length() - 1) + ",\"status\":\"" + status + "\",\"createdAt\":" + createdAt
                + ",\"activatedAt\":" + activatedAt + ",\"exitedAt\":" + exitedAt + ",\"exitReason\":" + exitReason + "}";
    }

    /** The ID number with a check digit that does not fit it (not always "0": a tenth of them end in 0). */
    private static String wrongCheckDigit(String idNumber) {
        return idNumber.substring(0, 17) + (idNumber.endsWith("0") ? "1" : "0");
    }
}
