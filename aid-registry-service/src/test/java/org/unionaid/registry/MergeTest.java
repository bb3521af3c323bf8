package org.unionaid.registry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.registry.client.PayoutFeedApi.Item;
import org.unionaid.registry.feed.PayoutApplier;
import org.unionaid.testsupport.PostgresResource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.registry.Fixtures.lastFeedSeq;
import static org.unionaid.testsupport.TestTokens.bearer;

/** A reviewer merges a duplicate file into a surviving one: statuses, views, history, feed and the aid that follows. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class MergeTest {

    private static final AtomicLong PAYOUT = new AtomicLong(System.nanoTime() % 1_000_000 * 1000 + 7);
    /** The duplicate's household: the survivor's child (same name and birth date) and a grandmother it does not list. */
    private static final String OTHER_MEMBERS = "\"members\":[{\"relation\":\"SIBLING\",\"name\":\"张小明\",\"birthDate\":\"2005-09-01\","
            + "\"student\":true},{\"relation\":\"PARENT\",\"name\":\"王五\",\"birthDate\":\"1950-01-01\"}]}";

    @Inject
    PayoutApplier payouts;

    private Fixtures.Tree tree;

    @BeforeEach
    void stations() {
        tree = Fixtures.stations();
    }

    @Test
    void theDuplicateIsCancelledIntoTheSurvivorWithItsEarlierMergesItsMembersPairedAndItsHistoryAndFeed() {
        long survivor = Fixtures.activeFile(tree.community(), idNumber(true));
        long duplicate = duplicate(tree.otherCommunity());
        // the duplicate is a survivor first: an active file
        Fixtures.passAllChecks(duplicate, tree.otherCommunity());
        Fixtures.transition(duplicate, REVIEWER, "{\"to\":\"ACTIVE\",\"reason\":\"checks passed\"}").statusCode(200);
        long earlier = Fixtures.activeFile(tree.community(), idNumber(false));
        pay(survivor, "2026-03-01T02:00:00Z");
        pay(duplicate, "2026-04-01T02:00:00Z");
        merge(duplicate, earlier, REVIEWER, "先合并的重复档案").statusCode(200)
                .body("mergedFrom.id", equalTo(List.of((int) earlier)));
        long seq = lastFeedSeq();

        merge(survivor, duplicate, REVIEWER, "同一户重复建档").statusCode(200)
                .body("id", equalTo((int) survivor)).body("status", equalTo("ACTIVE")).body("mergedInto", nullValue())
                .body("mergedFrom.id", equalTo(List.of((int) duplicate, (int) earlier)))
                // the child is the survivor's member 2; the grandmother has no match and is not listed
                .body("mergedFrom[0].members", equalTo(List.of(Map.of("from", 1, "into", 2))))
                // the earlier duplicate has the survivor's own household (Fixtures.worker): both members pair
                .body("mergedFrom[1].members", equalTo(List.of(Map.of("from", 1, "into", 1), Map.of("from", 2, "into", 2))))
                .body("lastAidedAt", equalTo("2026-04-01T02:00:00Z"));

        for (long merged : List.of(duplicate, earlier)) {
            given().header("Authorization", REVIEWER).get("/api/v1/workers/" + merged).then().statusCode(200)
                    .body("status", equalTo("CANCELLED")).body("mergedInto", equalTo((int) survivor))
                    .body("mergedFrom", equalTo(List.of()));
        }
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + duplicate).then()
                .body("statusReason", equalTo("同一户重复建档"));

        ValidatableResponse history = history(duplicate);
        history.body("items[-1].action", equalTo("MERGED_INTO")).body("items[-1].fromStatus", equalTo("ACTIVE"))
                .body("items[-1].toStatus", equalTo("CANCELLED")).body("items[-1].reason", equalTo("同一户重复建档"))
                .body("items[-1].actor", equalTo("reviewer-wang"))
                .body("items[-1].changes.mergedInto.before", nullValue())
                .body("items[-1].changes.mergedInto.after", equalTo((int) survivor))
                .body("items[-2].action", equalTo("MERGED_FROM"));
        history(survivor).body("items[-1].action", equalTo("MERGED_FROM")).body("items[-1].changedFields",
                        equalTo(List.of("mergedFrom", "lastAidedAt")))
                .body("items[-1].changes.mergedFrom.before", equalTo(List.of()))
                .body("items[-1].changes.mergedFrom.after", equalTo(List.of((int) duplicate, (int) earlier)))
                .body("items[-1].changes.lastAidedAt.before", equalTo("2026-03-01T02:00:00Z"))
                .body("items[-1].changes.lastAidedAt.after", equalTo("2026-04-01T02:00:00Z"));
        history(earlier).body("items[-1].action", equalTo("MERGED_INTO")).body("items[-1].toStatus", nullValue())
                .body("items[-1].changes.mergedInto.before", equalTo((int) duplicate))
                .body("items[-1].changes.mergedInto.after", equalTo((int) survivor))
                .body("items[-2].changes.mergedInto.after", equalTo((int) duplicate));

        // the feed: the duplicate and the re-pointed file, cancelled into the survivor; the survivor's state is unchanged
        List<Map<String, Object>> items = given().header("Authorization", bearer("service")).queryParam("after", seq)
                .queryParam("limit", 1000).get("/api/v1/feed/workers").then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(List.of(List.of((int) duplicate, "CANCELLED", (int) survivor), List.of((int) earlier, "CANCELLED", (int) survivor)),
                items.stream().map(i -> List.of(i.get("fileId"), i.get("status"), i.get("mergedInto"))).toList());
        assertFalse(items.stream().anyMatch(i -> i.containsKey("name") || i.containsKey("idNumber")));
    }

    @Test
    void aidPaidToTheMergedFileLaterMovesTheSurvivorAndABounceGoesBackToTheLatestOfBoth() {
        long survivor = Fixtures.activeFile(tree.community(), idNumber(true));
        long duplicate = Fixtures.activeFile(tree.community(), idNumber(false));
        pay(duplicate, "2026-02-01T00:00:00Z");
        assertEquals(List.of((int) survivor), neverAided(), "the survivor is never aided before the merge");
        merge(survivor, duplicate, REVIEWER, "重复").statusCode(200).body("lastAidedAt", equalTo("2026-02-01T00:00:00Z"));
        assertEquals(List.of(), neverAided(), "the duplicate's aid is the survivor's");

        // a payout decided before the merge, paid after it, names the duplicate
        long late = pay(duplicate, "2026-05-01T00:00:00Z");
        lastAidedAt(survivor, "2026-05-01T00:00:00Z");
        lastAidedAt(duplicate, "2026-05-01T00:00:00Z");
        pay(survivor, "2026-04-01T00:00:00Z");
        lastAidedAt(survivor, "2026-05-01T00:00:00Z");
        bounce(duplicate, late);
        lastAidedAt(survivor, "2026-04-01T00:00:00Z");
        lastAidedAt(duplicate, "2026-02-01T00:00:00Z");
    }

    @Test
    void everyRoleThatReadsTheFileSeesTheMergeAsIdsOnly() {
        long survivor = Fixtures.activeFile(tree.community(), idNumber(true));
        long duplicate = duplicate(tree.community());
        merge(survivor, duplicate, REVIEWER, "重复").statusCode(200);
        for (String role : List.of(clerkOf(tree.community()), bearer("finance"), bearer("admin"), bearer("service"), REVIEWER)) {
            given().header("Authorization", role).get("/api/v1/workers/" + survivor).then().statusCode(200)
                    .body("mergedInto", nullValue()).body("mergedFrom", equalTo(List.of(
                            Map.of("id", (int) duplicate, "members", List.of(Map.of("from", 1, "into", 2))))));
            given().header("Authorization", role).get("/api/v1/workers/" + duplicate).then().statusCode(200)
                    .body("mergedInto", equalTo((int) survivor));
        }
        // a clerk of another station sees neither
        given().header("Authorization", clerkOf(tree.otherCommunity())).get("/api/v1/workers/" + survivor).then().statusCode(404);
    }

    /** A pending file of the same household under another ID number, entered by the station's clerk. */
    private long duplicate(String station) {
        String body = Fixtures.worker(idNumber(false), station, "24000.00", "6000.00");
        body = body.substring(0, body.indexOf("\"members\":[")) + OTHER_MEMBERS + body.substring(body.indexOf("]},") + 2);
        return Fixtures.create(station, body).statusCode(201).extract().jsonPath().getLong("id");
    }

    static ValidatableResponse merge(long survivor, long from, String authorization, String reason) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON)
                .body("{\"from\":" + from + ",\"reason\":\"" + reason + "\"}")
                .post("/api/v1/workers/" + survivor + "/merge").then();
    }

    private static ValidatableResponse history(long file) {
        return given().header("Authorization", REVIEWER).queryParam("limit", 200).get("/api/v1/workers/" + file + "/history")
                .then().statusCode(200);
    }

    private List<Integer> neverAided() {
        return given().header("Authorization", REVIEWER).queryParam("station", tree.community())
                .queryParam("neverAided", true).queryParam("status", "ACTIVE").get("/api/v1/workers").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    private static void lastAidedAt(long file, String at) {
        String shown = given().header("Authorization", REVIEWER).get("/api/v1/workers/" + file).then().statusCode(200)
                .extract().path("lastAidedAt");
        assertEquals(Instant.parse(at), Instant.parse(shown));
    }

    private long pay(long file, String at) {
        long id = PAYOUT.incrementAndGet();
        apply(new Item(0, "PAYOUT", id, "HOUSEHOLD", file, Instant.parse(at)));
        return id;
    }

    private void bounce(long file, long payout) {
        apply(new Item(0, "REVERSAL", payout, "HOUSEHOLD", file, Instant.now()));
    }

    /** The item as the next of the payout feed, through the registry's own applier. */
    private void apply(Item item) {
        long position = payouts.position();
        Item next = new Item(position + 1, item.kind(), item.payoutId(), item.beneficiary(), item.workerId(), item.occurredAt());
        assertEquals(position + 1, payouts.apply(position, List.of(next), position + 1));
    }
}
