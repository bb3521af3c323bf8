package org.unionaid.disbursement;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.support.LedgerAudit;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.testsupport.PostgresResource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.unionaid.disbursement.support.Api.CLERK_A;
import static org.unionaid.disbursement.support.Api.CLERK_B;
import static org.unionaid.disbursement.support.Api.FINANCE;
import static org.unionaid.disbursement.support.Api.REVIEWER;
import static org.unionaid.disbursement.support.Api.SERVICE;
import static org.unionaid.disbursement.support.Api.allItems;
import static org.unionaid.disbursement.support.Api.approve;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.budget;
import static org.unionaid.disbursement.support.Api.budgetOf;
import static org.unionaid.disbursement.support.Api.freshYear;
import static org.unionaid.disbursement.support.Api.payCash;
import static org.unionaid.disbursement.support.Api.submit;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class PayoutTest {

    @Inject
    LedgerAudit ledger;

    @BeforeEach
    void registry() {
        Stub.stations();
    }

    @AfterEach
    void budgetsEqualTheLedger() {
        ledger.assertBudgetsEqualLedger();
    }

    private static long approved(String project, int year, String amount) {
        long id = submit(project, Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, amount, "{}");
        approve(id, amount).statusCode(200);
        return id;
    }

    private static int feedEnd() {
        return as(SERVICE).get("/api/v1/feed/payouts?after=0&limit=1000").then().statusCode(200)
                .extract().jsonPath().getInt("lastSeq");
    }

    @Test
    void aPayoutSpendsTheReservationAndAReversalReturnsTheMoneyKeepingBothEntries() {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("LIVING_RELIEF", year, "10000");
        long id = approved("LIVING_RELIEF", year, "4000.00");
        int before = feedEnd();

        long payout = payCash(id, "RECEIPT-0001").statusCode(201)
                .body("status", equalTo("PAID")).body("amount", equalTo("4000.00"))
                .body("reference", equalTo("RECEIPT-0001")).body("applicationId", equalTo((int) id))
                .body("workerId", notNullValue())
                .extract().jsonPath().getLong("id");
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("0.00")).body("paid", equalTo("4000.00"))
                .body("available", equalTo("6000.00"));
        as(CLERK_A).get("/api/v1/applications/" + id).then().body("status", equalTo("PAID"));
        payCash(id, "RECEIPT-0002").statusCode(409).body("type", equalTo("urn:union-aid:problem:already-paid"));

        as(FINANCE).body("{\"reason\": \"account closed, bounced\", \"reference\": \"BANK-R-0001\"}")
                .post("/api/v1/payouts/" + payout + "/reversal").then().statusCode(200)
                .body("status", equalTo("REVERSED")).body("reversalReference", equalTo("BANK-R-0001"))
                .body("reference", equalTo("RECEIPT-0001"));
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("0.00")).body("paid", equalTo("0.00"))
                .body("available", equalTo("10000.00"));
        as(FINANCE).body("{\"reason\": \"again\", \"reference\": \"BANK-R-0002\"}")
                .post("/api/v1/payouts/" + payout + "/reversal").then().statusCode(409);

        JsonPath feed = as(SERVICE).get("/api/v1/feed/payouts?after=" + before).then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.kind", contains("PAYOUT", "REVERSAL"))
                .body("items.amount", contains("4000.00", "4000.00"))
                .body("items.payoutId", contains((int) payout, (int) payout))
                .body("items[0].projectCode", equalTo("LIVING_RELIEF"))
                .body("items[0].beneficiary", equalTo("HOUSEHOLD"))
                .body("items[0].stationCode", equalTo(Stub.STATION_A))
                .body("items[0].category", equalTo("DEEP"))
                .body("items[0].mainCause", equalTo("ILLNESS"))
                .body("items[0].enterpriseId", equalTo(7))
                .extract().jsonPath();
        Map<String, Object> first = feed.getMap("items[0]");
        assertEquals(Set.of("seq", "entryId", "kind", "payoutId", "applicationId", "projectCode", "beneficiary",
                "workerId", "stationCode", "enterpriseId", "category", "mainCause", "amount", "occurredOn",
                "occurredAt", "enrolmentId", "memberId"), first.keySet(), "the feed carries what reports need and no personal data");
        assertNull(first.get("enrolmentId"), "a payout of a hardship file names no enrolment");
        assertNull(first.get("memberId"));
        assertEquals(feed.getInt("items[1].seq"), feed.getInt("lastSeq"));
        as(SERVICE).get("/api/v1/feed/payouts?after=" + feed.getInt("lastSeq")).then()
                .body("items", hasSize(0)).body("lastSeq", equalTo(feed.getInt("lastSeq")));
        as(FINANCE).get("/api/v1/feed/payouts").then().statusCode(403);
    }

    @Test
    void aBatchReportsEachItemAndReSentAfterAFailurePaysNothingTwice() {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("GOLDEN_AUTUMN", year, "100000");
        budget("LIVING_RELIEF", year, "100000");
        long deep = Stub.worker("ACTIVE", "DEEP", "0.00", 3);
        long golden = submit("GOLDEN_AUTUMN", deep, year, "5000.00",
                "{\"studentMemberId\": %d, \"schoolLevel\": \"UNIVERSITY\", \"schoolYear\": \"%d-%d\", \"admissionNotice\": \"N\"}"
                        .formatted(Stub.studentOf(deep), year, year + 1));
        approve(golden, "5000.00").statusCode(200);
        long notApproved = submit("GOLDEN_AUTUMN", Stub.worker("ACTIVE", "DEEP", "0.00", 3), year, "3000.00",
                "{\"studentMemberId\": 1, \"schoolLevel\": \"HIGH_SCHOOL\", \"schoolYear\": \"%d-%d\", \"admissionNotice\": \"N\"}"
                        .formatted(year, year + 1));
        long otherProject = approved("LIVING_RELIEF", year, "1000.00");
        String batch = "{\"projectCode\": \"GOLDEN_AUTUMN\", \"channel\": \"BANK_TRANSFER\", \"reference\": \"GA-AUG\", "
                + "\"applicationIds\": [%d, %d, %d]}".formatted(golden, notApproved, otherProject);

        JsonPath first = as(FINANCE).body(batch).post("/api/v1/payout-batches").then().statusCode(200)
                .body("paid", equalTo(1)).body("refused", equalTo(2))
                .body("items.result", contains("PAID", "REFUSED", "REFUSED"))
                .body("items[0].payoutStatus", equalTo("ISSUED"))
                .body("items[1].problem", equalTo("illegal-state"))
                .body("items[2].problem", equalTo("wrong-project"))
                .extract().jsonPath();
        long payoutId = first.getLong("items[0].payoutId");

        // The failed item is fixed and the batch sent again: the paid one is reported, not paid again.
        approve(notApproved, "3000.00").statusCode(422);
        as(REVIEWER).body("{\"approve\": false, \"reason\": \"no such student\"}")
                .post("/api/v1/applications/" + notApproved + "/decision").then().statusCode(200);
        as(FINANCE).header("Idempotency-Key", "batch-" + golden).body(batch).post("/api/v1/payout-batches").then()
                .statusCode(200).body("paid", equalTo(0)).body("alreadyPaid", equalTo(1))
                .body("items[0].result", equalTo("ALREADY_PAID"))
                .body("items[0].payoutId", equalTo((int) payoutId));
        // Its answer lost on the way, the batch is sent again with the same key: the answer is replayed.
        as(FINANCE).header("Idempotency-Key", "batch-" + golden).body(batch).post("/api/v1/payout-batches").then()
                .statusCode(200).header("Idempotency-Replayed", equalTo("true"))
                .body("items[0].result", equalTo("ALREADY_PAID")).body("items[0].payoutId", equalTo((int) payoutId));
        // Bank transfers: ISSUED, the money still reserved until a bank file's result says PAID (BankFileTest).
        budgetOf("GOLDEN_AUTUMN", year).body("paid", equalTo("0.00")).body("reserved", equalTo("5000.00"));
        as(FINANCE).get("/api/v1/payouts?project=GOLDEN_AUTUMN&year=" + year).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].reference", equalTo("GA-AUG/" + golden))
                .body("items[0].workerId", equalTo((int) deep));
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReplaysTheFirstAnswer() {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("LIVING_RELIEF", year, "10000");
        long id = approved("LIVING_RELIEF", year, "1000.00");
        String body = "{\"applicationId\": %d, \"channel\": \"CASH\", \"reference\": \"CASH-7\"}".formatted(id);
        long payout = as(FINANCE).header("Idempotency-Key", "pay-" + id).body(body).post("/api/v1/payouts").then()
                .statusCode(201).header("Idempotency-Replayed", nullValue()).extract().jsonPath().getLong("id");
        as(FINANCE).header("Idempotency-Key", "pay-" + id).body(body).post("/api/v1/payouts").then()
                .statusCode(201).header("Idempotency-Replayed", equalTo("true"))
                .header("Location", not(nullValue()))
                .body("id", equalTo((int) payout)).body("amount", equalTo("1000.00"));
        as(FINANCE).header("Idempotency-Key", "pay-" + id).body(body.replace("CASH-7", "CASH-8"))
                .post("/api/v1/payouts").then().statusCode(422)
                .body("type", equalTo("urn:union-aid:problem:idempotency-key-reused"));
        budgetOf("LIVING_RELIEF", year).body("paid", equalTo("1000.00"));
    }

    @Test
    void aClerkSeesTheApplicationsOfHisStationOnly() {
        int year = freshYear();
        long inA = submit("LIVING_RELIEF", Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, "100.00", "{}");
        long fileInB = Stub.worker("ACTIVE", "DEEP", "0.00", 2, false, Stub.STATION_B);
        as(CLERK_B).get("/api/v1/applications/" + inA).then().statusCode(404).contentType("application/problem+json");
        as(CLERK_A).get("/api/v1/applications/" + inA).then().statusCode(200);
        as(CLERK_A).body("{\"projectCode\": \"LIVING_RELIEF\", \"workerId\": %d, \"requestedAmount\": \"100\"}"
                .formatted(fileInB)).post("/api/v1/applications").then().statusCode(404);
        long inB = as(CLERK_B).body("{\"projectCode\": \"LIVING_RELIEF\", \"workerId\": %d, \"year\": %d, \"requestedAmount\": \"100\"}"
                .formatted(fileInB, year)).post("/api/v1/applications").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        List<Long> seenByB = allItems(CLERK_B, "/api/v1/applications", "id", Long.class);
        assertFalse(seenByB.contains(inA));
        assertEquals(true, seenByB.contains(inB));
        String cityClerk = "Bearer " + org.unionaid.testsupport.TestTokens.clerk(Stub.CITY);
        List<Long> seenByCity = allItems(cityClerk, "/api/v1/applications", "id", Long.class);
        assertEquals(true, seenByCity.containsAll(List.of(inA, inB)));
    }

    @Test
    void listsArePagedWithACursorAndALinkToTheNextPage() {
        int year = freshYear();
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        for (int i = 0; i < 3; i++) {
            submit("LIVING_RELIEF", worker, year, "10.00", "{}");
        }
        JsonPath page = as(REVIEWER).get("/api/v1/applications?workerId=" + worker + "&limit=2").then().statusCode(200)
                .header("Link", org.hamcrest.Matchers.containsString("rel=\"next\""))
                .body("items", hasSize(2)).extract().jsonPath();
        as(REVIEWER).get("/api/v1/applications?workerId=" + worker + "&limit=2&cursor=" + page.getString("nextCursor"))
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue());
        as(REVIEWER).header("Accept-Language", "zh").get("/api/v1/applications?limit=500").then().statusCode(400)
                .body("violations[0].field", equalTo("limit")).body("violations[0].message", equalTo("limit 须在 1 至 200 之间"));
        as(REVIEWER).get("/api/v1/applications?workerId=abc").then().statusCode(400)
                .body("violations[0].field", equalTo("workerId"));
        as(FINANCE).get("/api/v1/payouts?year=last").then().statusCode(400).body("violations[0].field", equalTo("year"));
        as(FINANCE).get("/api/v1/budgets?year=1999").then().statusCode(400).body("violations[0].field", equalTo("year"))
                .body("violations[0].message", equalTo("must be between 2000 and 2200"));
        as(FINANCE).header("Accept-Language", "zh").get("/api/v1/budgets?year=2201").then().statusCode(400)
                .body("violations[0].field", equalTo("year")).body("violations[0].message", equalTo("须在 2000 至 2200 之间"));
        as(SERVICE).get("/api/v1/feed/payouts?after=x").then().statusCode(400).body("violations[0].field", equalTo("after"));
        as(REVIEWER).get("/api/v1/projects").then().statusCode(200).body("items", hasSize(11));
        assertNull(as(REVIEWER).get("/api/v1/applications?cursor=garbage!").then().statusCode(400)
                .extract().header("Link"));
    }
}
