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

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.unionaid.disbursement.support.Api.REVIEWER;
import static org.unionaid.disbursement.support.Api.REVIEWER_2;
import static org.unionaid.disbursement.support.Api.approve;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.budget;
import static org.unionaid.disbursement.support.Api.budgetOf;
import static org.unionaid.disbursement.support.Api.decide;
import static org.unionaid.disbursement.support.Api.freshYear;
import static org.unionaid.disbursement.support.Api.submit;

/**
 * A file that a yearly review found above the line is exitProposed in the registry: no person-aid is approved for it
 * (422 exit-proposed, read from the registry at decision time) until a reviewer there exits or keeps the file.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class ExitProposedTest {

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

    @Test
    void noPersonAidIsApprovedForAFileProposedForExitUntilTheRegistryKeepsIt() {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("LIVING_RELIEF", year, "100000");
        long worker = Stub.worker("ACTIVE", "DEEP", "6000.00", 2);
        long id = submit("LIVING_RELIEF", worker, year, "1000.00", "{}");
        Stub.worker(worker, "ACTIVE", "DEEP", "200000.00", 2, false, Stub.STATION_A, true);

        approve(id, "1000.00").statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:union-aid:problem:exit-proposed"))
                .body("detail", containsString("above the line"));
        as(REVIEWER).header("Accept-Language", "zh").body("{\"approve\": true, \"amount\": \"1000.00\"}")
                .post("/api/v1/applications/" + id + "/decision").then().statusCode(422)
                .body("title", equalTo("档案待退出"));
        as(REVIEWER).get("/api/v1/applications/" + id).then().statusCode(200).body("status", equalTo("SUBMITTED"));
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("0.00"));

        // a reviewer of the registry keeps the file: the same application is approved
        Stub.worker(worker, "ACTIVE", "DEEP", "6000.00", 2, false, Stub.STATION_A, false);
        approve(id, "1000.00").statusCode(200).body("status", equalTo("APPROVED"));
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("1000.00"));
    }

    @Test
    void aSecondApprovalIsRefusedWhenTheFileWasProposedForExitAfterTheFirstButARejectionIsNot() {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("SERIOUS_ILLNESS", year, "100000");
        long worker = Stub.worker("ACTIVE", "DEEP", "6000.00", 2);
        long large = submit("SERIOUS_ILLNESS", worker, year, "25000.00",
                "{\"medicalBills\": [\"HOSP-11\"], \"outOfPocket\": \"30000.00\"}");
        approve(large, "25000.00").statusCode(200).body("status", equalTo("AWAITING_SECOND_APPROVAL"));
        Stub.worker(worker, "ACTIVE", "DEEP", "200000.00", 2, false, Stub.STATION_A, true);

        decide(REVIEWER_2, large, "25000.00").statusCode(422).body("type", equalTo("urn:union-aid:problem:exit-proposed"));
        budgetOf("SERIOUS_ILLNESS", year).body("reserved", equalTo("25000.00"));
        as(REVIEWER_2).body("{\"approve\": false, \"reason\": \"复核收入超标，待退出\"}")
                .post("/api/v1/applications/" + large + "/decision").then().statusCode(200).body("status", equalTo("REJECTED"));
        budgetOf("SERIOUS_ILLNESS", year).body("reserved", equalTo("0.00"));
    }
}
