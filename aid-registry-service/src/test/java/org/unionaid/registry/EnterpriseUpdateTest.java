package org.unionaid.registry;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.PostgresResource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.testsupport.TestTokens.bearer;

/** Enterprises change (a status with the day it took effect) with a history; the 低保 of a year keeps its amounts. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class EnterpriseUpdateTest {

    private static final String ADMIN = bearer("admin");
    private static final String TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

    @Inject
    AgroalDataSource database;

    @Test
    void anAdminClosesAnEnterpriseOnTheDayItShutAndTheHistoryKeepsBeforeAndAfter() {
        long id = enterprise("{\"name\":\"城东机械厂\",\"creditCode\":\"" + Fixtures.creditCode()
                + "\",\"status\":\"OPERATING\",\"statusSince\":\"2019-03-01\"}");
        patch(id, ADMIN, "{\"status\":\"CLOSED\",\"statusSince\":\"2026-05-31\",\"reason\":\"破产清算\"}").statusCode(200)
                .contentType(ContentType.JSON)
                .body("status", equalTo("CLOSED")).body("statusSince", equalTo("2026-05-31")).body("name", equalTo("城东机械厂"));
        given().header("Authorization", bearer("service")).get("/api/v1/enterprises/" + id).then()
                .body("status", equalTo("CLOSED")).body("statusSince", equalTo("2026-05-31"));
        given().header("Authorization", bearer("analyst")).get("/api/v1/enterprises/" + id + "/history").then().statusCode(200)
                .body("items.action", equalTo(List.of("CREATED", "UPDATED")))
                .body("items[0].changes.status.after", equalTo("OPERATING"))
                .body("items[0].changes.statusSince.after", equalTo("2019-03-01"))
                .body("items[0].actor", equalTo("test-admin"))
                .body("items[1].changes.status.before", equalTo("OPERATING"))
                .body("items[1].changes.status.after", equalTo("CLOSED"))
                .body("items[1].changes.statusSince.before", equalTo("2019-03-01"))
                .body("items[1].changes.statusSince.after", equalTo("2026-05-31"))
                .body("items[1].changes.name", nullValue())
                .body("items[1].reason", equalTo("破产清算"));
        // the same values again write nothing
        patch(id, ADMIN, "{\"status\":\"CLOSED\",\"name\":\"城东机械厂\"}").statusCode(200);
        given().header("Authorization", ADMIN).get("/api/v1/enterprises/" + id + "/history").then()
                .body("items.action", equalTo(List.of("CREATED", "UPDATED")));
    }

    @Test
    void aNewStatusNeedsItsDayNotInTheFutureNorBeforeTheLastChangeAndNothingIsStoredOtherwise() {
        long id = enterprise("{\"name\":\"西郊纺织厂\",\"creditCode\":\"" + Fixtures.creditCode()
                + "\",\"status\":\"OPERATING\",\"statusSince\":\"2020-01-01\"}");
        patch(id, ADMIN, "{\"status\":\"SUSPENDED\"}").statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("statusSince"));
        patch(id, ADMIN, "{\"status\":\"SUSPENDED\",\"statusSince\":\"2019-12-31\"}").statusCode(400)
                .body("violations[0].field", equalTo("statusSince"));
        patch(id, ADMIN, "{\"status\":\"SUSPENDED\",\"statusSince\":\"" + LocalDate.now().plusDays(2) + "\"}").statusCode(400)
                .body("violations[0].field", equalTo("statusSince"));
        patch(id, ADMIN, "{\"statusSince\":\"2021-01-01\"}").statusCode(400).body("violations[0].field", equalTo("statusSince"));
        given().header("Authorization", ADMIN).header("Accept-Language", "zh").contentType(ContentType.JSON)
                .body("{\"status\":\"SUSPENDED\",\"statusSince\":\"2019-12-31\"}").patch("/api/v1/enterprises/" + id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("statusSince"))
                .body("violations[0].message", equalTo("不能早于上一次状态变更的日期"));
        given().header("Authorization", ADMIN).header("Accept-Language", "zh").contentType(ContentType.JSON)
                .body("{\"status\":\"SUSPENDED\"}").patch("/api/v1/enterprises/" + id)
                .then().statusCode(400)
                .body("violations[0].field", equalTo("statusSince"))
                .body("violations[0].message", equalTo("填写新状态时必须同时填写：新状态生效的日期"));
        patch(id, ADMIN, "{\"status\":\"BANKRUPT\",\"statusSince\":\"2021-01-01\"}").statusCode(400);
        patch(id, ADMIN, "{\"name\":\"\"}").statusCode(400).body("violations[0].field", equalTo("name"));
        patch(id, ADMIN, "{\"name\":\"   \"}").statusCode(400).body("violations[0].field", equalTo("name"));
        patch(id + 100_000, ADMIN, "{\"keyEnterprise\":true}").statusCode(404);
        given().header("Authorization", ADMIN).get("/api/v1/enterprises/" + id).then()
                .body("status", equalTo("OPERATING")).body("statusSince", equalTo("2020-01-01")).body("name", equalTo("西郊纺织厂"));
        given().header("Authorization", ADMIN).get("/api/v1/enterprises/" + id + "/history").then()
                .body("items.action", equalTo(List.of("CREATED")));
        // left out at entry, the status is from today
        long fresh = enterprise("{\"name\":\"南城食品厂\",\"creditCode\":\"" + Fixtures.creditCode() + "\",\"status\":\"OPERATING\"}");
        given().header("Authorization", ADMIN).get("/api/v1/enterprises/" + fresh).then().body("statusSince", equalTo(TODAY));
    }

    @Test
    void aReviewerMarksAKeyEnterpriseButChangesNothingElseAndAClerkNothingAtAll() {
        long id = enterprise("{\"name\":\"北区钢厂\",\"creditCode\":\"" + Fixtures.creditCode() + "\",\"status\":\"OPERATING\"}");
        patch(id, REVIEWER, "{\"keyEnterprise\":true}").statusCode(200).body("keyEnterprise", equalTo(true));
        patch(id, REVIEWER, "{\"status\":\"CLOSED\",\"statusSince\":\"" + TODAY + "\"}").statusCode(403)
                .body("type", endsWith("enterprise-admin-only"));
        patch(id, REVIEWER, "{\"name\":\"北区钢铁厂\",\"keyEnterprise\":false}").statusCode(403);
        patch(id, Fixtures.clerkOf("C01"), "{\"keyEnterprise\":false}").statusCode(403);
        patch(id, bearer("finance"), "{\"name\":\"x\"}").statusCode(403);
        given().header("Authorization", ADMIN).get("/api/v1/enterprises/" + id).then()
                .body("keyEnterprise", equalTo(true)).body("status", equalTo("OPERATING")).body("name", equalTo("北区钢厂"));
        given().header("Authorization", ADMIN).get("/api/v1/enterprises/" + id + "/history").then()
                .body("items[1].actor", equalTo("reviewer-wang"))
                .body("items[1].changes.keyEnterprise.before", equalTo(false))
                .body("items[1].changes.keyEnterprise.after", equalTo(true));
        given().header("Authorization", bearer("service")).get("/api/v1/enterprises/" + id + "/history").then().statusCode(403);
    }

    @Test
    void theDatabaseRefusesAStatusWithoutItsDayAndAnyChangeOfTheHistory() throws SQLException {
        long id = enterprise("{\"name\":\"东港船厂\",\"creditCode\":\"" + Fixtures.creditCode()
                + "\",\"status\":\"OPERATING\",\"statusSince\":\"2020-01-01\"}");
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            assertEquals("23514", assertThrows(SQLException.class, () -> s.executeUpdate(
                    "UPDATE enterprise SET status = 'CLOSED' WHERE id = " + id)).getSQLState());
            assertEquals("23514", assertThrows(SQLException.class, () -> s.executeUpdate(
                    "UPDATE enterprise SET status = 'CLOSED', status_since = DATE '2019-01-01' WHERE id = " + id)).getSQLState());
            assertEquals("23514", assertThrows(SQLException.class, () -> s.executeUpdate(
                    "UPDATE enterprise_event SET actor = 'someone' WHERE enterprise_id = " + id)).getSQLState());
            assertEquals("23514", assertThrows(SQLException.class, () -> s.executeUpdate(
                    "DELETE FROM enterprise_event WHERE enterprise_id = " + id)).getSQLState());
        }
    }

    @Test
    void eachNewAmountOfAYearsMinimumLivingStandardIsInItsHistory() {
        int year = 2100 + (int) Math.floorMod(System.nanoTime(), 90L);
        for (String amount : List.of("930.00", "930.00", "1010.50")) {
            given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"monthlyAmount\":\"" + amount + "\"}")
                    .put("/api/v1/settings/minimum-living-standard/" + year).then().statusCode(200)
                    .body("monthlyAmount", equalTo(amount));
        }
        given().header("Authorization", REVIEWER).get("/api/v1/settings/minimum-living-standard/" + year + "/history").then()
                .statusCode(200).body("items.before", equalTo(java.util.Arrays.asList(null, "930.00")))
                .body("items.after", equalTo(List.of("930.00", "1010.50")))
                .body("items.actor", equalTo(List.of("test-admin", "test-admin")));
        given().header("Authorization", REVIEWER).get("/api/v1/settings/minimum-living-standard/2199/history").then()
                .statusCode(404);
        given().header("Authorization", REVIEWER).get("/api/v1/settings/minimum-living-standard/1999/history").then()
                .statusCode(400);
    }

    private static long enterprise(String body) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).post("/api/v1/enterprises")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static ValidatableResponse patch(long id, String authorization, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .patch("/api/v1/enterprises/" + id).then();
    }
}
