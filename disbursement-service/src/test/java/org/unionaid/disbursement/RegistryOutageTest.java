package org.unionaid.disbursement;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.support.LedgerAudit;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.testsupport.PostgresResource;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.disbursement.support.Api.CLERK_A;
import static org.unionaid.disbursement.support.Api.REVIEWER;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.budget;
import static org.unionaid.disbursement.support.Api.budgetOf;
import static org.unionaid.disbursement.support.Api.freshYear;
import static org.unionaid.disbursement.support.Api.submit;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class RegistryOutageTest {

    @Inject
    LedgerAudit ledger;

    @BeforeEach
    void registry() {
        Stub.stations();
    }

    @AfterEach
    void registryBackAndBudgetsEqualTheLedger() throws InterruptedException {
        Stub.up();
        ledger.assertBudgetsEqualLedger();
        // Leave the circuit closed for whatever test runs next.
        long probe = Stub.worker("ACTIVE", "DEEP", "0.00", 1);
        String body = "{\"projectCode\": \"LIVING_RELIEF\", \"workerId\": " + probe + ", \"requestedAmount\": \"1\"}";
        for (int attempt = 0; attempt < 40; attempt++) {
            if (as(CLERK_A).body(body).post("/api/v1/applications").then().extract().statusCode() == 201) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the registry client did not recover");
    }

    @Test
    void withTheRegistryStoppedADecisionAnswers503WithRetryAfterAndReservesNothing() throws InterruptedException {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("LIVING_RELIEF", year, "10000");
        long id = submit("LIVING_RELIEF", Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, "3000.00", "{}");

        Stub.down();
        for (int attempt = 0; attempt < 3; attempt++) {
            as(REVIEWER).header("Idempotency-Key", "outage-" + id)
                    .body("{\"approve\": true, \"amount\": \"3000.00\"}")
                    .post("/api/v1/applications/" + id + "/decision").then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("type", equalTo("urn:union-aid:problem:registry-unavailable"));
        }
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("0.00")).body("available", equalTo("10000.00"));
        as(REVIEWER).get("/api/v1/applications/" + id).then().body("status", equalTo("SUBMITTED"));
        // Submissions need the registry too, and fail the same way.
        as(CLERK_A).body("{\"projectCode\": \"LIVING_RELIEF\", \"workerId\": 1, \"requestedAmount\": \"1\"}")
                .post("/api/v1/applications").then().statusCode(503).header("Retry-After", equalTo("5"));

        // Back up: the same key, no longer held, decides once the circuit lets calls through again.
        Stub.up();
        int status = 0;
        for (int attempt = 0; attempt < 40 && status != 200; attempt++) {
            status = as(REVIEWER).header("Idempotency-Key", "outage-" + id)
                    .body("{\"approve\": true, \"amount\": \"3000.00\"}")
                    .post("/api/v1/applications/" + id + "/decision").then().extract().statusCode();
            if (status != 200) {
                Thread.sleep(250);
            }
        }
        assertEquals(200, status);
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("3000.00")).body("available", equalTo("7000.00"));
    }

    @Test
    void aRegistryThatNeverAnswersTimesOutInto503AndReservesNothing() {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("LIVING_RELIEF", year, "10000");
        long id = submit("LIVING_RELIEF", Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, "3000.00", "{}");
        Stub.hang();
        long started = System.nanoTime();
        as(REVIEWER).body("{\"approve\": true, \"amount\": \"3000.00\"}")
                .post("/api/v1/applications/" + id + "/decision").then().statusCode(503)
                .header("Retry-After", equalTo("5"));
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertTrue(seconds < 20, "bounded by the timeouts, took " + seconds + " s");
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("0.00"));
        as(REVIEWER).get("/api/v1/applications/" + id).then().body("status", equalTo("SUBMITTED"));
    }
}
