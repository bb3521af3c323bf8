package org.unionaid.disbursement;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.testsupport.PostgresResource;
import org.unionaid.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.disbursement.support.Api.ADMIN;
import static org.unionaid.disbursement.support.Api.CLERK_A;
import static org.unionaid.disbursement.support.Api.FINANCE;
import static org.unionaid.disbursement.support.Api.REVIEWER;
import static org.unionaid.disbursement.support.Api.SERVICE;
import static org.unionaid.disbursement.support.Api.as;

/** Every change of a project's rules is appended to its history: who, when, each changed rule before and after. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class ProjectHistoryTest {

    private static final String PROJECT = "FESTIVAL_WARMTH";
    private static final String HISTORY = "/api/v1/projects/" + PROJECT + "/history";

    @Inject
    AgroalDataSource database;

    @Test
    void aChangeOfTheRulesKeepsWhoWhenAndTheChangedRulesBeforeAndAfterAndNothingElseWritesOne() {
        Map<String, Object> original = as(ADMIN).get("/api/v1/projects/" + PROJECT).then().statusCode(200)
                .extract().jsonPath().getMap("rules");
        Object originalCap = original.get("payoutCap");
        int before = events();
        String rules = rules("1234.50", "true");
        try {
            as(ADMIN).body(rules).put("/api/v1/projects/" + PROJECT).then().statusCode(200)
                    .body("rules.payoutCap", equalTo("1234.50")).body("updatedBy", equalTo("admin-sun"));
            assertEquals(before + 1, events());
            lastEvent().body("actor", equalTo("admin-sun")).body("at", containsString("T"))
                    .body("changes.payoutCap.before", equalTo(originalCap))
                    .body("changes.payoutCap.after", equalTo("1234.50"));
            // exactly the rules that changed (a PUT replaces all: what it leaves out became null), each before and after
            Map<String, Object> after = as(ADMIN).get("/api/v1/projects/" + PROJECT).then().extract().jsonPath().getMap("rules");
            Set<String> changed = new TreeSet<>();
            after.forEach((rule, value) -> {
                if (!Objects.equals(original.get(rule), value)) {
                    changed.add(rule);
                }
            });
            Map<String, Map<String, Object>> changes = history().getMap("items[-1].changes");
            assertEquals(changed, new TreeSet<>(changes.keySet()));
            changed.forEach(rule -> {
                assertEquals(original.get(rule), changes.get(rule).get("before"), rule);
                assertEquals(after.get(rule), changes.get(rule).get("after"), rule);
            });
            String updatedAt = as(ADMIN).get("/api/v1/projects/" + PROJECT).then().extract().path("updatedAt");

            // the same rules again: no entry, the project not touched
            as(ADMIN).body(rules).put("/api/v1/projects/" + PROJECT).then().statusCode(200)
                    .body("updatedAt", equalTo(updatedAt));
            assertEquals(before + 1, events());
            // refused changes write nothing: bad values, a share without its basis, another role, no project
            as(ADMIN).body(rules("12.345", "true")).put("/api/v1/projects/" + PROJECT).then().statusCode(400)
                    .body("violations[0].field", equalTo("payoutCap"));
            as(ADMIN).body("{\"sharePercentDeep\": \"50\", \"countsAsAidItem\": true, \"acceptsTemporaryFile\": false,"
                    + " \"migrantOnly\": false}").put("/api/v1/projects/" + PROJECT).then().statusCode(400)
                    .body("violations[0].field", equalTo("shareBasis"));
            as(FINANCE).body(rules("99.00", "true")).put("/api/v1/projects/" + PROJECT).then().statusCode(403);
            assertEquals(before + 1, events());

            // a second change: two rules, each with its own before and after; oldest first, keyset pages
            as(ADMIN).body(rules("2000.00", "false")).put("/api/v1/projects/" + PROJECT).then().statusCode(200);
            assertEquals(before + 2, events());
            lastEvent().body("changes.payoutCap.before", equalTo("1234.50"))
                    .body("changes.payoutCap.after", equalTo("2000.00"))
                    .body("changes.acceptsTemporaryFile.before", equalTo(true))
                    .body("changes.acceptsTemporaryFile.after", equalTo(false));
            List<Object> paged = new java.util.ArrayList<>();
            String cursor = null;
            do {
                var page = as(REVIEWER).queryParam("limit", 1).queryParam("cursor", cursor == null ? "" : cursor).get(HISTORY)
                        .then().statusCode(200).body("items", hasSize(1)).extract().jsonPath();
                paged.addAll(page.getList("items.id"));
                cursor = page.getString("nextCursor");
            } while (cursor != null);
            assertEquals(history().getList("items.id"), paged);
        } finally {
            as(ADMIN).body(json(original)).put("/api/v1/projects/" + PROJECT).then().statusCode(200);
        }
        lastEvent().body("changes.payoutCap.before", equalTo("2000.00"))
                .body("changes.payoutCap.after", equalTo(originalCap));
        assertEquals(original, as(ADMIN).get("/api/v1/projects/" + PROJECT).then().extract().jsonPath().getMap("rules"));
    }

    @Test
    void adminsReviewersAndFinanceReadTheHistoryOthersMayNot() {
        as(ADMIN).get(HISTORY).then().statusCode(200);
        as(REVIEWER).get(HISTORY).then().statusCode(200);
        as(FINANCE).get(HISTORY).then().statusCode(200);
        as(CLERK_A).get(HISTORY).then().statusCode(403).contentType("application/problem+json");
        as(SERVICE).get(HISTORY).then().statusCode(403);
        as("Bearer " + TestTokens.token("analyst", null, "analyst-qian")).get(HISTORY).then().statusCode(403);
        given().get(HISTORY).then().statusCode(401);
        as(ADMIN).get("/api/v1/projects/NO_SUCH_PROJECT/history").then().statusCode(404)
                .contentType("application/problem+json");
        as(ADMIN).queryParam("limit", "0").get(HISTORY).then().statusCode(400).contentType("application/problem+json");
        as(ADMIN).queryParam("cursor", "garbage").get(HISTORY).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theDatabaseKeepsTheHistoryAppendedOnly() throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO project_event (project_code, actor, changes) VALUES ('" + PROJECT
                    + "', 'admin-sun', '{\"payoutCap\": {\"before\": null, \"after\": \"1.00\"}}')");
            for (String sql : List.of("UPDATE project_event SET actor = 'someone-else'", "DELETE FROM project_event",
                    "TRUNCATE project_event")) {
                SQLException refused = assertThrows(SQLException.class, () -> s.executeUpdate(sql), sql);
                assertTrue(refused.getMessage().contains("appended only"), refused.getMessage());
            }
            for (String changes : List.of("'{}'", "'[]'")) {
                assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO project_event (project_code, actor,"
                        + " changes) VALUES ('" + PROJECT + "', 'admin-sun', " + changes + ")"), changes);
            }
        }
        lastEvent().body("actor", equalTo("admin-sun")).body("changes.payoutCap.before", nullValue());
    }

    private static String rules(String payoutCap, String acceptsTemporaryFile) {
        return "{\"payoutCap\": \"" + payoutCap + "\", \"countsAsAidItem\": true, \"acceptsTemporaryFile\": "
                + acceptsTemporaryFile + ", \"migrantOnly\": false}";
    }

    private static String json(Map<String, Object> map) {
        try {
            return new ObjectMapper().writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The project's history in one page (a test's project has far fewer than 200 changes). */
    private static JsonPath history() {
        JsonPath page = as(ADMIN).queryParam("limit", 200).get(HISTORY).then().statusCode(200).extract().jsonPath();
        assertNull(page.getString("nextCursor"));
        return page;
    }

    private static int events() {
        return history().getList("items").size();
    }

    private static ValidatableResponse lastEvent() {
        return as(ADMIN).queryParam("limit", 200).get(HISTORY).then().statusCode(200).rootPath("items[-1]");
    }
}
