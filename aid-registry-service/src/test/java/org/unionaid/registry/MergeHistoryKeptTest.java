package org.unionaid.registry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.PostgresResource;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.registry.MergeTest.merge;

/**
 * A merge keeps the household's history: the survivor is ACTIVE, the merged file's ID number stays taken, a survivor
 * is not rejected or cancelled, member pairs are stored, and no decision is left pending on the cancelled file.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class MergeHistoryKeptTest extends StationTreeTest {

    private static final String PROBLEM = "application/problem+json";


    @Test
    void theSurvivorIsActiveAndTheMergedFilesIdNumberStaysTakenAfterItsSurvivorExits() {
        long active = Fixtures.activeFile(tree.community(), idNumber(true));
        long pending = Fixtures.pendingFile(tree.community(), idNumber(false));
        long temporary = Fixtures.create(tree.community(), Fixtures.worker(idNumber(true), tree.community(), "24000.00", "6000.00")
                .replace("\"mainCause\"", "\"temporary\":true,\"mainCause\"")).statusCode(201).extract().jsonPath().getLong("id");
        List<String> before = List.of(Fixtures.fileState(active), Fixtures.fileState(pending), Fixtures.fileState(temporary));
        for (long survivor : List.of(pending, temporary)) {
            String status = survivor == pending ? "PENDING" : "TEMPORARY";
            merge(survivor, active, REVIEWER, "重复").statusCode(409).contentType(PROBLEM)
                    .body("type", endsWith("file-not-mergeable")).body("detail", equalTo("File " + survivor + " is " + status
                            + ": a file is merged into an active file, from a pending, active or temporary one; a file merged already is cancelled."));
        }
        assertEquals(before, List.of(Fixtures.fileState(active), Fixtures.fileState(pending), Fixtures.fileState(temporary)));

        String number = idNumber(false);
        long from = Fixtures.pendingFile(tree.community(), number);
        merge(active, from, REVIEWER, "同一户").statusCode(200);
        enter(number).statusCode(409).contentType(PROBLEM).body("type", endsWith("duplicate-open-file"));
        // an import refuses that line alone and imports the rest
        String fresh = idNumber(true);
        given().header("Authorization", org.unionaid.testsupport.TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"items\":[" + imported(number) + "," + imported(fresh) + "]}").post("/api/v1/workers/import")
                .then().statusCode(200).body("imported", equalTo(1))
                .body("results[0].error.type", equalTo("duplicate-open-file")).body("results[1].id", notNullValue());
        // the survivor exits: what was merged into it stays merged, and the number stays taken
        Fixtures.transition(active, REVIEWER, "{\"to\":\"EXITED\",\"reason\":\"脱困\",\"exitReason\":\"INCOME_ABOVE_LINE\"}")
                .statusCode(200).body("mergedFrom.id", equalTo(List.of((int) from)));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + from).then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("mergedInto", equalTo((int) active));
        enter(number).statusCode(409).body("type", endsWith("duplicate-open-file"));
        assertEquals(1L, Fixtures.count("SELECT count(*) FROM hardship_file WHERE id_number_hash = (SELECT id_number_hash FROM hardship_file WHERE id = " + from + ")"));
        // a number never merged is free again once its file is cancelled, as before
        String other = idNumber(true);
        long cancelled = Fixtures.pendingFile(tree.community(), other);
        Fixtures.transition(cancelled, clerkOf(tree.community()), "{\"to\":\"CANCELLED\",\"reason\":\"录错\"}").statusCode(200);
        enter(other).statusCode(201);
    }

    /** A verified file of the legacy import, ACTIVE since 2020. */
    private String imported(String idNumber) {
        return Fixtures.worker(idNumber, tree.community(), "24000.00", "6000.00").replace("\"mainCause\"",
                "\"status\":\"ACTIVE\",\"createdAt\":\"2020-01-01T02:00:00Z\",\"activatedAt\":\"2020-01-10T02:00:00Z\",\"mainCause\"");
    }

    @Test
    void aFileOthersAreMergedIntoIsNeitherCancelledNorRejected() throws SQLException {
        // a pending survivor, as merges before this rule could make
        long survivor = Fixtures.pendingFile(tree.community(), idNumber(true));
        long merged = Fixtures.pendingFile(tree.community(), idNumber(false));
        Fixtures.execute("UPDATE hardship_file SET status = 'CANCELLED', closed_at = now(), merged_into = " + survivor + " WHERE id = " + merged);
        String before = Fixtures.fileState(survivor);
        Fixtures.transition(survivor, clerkOf(tree.community()), "{\"to\":\"CANCELLED\",\"reason\":\"录错\"}").statusCode(409)
                .contentType(PROBLEM).body("type", endsWith("file-has-merged-files"))
                .body("detail", org.hamcrest.Matchers.containsString("file " + survivor));
        Fixtures.transition(survivor, REVIEWER, "{\"to\":\"REJECTED\",\"reason\":\"不符\"}").statusCode(409)
                .body("type", endsWith("file-has-merged-files"));
        given().header("Authorization", REVIEWER).header("Accept-Language", "zh").contentType(ContentType.JSON)
                .body("{\"to\":\"CANCELLED\",\"reason\":\"x\"}").post("/api/v1/workers/" + survivor + "/transitions").then()
                .statusCode(409).body("title", equalTo("已有档案合并入此档案"));
        assertEquals(before, Fixtures.fileState(survivor));
    }

    @Test
    void thePairsMadeAtTheMergeStayWhenTheSurvivorsMemberIsRenamed() {
        long survivor = Fixtures.activeFile(tree.community(), idNumber(true));
        long from = Fixtures.pendingFile(tree.community(), idNumber(false));
        merge(survivor, from, REVIEWER, "重复").statusCode(200)
                .body("mergedFrom[0].members", equalTo(List.of(Map.of("from", 1, "into", 1), Map.of("from", 2, "into", 2))));
        // the student's name corrected on the survivor (a change request applied): the pair does not follow the name
        long request = given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body("{\"changes\":{\"household\":{\"yearlyIncome\":\"24000.00\",\"rigidCosts\":\"6000.00\",\"members\":["
                        + "{\"id\":1,\"relation\":\"SPOUSE\",\"name\":\"李四\",\"birthDate\":\"1972-05-01\",\"ill\":true},"
                        + "{\"id\":2,\"relation\":\"CHILD\",\"name\":\"张晓明\",\"birthDate\":\"2005-09-01\",\"student\":true}]}},"
                        + "\"reason\":\"更正姓名\"}")
                .post("/api/v1/workers/" + survivor + "/change-requests").then().statusCode(201).extract().jsonPath().getLong("id");
        given().header("Authorization", REVIEWER).contentType(ContentType.JSON).body("{\"approve\":true,\"reason\":\"核实\"}")
                .post("/api/v1/change-requests/" + request + "/decision").then().statusCode(200).body("status", equalTo("APPLIED"));
        for (String role : List.of(REVIEWER, org.unionaid.testsupport.TestTokens.bearer("service"))) {
            given().header("Authorization", role).get("/api/v1/workers/" + survivor).then().statusCode(200)
                    .body("household.members[1].name", role == REVIEWER ? equalTo("张晓明") : org.hamcrest.Matchers.anything())
                    .body("mergedFrom", equalTo(List.of(Map.of("id", (int) from,
                            "members", List.of(Map.of("from", 1, "into", 1), Map.of("from", 2, "into", 2))))));
        }
        assertEquals(2L, Fixtures.count("SELECT count(*) FROM file_merge_member WHERE file_id = " + from + " AND into_file_id = " + survivor));
    }

    @Test
    void aPendingDecisionOnEitherFileRefusesTheMergeUntilItIsDecided() {
        String clerk = clerkOf(tree.community());
        long survivor = Fixtures.activeFile(tree.community(), idNumber(true));
        long from = Fixtures.activeFile(tree.community(), idNumber(false));
        // the survivor proposed for exit by a clerk's review above the line
        long review = given().header("Authorization", clerk).contentType(ContentType.JSON)
                .body("{\"household\":{\"yearlyIncome\":\"200000.00\",\"rigidCosts\":\"0.00\",\"members\":["
                        + "{\"id\":1,\"relation\":\"SPOUSE\",\"name\":\"李四\",\"birthDate\":\"1972-05-01\"},"
                        + "{\"id\":2,\"relation\":\"CHILD\",\"name\":\"张小明\",\"birthDate\":\"2005-09-01\"}]}}")
                .post("/api/v1/workers/" + survivor + "/reviews").then().statusCode(201).body("exitProposed", equalTo(true))
                .extract().jsonPath().getLong("id");
        // from with a change request waiting
        long request = given().header("Authorization", clerk).contentType(ContentType.JSON)
                .body("{\"changes\":{\"mainCause\":\"UNEMPLOYMENT\"},\"reason\":\"失业\"}")
                .post("/api/v1/workers/" + from + "/change-requests").then().statusCode(201).extract().jsonPath().getLong("id");
        List<String> before = List.of(Fixtures.fileState(survivor), Fixtures.fileState(from));
        // both have one: the file merged into is named first
        for (long[] pair : List.of(new long[]{survivor, from}, new long[]{from, survivor})) {
            merge(pair[0], pair[1], REVIEWER, "重复").statusCode(409).contentType(PROBLEM)
                    .body("type", endsWith("file-has-pending-decisions"))
                    .body("detail", org.hamcrest.Matchers.startsWith("File " + pair[0] + " has"));
        }
        given().header("Authorization", REVIEWER).contentType(ContentType.JSON).body("{\"approve\":false,\"reason\":\"仍困难\"}")
                .post("/api/v1/workers/" + survivor + "/reviews/" + review + "/decision").then().statusCode(200);
        merge(survivor, from, REVIEWER, "重复").statusCode(409).body("detail", org.hamcrest.Matchers.startsWith("File " + from + " has"));
        given().header("Authorization", REVIEWER).header("Accept-Language", "zh").contentType(ContentType.JSON)
                .body("{\"from\":" + from + ",\"reason\":\"x\"}").post("/api/v1/workers/" + survivor + "/merge").then()
                .statusCode(409).body("title", equalTo("档案有待决事项"));
        assertEquals(before.get(1), Fixtures.fileState(from));
        given().header("Authorization", REVIEWER).contentType(ContentType.JSON).body("{\"approve\":false,\"reason\":\"不必\"}")
                .post("/api/v1/change-requests/" + request + "/decision").then().statusCode(200);
        // cancelled as a clerk's cancel would: status, closedAt, the reason
        merge(survivor, from, REVIEWER, "同一户重复建档").statusCode(200);
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + from).then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("closedAt", notNullValue()).body("statusReason", equalTo("同一户重复建档"))
                .body("exitProposed", equalTo(false));
    }

    private ValidatableResponse enter(String number) {
        return Fixtures.create(tree.community(), Fixtures.worker(number, tree.community(), "24000.00", "6000.00"));
    }
}
