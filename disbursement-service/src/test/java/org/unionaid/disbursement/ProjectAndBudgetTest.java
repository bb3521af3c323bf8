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

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.unionaid.disbursement.support.Api.ADMIN;
import static org.unionaid.disbursement.support.Api.CLERK_A;
import static org.unionaid.disbursement.support.Api.FINANCE;
import static org.unionaid.disbursement.support.Api.REVIEWER;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.budget;
import static org.unionaid.disbursement.support.Api.budgetOf;
import static org.unionaid.disbursement.support.Api.freshYear;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class ProjectAndBudgetTest {

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
    void listsTheElevenProjectsWithTheDefaultRulesOfTheDomain() {
        as(CLERK_A).get("/api/v1/projects").then().statusCode(200)
                .body("items", hasSize(11))
                .body("items.code", containsInAnyOrder("LIVING_RELIEF", "SERIOUS_ILLNESS", "MEDICAL_MUTUAL_AID",
                        "GOLDEN_AUTUMN", "ACCIDENT_RELIEF", "FESTIVAL_WARMTH", "KEY_ENTERPRISE", "SKILLS_TRAINING",
                        "EMPLOYMENT_AID", "MIGRANT_WORKER_AID", "STATION_STANDARDISATION"))
                .body("items.find { it.code == 'KEY_ENTERPRISE' }.beneficiary", equalTo("ENTERPRISE"))
                .body("items.find { it.code == 'STATION_STANDARDISATION' }.beneficiary", equalTo("STATION"));
        as(REVIEWER).get("/api/v1/projects/LIVING_RELIEF").then().statusCode(200)
                .body("nameZh", equalTo("生活救助"))
                .body("rules.yearlyCapMonthsDeep", equalTo("12.00"))
                .body("rules.yearlyCapMonthsOther", equalTo("8.00"));
        as(REVIEWER).get("/api/v1/projects/SERIOUS_ILLNESS").then().statusCode(200)
                .body("rules.sharePercentDeep", equalTo("100.00"))
                .body("rules.sharePercentOther", equalTo("80.00"))
                .body("rules.lifetimeCap", equalTo("150000.00"))
                .body("rules.secondApprovalAbove", equalTo("20000.00"))
                .body("rules.evidence", hasItem("outOfPocket"));
        as(REVIEWER).get("/api/v1/projects/GOLDEN_AUTUMN").then().statusCode(200)
                .body("rules.universityAmount", equalTo("5000.00"))
                .body("rules.highSchoolAmount", equalTo("3000.00"))
                .body("rules.oncePer", equalTo("STUDENT_SCHOOL_YEAR"));
        as(REVIEWER).get("/api/v1/projects/ACCIDENT_RELIEF").then().statusCode(200)
                .body("rules.payoutCap", equalTo("10000.00"))
                .body("rules.acceptsTemporaryFile", equalTo(true));
    }

    @Test
    void anAdminEditsARuleAndOtherRolesMayNot() {
        String rules = """
                {"payoutCap": "8000", "yearlyCap": null, "countsAsAidItem": true, "acceptsTemporaryFile": true,
                 "migrantOnly": false, "evidence": ["accidentReport", "policeReport"]}""";
        as(FINANCE).body(rules).put("/api/v1/projects/ACCIDENT_RELIEF").then().statusCode(403)
                .contentType("application/problem+json");
        as(ADMIN).body(rules).put("/api/v1/projects/ACCIDENT_RELIEF").then().statusCode(200)
                .body("rules.payoutCap", equalTo("8000.00"))
                .body("rules.evidence", containsInAnyOrder("accidentReport", "policeReport"))
                .body("updatedBy", equalTo("admin-sun"));
        as(CLERK_A).get("/api/v1/projects/ACCIDENT_RELIEF").then().body("rules.payoutCap", equalTo("8000.00"));
        // Back to the domain's default for the other tests.
        as(ADMIN).body("""
                {"payoutCap": "10000.00", "countsAsAidItem": true, "acceptsTemporaryFile": true,
                 "migrantOnly": false, "evidence": ["accidentReport"]}""")
                .put("/api/v1/projects/ACCIDENT_RELIEF").then().statusCode(200)
                .body("rules.payoutCap", equalTo("10000.00"))
                .body("rules.lifetimeCap", nullValue());
    }

    @Test
    void rejectsRulesWithMoreThanTwoDecimalsOrAPercentageAboveAHundred() {
        as(ADMIN).body("""
                {"payoutCap": "100.001", "shareBasis": "outOfPocket", "sharePercentDeep": "101",
                 "countsAsAidItem": true, "acceptsTemporaryFile": false, "migrantOnly": false}""")
                .put("/api/v1/projects/SERIOUS_ILLNESS").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("payoutCap", "sharePercentDeep"));
        as(ADMIN).body("{\"payoutCap\": \"100\"}").put("/api/v1/projects/SERIOUS_ILLNESS").then().statusCode(400)
                .body("violations.field", containsInAnyOrder("countsAsAidItem", "acceptsTemporaryFile", "migrantOnly"));
        as(REVIEWER).get("/api/v1/projects/SERIOUS_ILLNESS").then().body("rules.payoutCap", nullValue());
    }

    @Test
    void aBudgetShowsAllocatedReservedPaidAndAvailable() {
        int year = freshYear();
        budget("LIVING_RELIEF", year, "2000000");
        budgetOf("LIVING_RELIEF", year)
                .body("allocated", equalTo("2000000.00"))
                .body("reserved", equalTo("0.00"))
                .body("paid", equalTo("0.00"))
                .body("available", equalTo("2000000.00"));
        budget("LIVING_RELIEF", year, "1500000.50");
        budgetOf("LIVING_RELIEF", year).body("allocated", equalTo("1500000.50")).body("available", equalTo("1500000.50"));
    }

    @Test
    void onlyFinanceSetsBudgetsAndNeverWithNegativeOrThreeDecimalAmounts() {
        int year = freshYear();
        as(ADMIN).body("{\"amount\":\"100.00\"}").put("/api/v1/projects/LIVING_RELIEF/budgets/" + year)
                .then().statusCode(403);
        as(FINANCE).body("{\"amount\":\"-1.00\"}").put("/api/v1/projects/LIVING_RELIEF/budgets/" + year)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("amount"));
        as(FINANCE).body("{\"amount\":\"1.005\"}").put("/api/v1/projects/LIVING_RELIEF/budgets/" + year)
                .then().statusCode(400).body("violations[0].field", equalTo("amount"));
        as(FINANCE).body("{\"amount\":\"10.00\"}").put("/api/v1/projects/NO_SUCH/budgets/" + year)
                .then().statusCode(404);
        as(FINANCE).get("/api/v1/budgets?year=" + year).then().statusCode(200).body("items", hasSize(0));
    }
}
