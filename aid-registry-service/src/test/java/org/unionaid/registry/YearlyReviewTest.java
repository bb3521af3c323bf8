package org.unionaid.registry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.PostgresResource;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
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
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.registry.Fixtures.OTHER_REVIEWER;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.etag;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.registry.Fixtures.lastFeedSeq;
import static org.unionaid.testsupport.TestTokens.bearer;
import static org.unionaid.testsupport.TestTokens.token;

/** Yearly reviews as proposals: a reviewer decides a clerk's; above the line the file is exitProposed meanwhile. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class YearlyReviewTest extends StationTreeTest {

    /** Per-capita (54,000 - 0) / 12 / 3 = 1,500 against a 低保 of 1,000: RELATIVE (the file starts DEEP at 500). */
    private static final String WITHIN = "{\"household\":{\"yearlyIncome\":\"54000.00\",\"rigidCosts\":\"0.00\",\"members\":["
            + "{\"id\":1,\"relation\":\"SPOUSE\",\"name\":\"李四\",\"birthDate\":\"1972-05-01\"},"
            + "{\"id\":2,\"relation\":\"CHILD\",\"name\":\"张小明\",\"birthDate\":\"2005-09-01\"}]},\"note\":\"妻子重新就业\"}";
    /** Per-capita 200,000 / 12 / 3 = 5,555.56: above twice the 低保. */
    private static final String ABOVE = "{\"household\":{\"yearlyIncome\":\"200000.00\",\"rigidCosts\":\"0.00\",\"members\":["
            + "{\"id\":1,\"relation\":\"SPOUSE\",\"name\":\"李四\",\"birthDate\":\"1972-05-01\"},"
            + "{\"id\":2,\"relation\":\"CHILD\",\"name\":\"张小明\",\"birthDate\":\"2005-09-01\"}]}}";


    @Test
    void aClerksReviewWithinTheLineChangesNothingUntilAReviewerAppliesIt() {
        long id = Fixtures.activeFile(tree.community(), idNumber(true));
        String clerk = clerkOf(tree.community());
        ValidatableResponse filed = file(id, clerk, WITHIN).statusCode(201).contentType(ContentType.JSON)
                .body("status", equalTo("PENDING")).body("outcome", equalTo("ELIGIBLE"))
                .body("category", equalTo("RELATIVE")).body("perCapitaMonthlyIncome", equalTo("1500.00"))
                .body("household.yearlyIncome", equalTo("54000.00")).body("exitProposed", equalTo(false))
                .body("filedBy", equalTo("clerk-" + tree.community())).body("decidedBy", nullValue());
        long review = filed.extract().jsonPath().getLong("id");
        filed.header("Location", endsWith("/api/v1/workers/" + id + "/reviews/" + review));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then()
                .body("category", equalTo("DEEP")).body("household.yearlyIncome", equalTo("24000.00"));

        decide(id, review, clerk, "{\"approve\":true}").statusCode(403).body("type", endsWith("reviewer-decides"));
        decide(id, review, REVIEWER, "{\"approve\":true,\"reason\":\"核实无误\"}").statusCode(200)
                .body("status", equalTo("APPLIED")).body("decidedBy", equalTo("reviewer-wang"))
                .body("decisionReason", equalTo("核实无误"))
                .body("nextReviewDue", equalTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusYears(1).toString()));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then()
                .body("category", equalTo("RELATIVE")).body("perCapitaMonthlyIncome", equalTo("1500.00"))
                .body("household.members.id", equalTo(List.of(1, 2)));
        given().header("Authorization", clerk).get("/api/v1/workers/" + id + "/history").then()
                .body("items.find { it.action == 'REVIEW' }.note", equalTo("妻子重新就业"))
                .body("items.find { it.action == 'REVIEW_APPLIED' }.changes.household.before.yearlyIncome", equalTo("24000.00"))
                .body("items.find { it.action == 'REVIEW_APPLIED' }.changes.household.after.yearlyIncome", equalTo("54000.00"))
                .body("items.find { it.action == 'REVIEW_APPLIED' }.changes.category.before", equalTo("DEEP"))
                .body("items.find { it.action == 'REVIEW_APPLIED' }.changes.category.after", equalTo("RELATIVE"));
        decide(id, review, OTHER_REVIEWER, "{\"approve\":false,\"reason\":\"late\"}").statusCode(409)
                .body("type", endsWith("review-decided"));
    }

    @Test
    void aHouseholdAboveTheLineIsExitProposedUntilAReviewerKeepsTheFile() {
        long id = Fixtures.activeFile(tree.community(), idNumber(false));
        long review = file(id, clerkOf(tree.community()), ABOVE).statusCode(201)
                .body("outcome", equalTo("ABOVE_LINE")).body("category", nullValue()).body("exitProposed", equalTo(true))
                .extract().jsonPath().getLong("id");
        // the service read that disbursement decides on, and the staff views and lists, say so
        given().header("Authorization", bearer("service")).get("/api/v1/workers/" + id).then().statusCode(200)
                .body("exitProposed", equalTo(true)).body("status", equalTo("ACTIVE")).body("category", equalTo("DEEP"));
        given().header("Authorization", clerkOf(tree.community())).queryParam("station", tree.community())
                .get("/api/v1/workers").then().body("items.find { it.id == " + id + " }.exitProposed", equalTo(true));

        decide(id, review, REVIEWER, "{\"approve\":false}").statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("reason"));
        decide(id, review, REVIEWER, "{\"approve\":false,\"reason\":\"一次性拆迁补偿\"}").statusCode(200)
                .body("status", equalTo("KEPT")).body("exitProposed", equalTo(false));
        given().header("Authorization", bearer("service")).get("/api/v1/workers/" + id).then()
                .body("exitProposed", equalTo(false)).body("status", equalTo("ACTIVE")).body("category", equalTo("DEEP"))
                .body("household.yearlyIncome", equalTo("24000.00"))
                .body("nextReviewDue", equalTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusYears(1).toString()));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id + "/history").then()
                .body("items.find { it.action == 'REVIEW_KEPT' }.reason", equalTo("一次性拆迁补偿"))
                .body("items.find { it.action == 'REVIEW' }.reason", equalTo("ABOVE_LINE"));
    }

    @Test
    void aReviewerWhoApprovesAnAboveLineReviewExitsTheFileAndTheFeedSaysSo() {
        long id = Fixtures.activeFile(tree.community(), idNumber(true));
        long seq = lastFeedSeq();
        long review = file(id, clerkOf(tree.community()), ABOVE).statusCode(201).extract().jsonPath().getLong("id");
        decide(id, review, REVIEWER, "{\"approve\":true,\"reason\":\"收入超标\"}").statusCode(200)
                .body("status", equalTo("EXITED")).body("exitProposed", equalTo(false));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then()
                .body("status", equalTo("EXITED")).body("exitReason", equalTo("INCOME_ABOVE_LINE"))
                .body("statusReason", equalTo("收入超标")).body("exitProposed", equalTo(false));
        given().header("Authorization", bearer("service")).queryParam("after", seq).get("/api/v1/feed/workers").then()
                .body("items.findAll { it.fileId == " + id + " }.status", equalTo(List.of("EXITED")))
                .body("items.findAll { it.fileId == " + id + " }.exitReason", equalTo(List.of("INCOME_ABOVE_LINE")));
        file(id, clerkOf(tree.community()), WITHIN).statusCode(409).body("type", endsWith("review-not-active"));
    }

    @Test
    void aReviewersOwnReviewWithinTheLineAppliesAtOnceButAboveTheLineWaits() {
        long id = Fixtures.activeFile(tree.community(), idNumber(false));
        file(id, REVIEWER, WITHIN).statusCode(201).body("status", equalTo("APPLIED"))
                .body("decidedBy", equalTo("reviewer-wang"));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then().body("category", equalTo("RELATIVE"));
        long above = file(id, REVIEWER, ABOVE).statusCode(201).body("status", equalTo("PENDING"))
                .body("exitProposed", equalTo(true)).extract().jsonPath().getLong("id");
        // he may decide it himself: exiting a file is a reviewer's move anyway
        decide(id, above, REVIEWER, "{\"approve\":false,\"reason\":\"临时收入\"}").statusCode(200).body("status", equalTo("KEPT"));
    }

    @Test
    void whoeverFiledAClerksReviewDoesNotDecideItNorDoesTheDatabaseLetHim() throws SQLException {
        long id = Fixtures.activeFile(tree.community(), idNumber(true));
        String clerk = "clerk-" + tree.community();
        long review = file(id, clerkOf(tree.community()), WITHIN).statusCode(201).extract().jsonPath().getLong("id");
        // the same person holding the reviewer's role
        decide(id, review, "Bearer " + token("reviewer", null, clerk), "{\"approve\":true}").statusCode(403)
                .body("type", endsWith("maker-checker"));
        Fixtures.refusedByACheck("UPDATE file_review SET status = 'APPLIED', decided_by = filed_by, decided_at = now() WHERE id = "
                + review, "the filer deciding his own review");
        Fixtures.refusedByACheck("UPDATE hardship_file SET exit_proposed = true WHERE id = " + id,
                "no exit proposed without a pending review above the line");
        decide(id, review, OTHER_REVIEWER, "{\"approve\":true}").statusCode(200).body("status", equalTo("APPLIED"));
    }

    @Test
    void aFileChangedSinceTheReviewIsNotChangedByItButTheReviewCanBeRejected() {
        long id = Fixtures.activeFile(tree.community(), idNumber(false));
        long review = file(id, clerkOf(tree.community()), WITHIN).statusCode(201).extract().jsonPath().getLong("id");
        given().header("Authorization", clerkOf(tree.community())).header("If-Match", etag(id)).contentType(ContentType.JSON)
                .body("{\"phone\":\"13700000000\"}").patch("/api/v1/workers/" + id).then().statusCode(200);
        decide(id, review, REVIEWER, "{\"approve\":true}").statusCode(409).body("type", endsWith("file-changed"));
        decide(id, review, REVIEWER, "{\"approve\":false}").statusCode(400).body("violations[0].field", equalTo("reason"));
        decide(id, review, REVIEWER, "{\"approve\":false,\"reason\":\"档案已变动\"}").statusCode(200)
                .body("status", equalTo("REJECTED"));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then()
                .body("category", equalTo("DEEP")).body("household.yearlyIncome", equalTo("24000.00"));
        // decided: the next review may be filed
        file(id, clerkOf(tree.community()), WITHIN).statusCode(201);
    }

    @Test
    void aFileExitedByATransitionClosesItsPendingReview() {
        long id = Fixtures.activeFile(tree.community(), idNumber(true));
        long review = file(id, clerkOf(tree.community()), ABOVE).statusCode(201).extract().jsonPath().getLong("id");
        Fixtures.transition(id, OTHER_REVIEWER, "{\"to\":\"EXITED\",\"exitReason\":\"DEATH\",\"reason\":\"病故\"}")
                .statusCode(200).body("status", equalTo("EXITED")).body("exitProposed", equalTo(false));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id + "/reviews/" + review).then().statusCode(200)
                .body("status", equalTo("EXITED")).body("decidedBy", equalTo("reviewer-li"));
    }

    @Test
    void badInputOtherStationsAndSecondReviewsAreRefusedAndNothingIsStored() {
        long id = Fixtures.activeFile(tree.community(), idNumber(false));
        String clerk = clerkOf(tree.community());
        file(id, clerk, "{\"household\":{\"yearlyIncome\":\"-1\",\"rigidCosts\":\"0.00\"}}").statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("household.yearlyIncome"));
        file(id, clerk, "{}").statusCode(400).body("violations[0].field", equalTo("household"));
        file(id, clerkOf(tree.otherCommunity()), WITHIN).statusCode(404);
        file(id, bearer("finance"), WITHIN).statusCode(403);
        file(Fixtures.pendingFile(tree.community(), idNumber(true)), clerk, WITHIN).statusCode(409)
                .body("type", endsWith("review-not-active"));
        assertEquals(0, Fixtures.count("SELECT count(*) FROM file_review WHERE file_id = " + id), "nothing stored");

        long review = file(id, clerk, ABOVE).statusCode(201).extract().jsonPath().getLong("id");
        file(id, clerk, WITHIN).statusCode(409).body("type", endsWith("review-pending"));
        decide(id, review, REVIEWER, "{}").statusCode(400).body("violations[0].field", equalTo("approve"));
        decide(id, review, REVIEWER, "{\"approve\":\"perhaps\"}").statusCode(400);
        decide(id, review + 1000, REVIEWER, "{\"approve\":true}").statusCode(404);
        decide(Fixtures.activeFile(tree.community(), idNumber(true)), review, REVIEWER, "{\"approve\":true}").statusCode(404);
        given().header("Authorization", clerkOf(tree.otherCommunity())).get("/api/v1/workers/" + id + "/reviews/" + review)
                .then().statusCode(404);
        assertEquals(1, Fixtures.count("SELECT count(*) FROM file_review WHERE file_id = " + id));
        given().header("Authorization", clerk).get("/api/v1/workers/" + id + "/reviews").then().statusCode(200)
                .body("items.id", equalTo(List.of((int) review))).body("items[0].household.yearlyIncome", equalTo("200000.00"));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id + "/access-log").then()
                .body("items.purpose", hasItem("REVIEW")).body("items.purpose", hasItem("REVIEWS"));
    }

    @Test
    void racingFilingsMakeOneReviewAndRacingDecisionsOneDecision() throws Exception {
        long id = Fixtures.activeFile(tree.community(), idNumber(false));
        List<Integer> filings = race(6, i -> file(id, clerkOf(tree.community()), i % 2 == 0 ? ABOVE : WITHIN).extract().statusCode());
        assertEquals(1, filings.stream().filter(s -> s == 201).count(), "one review: " + filings);
        assertEquals(5, filings.stream().filter(s -> s == 409).count(), "the others find it pending: " + filings);
        long review = given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id + "/reviews").then()
                .extract().jsonPath().getLong("items[0].id");
        List<Integer> decisions = race(6, i -> decide(id, review, i % 2 == 0 ? REVIEWER : OTHER_REVIEWER,
                i % 3 == 0 ? "{\"approve\":false,\"reason\":\"no\"}" : "{\"approve\":true}").extract().statusCode());
        assertEquals(1, decisions.stream().filter(s -> s == 200).count(), "one decision: " + decisions);
        assertEquals(5, decisions.stream().filter(s -> s == 409).count(), "the others find it decided: " + decisions);
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then().body("exitProposed", equalTo(false));
        var history = given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id + "/history").then()
                .extract().jsonPath();
        List<String> entries = history.getList("items.action");
        assertEquals(1, entries.stream().filter(a -> a.equals("REVIEW")).count(), "one filing: " + entries);
        List<String> decided = history.getList("items.findAll { it.action.startsWith('REVIEW_') || it.toStatus == 'EXITED' }.action");
        assertEquals(1, decided.size(), "one decision in the history: " + entries);
        assertEquals(1, Fixtures.count("SELECT count(*) FROM file_review WHERE file_id = " + id));
    }

    private interface Call {
        int status(int i) throws Exception;
    }

    private static List<Integer> race(int threads, Call call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                start.await();
                return call.status(n);
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();
        return statuses;
    }

    private static ValidatableResponse file(long fileId, String authorization, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .post("/api/v1/workers/" + fileId + "/reviews").then();
    }

    private static ValidatableResponse decide(long fileId, long reviewId, String authorization, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .post("/api/v1/workers/" + fileId + "/reviews/" + reviewId + "/decision").then();
    }
}
