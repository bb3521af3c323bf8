package org.unionaid.registry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.PostgresResource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.unionaid.registry.Fixtures.OTHER_REVIEWER;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.etag;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.registry.Fixtures.lastFeedSeq;
import static org.unionaid.testsupport.TestTokens.bearer;

/** Change requests of ACTIVE files: proposed by the station, decided by a reviewer who did not ask. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ChangeRequestTest extends StationTreeTest {

    /** Per-capita (54,000 - 0) / 12 / 3 = 1,500 against a 低保 of 1,000: RELATIVE (the file starts DEEP at 500). */
    private static final String RAISE = "{\"changes\":{\"household\":{\"yearlyIncome\":\"54000.00\",\"rigidCosts\":\"0.00\","
            + "\"members\":[{\"id\":1,\"relation\":\"SPOUSE\",\"name\":\"李四\",\"birthDate\":\"1972-05-01\",\"ill\":true},"
            + "{\"id\":2,\"relation\":\"CHILD\",\"name\":\"张小明\",\"birthDate\":\"2005-09-01\",\"student\":true}]}},"
            + "\"reason\":\"妻子重新就业\"}";


    @Test
    void patchOfAnActiveFilesHouseholdCausesOrStationIsRefusedButItsPhoneChanges() {
        long id = Fixtures.activeFile(tree.community(), idNumber(true));
        String clerk = clerkOf(tree.community());
        for (String body : List.of("{\"household\":{\"yearlyIncome\":\"54000.00\",\"rigidCosts\":\"0.00\",\"members\":[]}}",
                "{\"mainCause\":\"UNEMPLOYMENT\"}", "{\"otherCauses\":[]}", "{\"stationCode\":\"" + tree.otherCommunity() + "\"}")) {
            given().header("Authorization", clerk).header("If-Match", etag(id)).contentType(ContentType.JSON).body(body)
                    .patch("/api/v1/workers/" + id).then().statusCode(409).contentType("application/problem+json")
                    .body("type", endsWith("use-change-request"));
        }
        given().header("Authorization", clerk).header("If-Match", etag(id)).contentType(ContentType.JSON)
                .body("{\"phone\":\"13900000000\"}").patch("/api/v1/workers/" + id).then().statusCode(200)
                .body("phone", equalTo("13900000000")).body("category", equalTo("DEEP")).body("mainCause", equalTo("ILLNESS"));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id + "/history").then()
                .body("items.find { it.action == 'UPDATED' }.changes.phone.before", equalTo("13800000000"))
                .body("items.find { it.action == 'UPDATED' }.changes.phone.after", equalTo("13900000000"));
    }

    @Test
    void aReviewerWhoDidNotAskAppliesTheChangeAndTheCategoryFeedVersionAndHistoryFollow() {
        long id = Fixtures.activeFile(tree.community(), idNumber(false));
        String before = etag(id);
        long seq = lastFeedSeq();
        ValidatableResponse created = propose(id, clerkOf(tree.community()), RAISE).statusCode(201)
                .body("status", equalTo("PENDING")).body("fileId", equalTo((int) id))
                .body("changedFields", equalTo(List.of("household")))
                .body("changes.household.yearlyIncome", equalTo("54000.00"))
                .body("changes.household.members.name", equalTo(List.of("李四", "张小明")))
                .body("reason", equalTo("妻子重新就业"));
        long request = created.extract().jsonPath().getLong("id");
        created.header("Location", endsWith("/api/v1/change-requests/" + request));
        // nothing changes until a reviewer decides
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then()
                .body("category", equalTo("DEEP")).header("ETag", equalTo(before));

        decide(request, clerkOf(tree.community()), "{\"approve\":true}").statusCode(403);
        decide(request, REVIEWER, "{\"approve\":true,\"reason\":\"核实无误\"}").statusCode(200)
                .body("status", equalTo("APPLIED")).body("decidedBy", equalTo("reviewer-wang"))
                .body("decisionReason", equalTo("核实无误"));
        String after = given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then()
                .body("category", equalTo("RELATIVE")).body("perCapitaMonthlyIncome", equalTo("1500.00"))
                .body("household.members.id", equalTo(List.of(1, 2)))
                .extract().header("ETag");
        assertNotEquals(before, after, "the file's version moves on");
        given().header("Authorization", bearer("service")).queryParam("after", seq).get("/api/v1/feed/workers").then()
                .body("items.findAll { it.fileId == " + id + " }.category", equalTo(List.of("RELATIVE")));
        given().header("Authorization", clerkOf(tree.community())).get("/api/v1/workers/" + id + "/history").then()
                .body("items.action", hasItem("CHANGE_REQUESTED"))
                .body("items.find { it.action == 'CHANGE_APPLIED' }.actor", equalTo("reviewer-wang"))
                .body("items.find { it.action == 'CHANGE_APPLIED' }.changedFields", equalTo(List.of("household")))
                .body("items.find { it.action == 'CHANGE_APPLIED' }.changes.household.before.yearlyIncome", equalTo("24000.00"))
                .body("items.find { it.action == 'CHANGE_APPLIED' }.changes.household.after.yearlyIncome", equalTo("54000.00"))
                .body("items.find { it.action == 'CHANGE_APPLIED' }.changes.household.before.rigidCosts", equalTo("6000.00"));
        decide(request, OTHER_REVIEWER, "{\"approve\":false,\"reason\":\"late\"}").statusCode(409)
                .body("type", endsWith("change-request-decided"));
    }

    @Test
    void whoeverAskedDoesNotDecideAndARejectionChangesNothingButTheRequest() {
        long id = Fixtures.activeFile(tree.community(), idNumber(true));
        String body = "{\"changes\":{\"mainCause\":\"UNEMPLOYMENT\",\"stationCode\":\"" + tree.otherCommunity() + "\"}}";
        long request = propose(id, REVIEWER, body).statusCode(201)
                .body("changedFields", equalTo(List.of("mainCause", "stationCode"))).extract().jsonPath().getLong("id");
        decide(request, REVIEWER, "{\"approve\":true}").statusCode(403).body("type", endsWith("maker-checker"));
        decide(request, OTHER_REVIEWER, "{\"approve\":false}").statusCode(400)
                .body("violations[0].field", equalTo("reason"));
        decide(request, OTHER_REVIEWER, "{\"approve\":false,\"reason\":\"证明材料不足\"}").statusCode(200)
                .body("status", equalTo("REJECTED"));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then()
                .body("mainCause", equalTo("ILLNESS")).body("stationCode", equalTo(tree.community()));
        // decided: a new request may be made, by a clerk whose stations hold the new one
        propose(id, clerkOf(tree.community()), body).statusCode(403).body("type", endsWith("station-out-of-scope"));
        long second = propose(id, clerkOf(tree.district()), body).statusCode(201).extract().jsonPath().getLong("id");
        decide(second, REVIEWER, "{\"approve\":true}").statusCode(200).body("status", equalTo("APPLIED"));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then()
                .body("mainCause", equalTo("UNEMPLOYMENT")).body("stationCode", equalTo(tree.otherCommunity()));
        // the file moved: its old station's clerk no longer sees it
        given().header("Authorization", clerkOf(tree.community())).get("/api/v1/workers/" + id).then().statusCode(404);
    }

    @Test
    void aChangeThatChangesNothingAFieldNotChangeableOrAClosedOrPendingFileIsRefusedAndNothingStored() {
        long id = Fixtures.activeFile(tree.community(), idNumber(false));
        String clerk = clerkOf(tree.community());
        propose(id, clerk, "{\"changes\":{\"mainCause\":\"ILLNESS\",\"otherCauses\":[\"CHILD_EDUCATION\"]}}").statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("changes"));
        propose(id, clerk, "{\"changes\":{}}").statusCode(400).body("violations[0].field", equalTo("changes"));
        propose(id, clerk, "{\"changes\":{\"name\":\"王五\"}}").statusCode(400)
                .body("violations[0].field", equalTo("changes.name"));
        propose(id, clerk, "{\"changes\":{\"mainCause\":\"NOT_A_CAUSE\"}}").statusCode(400);
        propose(id, clerk, "{\"reason\":\"x\"}").statusCode(400).body("violations[0].field", equalTo("changes"));
        propose(id, clerk, "{\"changes\":{\"household\":{\"yearlyIncome\":\"900000.00\",\"rigidCosts\":\"0.00\"}}}")
                .statusCode(422).body("type", endsWith("income-above-line"));
        propose(id, clerk, "{\"changes\":{\"stationCode\":\"NO-SUCH\"}}").statusCode(422);
        propose(id, clerkOf(tree.otherCommunity()), RAISE).statusCode(404);
        propose(id, bearerOf("finance"), RAISE).statusCode(403);
        assertEquals(0, Fixtures.count("SELECT count(*) FROM change_request WHERE file_id = " + id), "nothing stored");

        long pending = Fixtures.pendingFile(tree.community(), idNumber(true));
        propose(pending, clerk, RAISE).statusCode(409).body("type", endsWith("change-request-not-active"));

        propose(id, clerk, RAISE).statusCode(201);
        propose(id, clerk, "{\"changes\":{\"mainCause\":\"DISASTER\"}}").statusCode(409)
                .body("type", endsWith("change-request-pending"));
        assertEquals(1, Fixtures.count("SELECT count(*) FROM change_request WHERE file_id = " + id));
    }

    @Test
    void aFileChangedSinceTheRequestIsNotChangedByItButTheRequestCanBeRejected() {
        long id = Fixtures.activeFile(tree.community(), idNumber(true));
        long request = propose(id, clerkOf(tree.community()), RAISE).statusCode(201).extract().jsonPath().getLong("id");
        given().header("Authorization", clerkOf(tree.community())).header("If-Match", etag(id)).contentType(ContentType.JSON)
                .body("{\"phone\":\"13700000000\"}").patch("/api/v1/workers/" + id).then().statusCode(200);
        decide(request, REVIEWER, "{\"approve\":true}").statusCode(409).body("type", endsWith("file-changed"));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then().body("category", equalTo("DEEP"));
        decide(request, REVIEWER, "{\"approve\":false,\"reason\":\"档案已变动\"}").statusCode(200)
                .body("status", equalTo("REJECTED"));
    }

    @Test
    void twoReviewersDecidingAtOnceMakeOneDecision() throws Exception {
        long id = Fixtures.activeFile(tree.community(), idNumber(false));
        long request = propose(id, clerkOf(tree.community()), RAISE).statusCode(201).extract().jsonPath().getLong("id");
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String reviewer = i % 2 == 0 ? REVIEWER : OTHER_REVIEWER;
            String body = i % 3 == 0 ? "{\"approve\":false,\"reason\":\"no\"}" : "{\"approve\":true}";
            results.add(pool.submit(() -> {
                start.await();
                return decide(request, reviewer, body).extract().statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "one decision: " + statuses);
        assertEquals(threads - 1, statuses.stream().filter(s -> s == 409).count(), "the others find it decided: " + statuses);
        List<String> decisions = given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id + "/history")
                .then().extract().jsonPath().getList("items.findAll { it.action == 'CHANGE_APPLIED' || it.action == 'CHANGE_REJECTED' }.action");
        assertEquals(1, decisions.size(), "one history entry of the decision: " + decisions);
    }

    @Test
    void listsAreStationScopedPagedAndShowNoValuesWhileAFilesRequestsAndEachReadAreLogged() {
        long here = Fixtures.activeFile(tree.community(), idNumber(true));
        long there = Fixtures.activeFile(tree.otherCommunity(), idNumber(false));
        long mine = propose(here, clerkOf(tree.community()), RAISE).statusCode(201).extract().jsonPath().getLong("id");
        long theirs = propose(there, clerkOf(tree.otherCommunity()), RAISE).statusCode(201).extract().jsonPath().getLong("id");
        given().header("Authorization", clerkOf(tree.community())).queryParam("status", "PENDING")
                .get("/api/v1/change-requests").then().statusCode(200)
                .body("items.id", hasItem((int) mine)).body("items.id", not(hasItem((int) theirs)))
                .body("items.find { it.id == " + mine + " }.changes", nullValue())
                .body("items.find { it.id == " + mine + " }.reason", nullValue())
                .body("items.find { it.id == " + mine + " }.changedFields", equalTo(List.of("household")));
        given().header("Authorization", REVIEWER).queryParam("station", tree.district()).queryParam("limit", 1)
                .get("/api/v1/change-requests").then().statusCode(200).body("items", hasSize(1))
                .header("Link", org.hamcrest.Matchers.containsString("rel=\"next\""));
        given().header("Authorization", REVIEWER).queryParam("station", tree.otherCommunity())
                .get("/api/v1/change-requests").then().body("items.id", equalTo(List.of((int) theirs)));
        given().header("Authorization", REVIEWER).queryParam("status", "APPLIED").queryParam("station", tree.district())
                .get("/api/v1/change-requests").then().body("items", hasSize(0));
        given().header("Authorization", REVIEWER).queryParam("status", "LOST").get("/api/v1/change-requests")
                .then().statusCode(400).body("violations[0].field", equalTo("status"));
        given().header("Authorization", clerkOf(tree.community())).get("/api/v1/change-requests/" + theirs).then().statusCode(404);
        given().header("Authorization", clerkOf(tree.community())).get("/api/v1/workers/" + there + "/change-requests")
                .then().statusCode(404);
        given().header("Authorization", clerkOf(tree.community())).get("/api/v1/workers/" + here + "/change-requests")
                .then().statusCode(200).body("items.changes.household.yearlyIncome", equalTo(List.of("54000.00")));
        given().header("Authorization", bearerOf("finance")).get("/api/v1/change-requests").then().statusCode(403);
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + here + "/access-log").then()
                .body("items.purpose", hasItem("CHANGE_REQUEST")).body("items.purpose", hasItem("CHANGE_REQUESTS"));
    }

    private static ValidatableResponse propose(long fileId, String authorization, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .post("/api/v1/workers/" + fileId + "/change-requests").then();
    }

    private static ValidatableResponse decide(long requestId, String authorization, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .post("/api/v1/change-requests/" + requestId + "/decision").then();
    }

    private static String bearerOf(String role) {
        return bearer(role);
    }
}
