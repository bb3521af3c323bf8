package org.unionaid.registry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.PostgresResource;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.unionaid.registry.Fixtures.OTHER_REVIEWER;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.registry.MergeTest.merge;
import static org.unionaid.testsupport.TestTokens.bearer;

/** What a merge refuses, each a problem with nothing stored; two merges of one pair at once; the database's own checks. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class MergeRefusalTest extends StationTreeTest {

    private static final String PROBLEM = "application/problem+json";


    @Test
    void badRequestsAreProblemsNamingTheFieldAndChangeNothing() {
        long a = Fixtures.activeFile(tree.community(), idNumber(true));
        long b = Fixtures.activeFile(tree.community(), idNumber(false));
        List<String> before = List.of(Fixtures.fileState(a), Fixtures.fileState(b));
        invalid(a, "{\"from\":" + a + ",\"reason\":\"x\"}", "from");
        invalid(a, "{\"from\":\"abc\",\"reason\":\"x\"}", "from");
        invalid(a, "{\"reason\":\"x\"}", "from");
        invalid(a, "{\"from\":" + b + "}", "reason");
        invalid(a, "{\"from\":" + b + ",\"reason\":\"   \"}", "reason");
        invalid(a, "{\"from\":" + b + ",\"reason\":\"" + "长".repeat(501) + "\"}", "reason");
        invalid(a, "{\"from\":" + b + ",\"reason\":\"a\\u0000b\"}", "reason");
        post(a, REVIEWER, "{\"from\":999999999,\"reason\":\"x\"}").statusCode(404).contentType(PROBLEM)
                .body("type", endsWith("not-found")).body("detail", org.hamcrest.Matchers.containsString("999999999"));
        post(999999998L, REVIEWER, "{\"from\":" + b + ",\"reason\":\"x\"}").statusCode(404).contentType(PROBLEM)
                .body("detail", org.hamcrest.Matchers.containsString("999999998"));
        assertEquals(before, List.of(Fixtures.fileState(a), Fixtures.fileState(b)));
    }

    @Test
    void onlyAReviewerWhoEnteredNeitherFileMerges() {
        long a = Fixtures.activeFile(tree.community(), idNumber(true));
        long b = Fixtures.activeFile(tree.community(), idNumber(false));
        List<String> before = List.of(Fixtures.fileState(a), Fixtures.fileState(b));
        for (String role : List.of(clerkOf(tree.community()), bearer("finance"), bearer("analyst"), bearer("admin"), bearer("service"))) {
            merge(a, b, role, "重复").statusCode(403).contentType(PROBLEM);
        }
        given().contentType(ContentType.JSON).body("{\"from\":" + b + ",\"reason\":\"x\"}").post("/api/v1/workers/" + a + "/merge")
                .then().statusCode(401);
        // a file the reviewer entered himself, as the survivor or as the duplicate
        long own = entered(REVIEWER);
        merge(own, a, REVIEWER, "重复").statusCode(403).contentType(PROBLEM).body("type", endsWith("maker-checker"));
        merge(a, own, REVIEWER, "重复").statusCode(403).body("type", endsWith("maker-checker"));
        assertEquals(before, List.of(Fixtures.fileState(a), Fixtures.fileState(b)));
        merge(a, own, OTHER_REVIEWER, "重复").statusCode(200).body("mergedFrom.id", equalTo(List.of((int) own)));
    }

    @Test
    void closedOrMergedFilesAreNotMerged() {
        long open = Fixtures.activeFile(tree.community(), idNumber(true));
        long cancelled = Fixtures.pendingFile(tree.community(), idNumber(false));
        Fixtures.transition(cancelled, clerkOf(tree.community()), "{\"to\":\"CANCELLED\",\"reason\":\"录错\"}").statusCode(200);
        long exited = Fixtures.activeFile(tree.community(), idNumber(true));
        Fixtures.transition(exited, REVIEWER, "{\"to\":\"EXITED\",\"reason\":\"脱困\",\"exitReason\":\"INCOME_ABOVE_LINE\"}")
                .statusCode(200);
        long rejected = Fixtures.pendingFile(tree.community(), idNumber(false));
        Fixtures.transition(rejected, REVIEWER, "{\"to\":\"REJECTED\",\"reason\":\"不符\"}").statusCode(200);
        long survivor = Fixtures.activeFile(tree.community(), idNumber(true));
        long merged = Fixtures.activeFile(tree.community(), idNumber(false));
        merge(survivor, merged, REVIEWER, "重复").statusCode(200);
        List<String> before = List.of(Fixtures.fileState(open), Fixtures.fileState(cancelled), Fixtures.fileState(exited), Fixtures.fileState(rejected), Fixtures.fileState(survivor), Fixtures.fileState(merged));
        for (long closed : List.of(cancelled, exited, rejected, merged)) {
            String status = closed == exited ? "EXITED" : closed == rejected ? "REJECTED" : "CANCELLED";
            merge(open, closed, REVIEWER, "重复").statusCode(409).contentType(PROBLEM).body("type", endsWith("file-not-mergeable"))
                    .body("detail", equalTo("File " + closed + " is " + status
                            + ": a file is merged into an active file, from a pending, active or temporary one; a file merged already is cancelled."));
            merge(closed, open, REVIEWER, "重复").statusCode(409).body("type", endsWith("file-not-mergeable"));
        }
        given().header("Authorization", REVIEWER).header("Accept-Language", "zh").contentType(ContentType.JSON)
                .body("{\"from\":" + merged + ",\"reason\":\"x\"}").post("/api/v1/workers/" + open + "/merge").then()
                .statusCode(409).body("title", equalTo("档案不能合并"));
        assertEquals(before, List.of(Fixtures.fileState(open), Fixtures.fileState(cancelled), Fixtures.fileState(exited), Fixtures.fileState(rejected), Fixtures.fileState(survivor), Fixtures.fileState(merged)));
    }

    @Test
    void twoMergesOfOnePairInOppositeDirectionsAtOnceMakeOneMergeAndNoCycle() throws Exception {
        for (int round = 0; round < 4; round++) {
            long a = Fixtures.activeFile(tree.community(), idNumber(true));
            long b = Fixtures.activeFile(tree.community(), idNumber(false));
            List<Integer> codes = race(() -> merge(a, b, REVIEWER, "重复").extract().statusCode(),
                    () -> merge(b, a, OTHER_REVIEWER, "重复").extract().statusCode());
            assertEquals(List.of(200, 409), codes.stream().sorted().toList(), "round " + round + ": " + codes);
            long survivor = codes.get(0) == 200 ? a : b;
            long gone = survivor == a ? b : a;
            assertEquals("ACTIVE/null/", Fixtures.fileState(survivor).replaceAll("/\\d+/\\d+$", "/"));
            assertEquals("CANCELLED/" + survivor + "/", Fixtures.fileState(gone).replaceAll("/\\d+/\\d+$", "/"));
        }
    }

    @Test
    void theDatabaseRefusesAMergeIntoItselfAnOpenMergedFileAndAChain() throws SQLException {
        long a = Fixtures.activeFile(tree.community(), idNumber(true));
        long b = Fixtures.activeFile(tree.community(), idNumber(false));
        long c = Fixtures.activeFile(tree.community(), idNumber(true));
        Fixtures.refusedByACheck("UPDATE hardship_file SET status = 'CANCELLED', closed_at = now(), merged_into = id WHERE id = " + a);
        Fixtures.refusedByACheck("UPDATE hardship_file SET merged_into = " + b + " WHERE id = " + a);
        merge(b, a, REVIEWER, "重复").statusCode(200);
        // into a file that is itself merged, and a file merged while another still points to it
        Fixtures.refusedByACheck("UPDATE hardship_file SET status = 'CANCELLED', closed_at = now(), merged_into = " + a + " WHERE id = " + c);
        Fixtures.refusedByACheck("UPDATE hardship_file SET status = 'CANCELLED', closed_at = now(), merged_into = " + c + " WHERE id = " + b);
        assertEquals("CANCELLED/" + b + "/", Fixtures.fileState(a).replaceAll("/\\d+/\\d+$", "/"));
        assertEquals("ACTIVE/null/", Fixtures.fileState(c).replaceAll("/\\d+/\\d+$", "/"));
    }

    private void invalid(long id, String body, String field) {
        post(id, REVIEWER, body).statusCode(400).contentType(PROBLEM).body("violations[0].field", equalTo(field));
    }

    private static ValidatableResponse post(long id, String authorization, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .post("/api/v1/workers/" + id + "/merge").then();
    }

    /** A pending file entered by {@code authorization} itself. */
    private long entered(String authorization) {
        Fixtures.minimumLivingStandard();
        return given().header("Authorization", authorization).contentType(ContentType.JSON)
                .body(Fixtures.worker(idNumber(false), tree.community(), "24000.00", "6000.00")).post("/api/v1/workers")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Both calls on real threads, released at once; their answers in order. */
    @SafeVarargs
    private static List<Integer> race(java.util.concurrent.Callable<Integer>... calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (java.util.concurrent.Callable<Integer> call : calls) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                codes.add(answer.get());
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }
}
