package org.unionaid.disbursement;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.service.Idempotency;
import org.unionaid.disbursement.support.LedgerAudit;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.testsupport.PostgresResource;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.disbursement.support.Api.CLERK_A;
import static org.unionaid.disbursement.support.Api.CLERK_B;
import static org.unionaid.disbursement.support.Api.FINANCE;
import static org.unionaid.disbursement.support.Api.SERVICE;
import static org.unionaid.disbursement.support.Api.approve;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.budget;
import static org.unionaid.disbursement.support.Api.budgetOf;
import static org.unionaid.disbursement.support.Api.freshYear;
import static org.unionaid.disbursement.support.Api.payCash;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class GrantsAndOperationsTest {

    @Inject
    LedgerAudit ledger;

    @Inject
    Idempotency idempotency;

    @Inject
    EntityManager em;

    @BeforeEach
    void registry() {
        Stub.stations();
    }

    @AfterEach
    void budgetsEqualTheLedger() {
        ledger.assertBudgetsEqualLedger();
    }

    @Test
    void anEnterpriseGrantIsPaidToTheEnterpriseAndFedWithoutAWorker() {
        int year = freshYear();
        budget("KEY_ENTERPRISE", year, "500000");
        Stub.enterprise(42, "SUSPENDED", true);
        long id = as(CLERK_A).body("""
                        {"projectCode": "KEY_ENTERPRISE", "enterpriseId": 42, "year": %d, "requestedAmount": "200000",
                         "details": {"supportPlan": "retraining of 120 workers after the shut-down"}}""".formatted(year))
                .post("/api/v1/applications").then().statusCode(201)
                .body("beneficiary", equalTo("ENTERPRISE")).body("workerId", nullValue())
                .body("stationCode", equalTo(Stub.STATION_A))
                .extract().jsonPath().getLong("id");
        approve(id, "200000.00").statusCode(200).body("status", equalTo("APPROVED"));
        int before = as(SERVICE).get("/api/v1/feed/payouts?limit=1000").then().extract().jsonPath().getInt("lastSeq");
        payCash(id, "ENT-1").statusCode(201);
        as(SERVICE).get("/api/v1/feed/payouts?after=" + before).then()
                .body("items[0].beneficiary", equalTo("ENTERPRISE"))
                .body("items[0].enterpriseId", equalTo(42))
                .body("items[0].workerId", nullValue())
                .body("items[0].amount", equalTo("200000.00"));
        budgetOf("KEY_ENTERPRISE", year).body("paid", equalTo("200000.00")).body("available", equalTo("300000.00"));
    }

    @Test
    void anEnterpriseGrantNeedsAKeyEnterpriseOfTheRegistryThatIsNotClosed() {
        int year = freshYear();
        budget("KEY_ENTERPRISE", year, "500000");
        Stub.enterprise(43, "OPERATING", false);
        Stub.enterprise(44, "CLOSED", true);
        String body = """
                {"projectCode": "KEY_ENTERPRISE", "enterpriseId": %d, "year": %d, "requestedAmount": "1000",
                 "details": {"supportPlan": "retraining"}}""";
        as(CLERK_A).body(body.formatted(49_999, year)).post("/api/v1/applications").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("49999"));
        as(CLERK_A).body(body.formatted(43, year)).post("/api/v1/applications").then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("urn:union-aid:problem:not-a-key-enterprise"))
                .body("detail", containsString("43"));
        as(CLERK_A).header("Accept-Language", "zh").body(body.formatted(44, year)).post("/api/v1/applications").then()
                .statusCode(422).body("type", equalTo("urn:union-aid:problem:enterprise-closed")).body("title", equalTo("企业已关闭"));
        as(CLERK_A).get("/api/v1/applications?project=KEY_ENTERPRISE&limit=200").then().statusCode(200)
                .body("items.enterpriseId", not(hasItem(43))).body("items.enterpriseId", not(hasItem(44)))
                .body("items.enterpriseId", not(hasItem(49_999)));
    }

    @Test
    void aStationGrantGoesToAStationBelowTheClerksOwn() {
        int year = freshYear();
        budget("STATION_STANDARDISATION", year, "100000");
        String body = """
                {"projectCode": "STATION_STANDARDISATION", "stationCode": "%s", "year": %d, "requestedAmount": "30000",
                 "details": {"checklist": {"signage": true, "facilities": true, "staff": true, "operation": true}}}""";
        as(CLERK_B).body(body.formatted(Stub.STATION_A, year)).post("/api/v1/applications").then().statusCode(404);
        long id = as(CLERK_A).body(body.formatted(Stub.STATION_A, year)).post("/api/v1/applications").then()
                .statusCode(201).body("beneficiary", equalTo("STATION")).body("stationCode", equalTo(Stub.STATION_A))
                .extract().jsonPath().getLong("id");
        approve(id, "30000.00").statusCode(200);
        budgetOf("STATION_STANDARDISATION", year).body("reserved", equalTo("30000.00"));
    }

    @Test
    void aSubmissionRetriedWithItsKeyCreatesOneApplication() {
        int year = freshYear();
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        String body = "{\"projectCode\": \"LIVING_RELIEF\", \"workerId\": %d, \"year\": %d, \"requestedAmount\": \"800.00\"}"
                .formatted(worker, year);
        JsonPath first = as(CLERK_A).header("Idempotency-Key", "submit-" + worker).body(body)
                .post("/api/v1/applications").then().statusCode(201).extract().jsonPath();
        as(CLERK_A).header("Idempotency-Key", "submit-" + worker).body(body)
                .post("/api/v1/applications").then().statusCode(201)
                .header("Idempotency-Replayed", equalTo("true"))
                .header("Location", containsString("/api/v1/applications/" + first.getLong("id")))
                .body("id", equalTo(first.getInt("id")));
        // Keys belong to their caller: another clerk's same key is another request.
        as(CLERK_B).header("Idempotency-Key", "submit-" + worker).body(body)
                .post("/api/v1/applications").then().statusCode(404);
        as(CLERK_A).get("/api/v1/applications?workerId=" + worker).then().body("items.size()", equalTo(1));
    }

    @Test
    void idempotencyKeysAreKeptAtLeastADayAndThenForgotten() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO idempotency_record (subject, idem_key, request_hash, state, response_status, response_body, created_at)
                VALUES ('old', 'k-25h', decode(repeat('ab', 32), 'hex'), 'DONE', 200, decode('01' || repeat('00', 40), 'hex'),
                        now() - interval '25 hours'),
                       ('old', 'k-23h', decode(repeat('ab', 32), 'hex'), 'DONE', 200, decode('01' || repeat('00', 40), 'hex'),
                        now() - interval '23 hours')""").executeUpdate());
        // Asked to forget after an hour, it still keeps a day.
        idempotency.purgeOlderThan(Duration.ofHours(1));
        Number left = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "SELECT count(*) FROM idempotency_record WHERE subject = 'old'").getSingleResult());
        assertEquals(1, left.intValue());
    }

    @Test
    void healthIsReadyWithTheDatabaseAndOpenApiDescribesTheService() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/payout-batches"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/feed/payouts"));
    }

    @Test
    void everyCallNeedsATokenAndTheRightRole() {
        given().get("/api/v1/budgets").then().statusCode(401).contentType("application/problem+json");
        as(CLERK_A).get("/api/v1/budgets").then().statusCode(403).contentType("application/problem+json");
        as(CLERK_A).body("{\"applicationId\": 1, \"channel\": \"CASH\", \"reference\": \"x\"}")
                .post("/api/v1/payouts").then().statusCode(403);
        as(FINANCE).body("{\"applicationId\": 1, \"channel\": \"CHEQUE\", \"reference\": \"x\"}")
                .post("/api/v1/payouts").then().statusCode(400).body("violations[0].field", equalTo("channel"));
        as(FINANCE).body("{\"applicationId\": 99999999, \"channel\": \"CASH\", \"reference\": \"x\"}")
                .post("/api/v1/payouts").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theDatabaseRefusesAnOverspentBudgetAndAnyChangeToTheLedger() {
        int year = freshYear();
        budget("EMPLOYMENT_AID", year, "100.00");
        RuntimeException overspent = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("UPDATE budget SET reserved = 100.01 WHERE project_code = 'EMPLOYMENT_AID' AND year = :y")
                        .setParameter("y", year).executeUpdate()));
        assertTrue(messages(overspent).contains("budget_never_overspent"), messages(overspent));
        RuntimeException edited = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("UPDATE ledger_entry SET amount = 1 WHERE year = :y").setParameter("y", year)
                        .executeUpdate()));
        assertTrue(messages(edited).contains("immutable"), messages(edited));
        RuntimeException deleted = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("DELETE FROM ledger_entry WHERE year = :y").setParameter("y", year).executeUpdate()));
        assertTrue(messages(deleted).contains("immutable"), messages(deleted));
        budgetOf("EMPLOYMENT_AID", year).body("allocated", equalTo("100.00")).body("available", equalTo("100.00"));
    }

    @Test
    void callsToTheRegistryCarryAServiceTokenAndTheRequestId() {
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        as(CLERK_A).header("X-Request-Id", "trace-" + worker)
                .body("{\"projectCode\": \"LIVING_RELIEF\", \"workerId\": %d, \"requestedAmount\": \"10\"}".formatted(worker))
                .post("/api/v1/applications").then().statusCode(201).header("X-Request-Id", equalTo("trace-" + worker));
        // The stub answers 401 to calls without a bearer token, so the 201 shows the token was sent.
        assertEquals("trace-" + worker, Stub.lastRequestId());
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
