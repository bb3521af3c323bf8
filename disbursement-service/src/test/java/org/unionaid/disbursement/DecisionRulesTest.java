package org.unionaid.disbursement;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.testsupport.PostgresResource;
import org.unionaid.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.unionaid.disbursement.support.Api.ADMIN;
import static org.unionaid.disbursement.support.Api.CLERK_A;
import static org.unionaid.disbursement.support.Api.REVIEWER;
import static org.unionaid.disbursement.support.Api.REVIEWER_2;
import static org.unionaid.disbursement.support.Api.approve;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.budget;
import static org.unionaid.disbursement.support.Api.budgetOf;
import static org.unionaid.disbursement.support.Api.decide;
import static org.unionaid.disbursement.support.Api.freshYear;
import static org.unionaid.disbursement.support.Api.submit;
import static org.unionaid.disbursement.support.Api.yearWithBudget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class DecisionRulesTest extends LedgerCheckedTest {

    @Inject
    AgroalDataSource database;

    @Test
    void anApprovalWithinTheCapsReservesTheMoney() {
        int year = yearWithBudget("LIVING_RELIEF", "100000");
        long worker = Stub.worker("ACTIVE", "DEEP", "6000.00", 2);
        long id = submit("LIVING_RELIEF", worker, year, "4000.00", NO_DETAILS);
        as(CLERK_A).get("/api/v1/applications/" + id).then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("requestedAmount", equalTo("4000.00"))
                .body("stationCode", equalTo(Stub.STATION_A)).body("category", equalTo("DEEP"));
        approve(id, "4000").statusCode(200)
                .body("status", equalTo("APPROVED")).body("amount", equalTo("4000.00"))
                .body("decidedBy", equalTo("reviewer-li"));
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("4000.00")).body("available", equalTo("96000.00"));
    }

    @Test
    void eachDecisionWritesTheApplicationRowOnceAndARefusalLeavesItUntouched() {
        int year = yearWithBudget("SERIOUS_ILLNESS", "1000000");
        long deep = Stub.worker("ACTIVE", "DEEP", "6000.00", 2);
        long direct = submit("SERIOUS_ILLNESS", deep, year, "5000.00",
                "{\"medicalBills\": [\"HOSP-9\"], \"outOfPocket\": \"9000.00\"}");
        assertEquals(0, versionOf(direct));
        approve(direct, "5000.00").statusCode(200).body("status", equalTo("APPROVED")).body("amount", equalTo("5000.00"));
        assertEquals(1, versionOf(direct), "one UPDATE of the application for an approval");
        assertEquals("APPROVED", columnOf(direct, "status"));
        assertEquals("reviewer-li", columnOf(direct, "decided_by"));

        long large = submit("SERIOUS_ILLNESS", Stub.worker("ACTIVE", "DEEP", "6000.00", 2), year, "25000.00",
                "{\"medicalBills\": [\"HOSP-10\"], \"outOfPocket\": \"30000.00\"}");
        approve(large, "25000.00").statusCode(200).body("status", equalTo("AWAITING_SECOND_APPROVAL"));
        assertEquals(1, versionOf(large), "one UPDATE for a first approval");
        assertEquals("reviewer-li", columnOf(large, "first_approved_by"));
        decide(REVIEWER_2, large, "25000.00").statusCode(200).body("status", equalTo("APPROVED"));
        assertEquals(2, versionOf(large), "one more UPDATE for the second approval");

        long over = submit("SERIOUS_ILLNESS", Stub.worker("ACTIVE", "DEEP", "6000.00", 2), year, "9000.00",
                "{\"medicalBills\": [\"HOSP-11\"], \"outOfPocket\": \"9000.00\"}");
        budget("SERIOUS_ILLNESS", year, "30000.00");
        approve(over, "9000.00").statusCode(409);
        assertEquals(0, versionOf(over), "a refused approval leaves the row as it was");
        assertEquals("SUBMITTED", columnOf(over, "status"));
        assertEquals(null, columnOf(over, "amount"));
        budgetOf("SERIOUS_ILLNESS", year).body("reserved", equalTo("30000.00")).body("available", equalTo("0.00"));
    }

    private int versionOf(long applicationId) {
        return Integer.parseInt(columnOf(applicationId, "version"));
    }

    private void execute(String sql) {
        try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String columnOf(long applicationId, String column) {
        try (Connection c = database.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + column + "::text FROM application WHERE id = " + applicationId)) {
            assertTrue(rs.next(), "application " + applicationId + " exists");
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSubmitterNeverDecidesHisOwnApplication() {
        int year = yearWithBudget("LIVING_RELIEF", "100000");
        long id = submit("LIVING_RELIEF", Stub.worker("ACTIVE", "DEEP", "6000.00", 2), year, "1000.00", NO_DETAILS);
        String sameClerkAsReviewer = "Bearer " + TestTokens.token("reviewer", null, "test-clerk-" + Stub.STATION_A);
        decide(sameClerkAsReviewer, id, "1000.00").statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:union-aid:problem:maker-checker"));
        as(CLERK_A).body("{\"approve\": true, \"amount\": \"1000.00\"}")
                .post("/api/v1/applications/" + id + "/decision").then().statusCode(403);
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("0.00"));
    }

    @Test
    void personAidNeedsAnActiveFileAndAccidentReliefAcceptsATemporaryOne() {
        int year = yearWithBudget("LIVING_RELIEF", "100000");
        budget("ACCIDENT_RELIEF", year, "100000");
        long pending = Stub.worker("PENDING", "DEEP", "6000.00", 2);
        long id = submit("LIVING_RELIEF", pending, year, "1000.00", NO_DETAILS);
        approve(id, "1000.00").statusCode(422)
                .body("type", equalTo("urn:union-aid:problem:not-eligible"))
                .body("rule", equalTo("FILE_NOT_ACTIVE"))
                .body("detail", containsString("FILE_NOT_ACTIVE"));

        long temporary = Stub.worker("TEMPORARY", "ACCIDENT", "30000.00", 3);
        long living = submit("LIVING_RELIEF", temporary, year, "1000.00", NO_DETAILS);
        approve(living, "1000.00").statusCode(422).body("rule", equalTo("FILE_NOT_ACTIVE"));
        long accident = submit("ACCIDENT_RELIEF", temporary, year, "9000.00", "{\"accidentReport\": \"flood 2024-07-01\"}");
        approve(accident, "9000.00").statusCode(200).body("status", equalTo("APPROVED"));
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("0.00"));
        budgetOf("ACCIDENT_RELIEF", year).body("reserved", equalTo("9000.00"));
    }

    @Test
    void accidentReliefPaysAtMostTenThousandPerEvent() {
        int year = yearWithBudget("ACCIDENT_RELIEF", "100000");
        long id = submit("ACCIDENT_RELIEF", Stub.worker("ACTIVE", "ACCIDENT", "30000.00", 3), year, "12000.00",
                "{\"accidentReport\": \"fire\"}");
        approve(id, "10000.01").statusCode(422)
                .body("type", equalTo("urn:union-aid:problem:cap-exceeded"))
                .body("rule", equalTo("PAYOUT_CAP"))
                .body("detail", containsString("10000"));
        approve(id, "10000.00").statusCode(200);
    }

    @Test
    void livingReliefForADeepHouseholdIsCappedAtTwelveMonthsOfTheMinimumAndEightForARelativeOne() {
        int year = yearWithBudget("LIVING_RELIEF", "100000");
        long deep = Stub.worker("ACTIVE", "DEEP", "0.00", 1);
        long id = submit("LIVING_RELIEF", deep, year, "20000.00", NO_DETAILS);
        approve(id, "12000.01").statusCode(422).body("rule", equalTo("YEARLY_CAP_MONTHS"))
                .body("detail", containsString("12000.00"));
        approve(id, "12000.00").statusCode(200);

        long relative = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        long other = submit("LIVING_RELIEF", relative, year, "9000.00", NO_DETAILS);
        as(REVIEWER).header("Accept-Language", "zh").body("{\"approve\": true, \"amount\": \"8000.01\"}")
                .post("/api/v1/applications/" + other + "/decision").then().statusCode(422)
                .body("rule", equalTo("YEARLY_CAP_MONTHS"))
                .body("title", equalTo("超出限额"))
                .body("detail", containsString("8000.00"));
        approve(other, "8000.00").statusCode(200);
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("20000.00"));
    }

    @Test
    void aRelativeHouseholdGetsOnePersonAidItemACalendarYearWhateverBudgetYearItIsChargedTo() {
        int year = yearWithBudget("LIVING_RELIEF", "100000");
        budget("SKILLS_TRAINING", year, "100000");
        long relative = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        long first = submit("LIVING_RELIEF", relative, year, "3000.00", NO_DETAILS);
        long second = submit("SKILLS_TRAINING", relative, year, "2000.00",
                "{\"trainingCertificate\": \"WELDER-2\", \"trainingCost\": \"2500.00\"}");
        approve(first, "3000.00").statusCode(200);
        approve(second, "2000.00").statusCode(422).body("rule", equalTo("ONE_ITEM_A_YEAR"));
        // Charged to another budget year, it is still a second item in the year of the decisions.
        int next = yearWithBudget("SKILLS_TRAINING", "100000");
        long otherBudgetYear = submit("SKILLS_TRAINING", relative, next, "2000.00",
                "{\"trainingCertificate\": \"WELDER-3\", \"trainingCost\": \"2500.00\"}");
        approve(otherBudgetYear, "2000.00").statusCode(422).body("rule", equalTo("ONE_ITEM_A_YEAR"));
        // Once the first decision lies in an earlier calendar year, this year has room for one item.
        execute("UPDATE application SET decided_at = decided_at - interval '366 days' WHERE id = " + first);
        approve(otherBudgetYear, "2000.00").statusCode(200);
        budgetOf("SKILLS_TRAINING", next).body("reserved", equalTo("2000.00"));
        budgetOf("SKILLS_TRAINING", year).body("reserved", equalTo("0.00"));
    }

    @Test
    void aDeepHouseholdIsReTestedWithTheYearsEarlierPaymentsCountedAsIncome() {
        int year = yearWithBudget("LIVING_RELIEF", "100000");
        budget("SKILLS_TRAINING", year, "100000");
        // One person, 9,600 a year: 800 a month against a minimum of 1,000.
        long deep = Stub.worker("ACTIVE", "DEEP", "9600.00", 1);
        approve(submit("LIVING_RELIEF", deep, year, "1200.00", NO_DETAILS), "1200.00").statusCode(200);
        // With 1,200 counted: 10,800 / 12 = 900, still below 1,000.
        long second = submit("SKILLS_TRAINING", deep, year, "1000.00",
                "{\"trainingCertificate\": \"CNC-1\", \"trainingCost\": \"1000.00\"}");
        approve(second, "1000.00").statusCode(200);
        // With 2,200 counted: 11,800 / 12 = 983.33, still below.
        approve(submit("LIVING_RELIEF", deep, year, "1000.00", NO_DETAILS), "1000.00").statusCode(200);
        // With 3,200 counted: 12,800 / 12 = 1,066.67: no longer deep.
        long fourth = submit("LIVING_RELIEF", deep, year, "500.00", NO_DETAILS);
        approve(fourth, "500.00").statusCode(422).body("rule", equalTo("DEEP_RETEST"));
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("2200.00"));
    }

    @Test
    void seriousIllnessPaysAtMostTheShareOfTheOutOfPocketCosts() {
        int year = yearWithBudget("SERIOUS_ILLNESS", "1000000");
        long relative = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        long id = submit("SERIOUS_ILLNESS", relative, year, "10000.00",
                "{\"medicalBills\": [\"HOSP-1\"], \"outOfPocket\": \"10000.00\"}");
        approve(id, "8000.01").statusCode(422).body("rule", equalTo("SHARE_OF_COST")).body("detail", containsString("8000.00"));
        approve(id, "8000.00").statusCode(200);
    }

    @Test
    void seriousIllnessAboveTwentyThousandNeedsASecondReviewerAndTheMoneyIsReservedAtTheFirstApproval() {
        int year = yearWithBudget("SERIOUS_ILLNESS", "1000000");
        long deep = Stub.worker("ACTIVE", "DEEP", "6000.00", 2);
        long id = submit("SERIOUS_ILLNESS", deep, year, "25000.00",
                "{\"medicalBills\": [\"HOSP-2\"], \"outOfPocket\": \"30000.00\"}");
        approve(id, "25000.00").statusCode(200)
                .body("status", equalTo("AWAITING_SECOND_APPROVAL"))
                .body("firstApprovedBy", equalTo("reviewer-li"));
        budgetOf("SERIOUS_ILLNESS", year).body("reserved", equalTo("25000.00"));
        decide(REVIEWER, id, "25000.00").statusCode(403).body("type", equalTo("urn:union-aid:problem:second-approver"));
        decide(REVIEWER_2, id, "25000.00").statusCode(200)
                .body("status", equalTo("APPROVED")).body("decidedBy", equalTo("reviewer-wang"));
        budgetOf("SERIOUS_ILLNESS", year).body("reserved", equalTo("25000.00")).body("available", equalTo("975000.00"));
        decide(REVIEWER_2, id, "25000.00").statusCode(409).body("type", equalTo("urn:union-aid:problem:illegal-state"));
    }

    @Test
    void aSecondReviewersRejectionReleasesTheReservedMoney() {
        int year = yearWithBudget("SERIOUS_ILLNESS", "1000000");
        long id = submit("SERIOUS_ILLNESS", Stub.worker("ACTIVE", "DEEP", "6000.00", 2), year, "21000.00",
                "{\"medicalBills\": [\"HOSP-3\"], \"outOfPocket\": \"21000.00\"}");
        approve(id, "21000.00").statusCode(200).body("status", equalTo("AWAITING_SECOND_APPROVAL"));
        // a rejection without its reason is refused, in the caller's language, and leaves the money reserved
        as(REVIEWER_2).header("Accept-Language", "zh").body("{\"approve\": false}")
                .post("/api/v1/applications/" + id + "/decision").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("reason")).body("violations[0].message", equalTo("驳回须填写理由"));
        as(REVIEWER_2).body("{\"approve\": false, \"reason\": \"\"}").post("/api/v1/applications/" + id + "/decision").then()
                .statusCode(400).body("violations[0].field", equalTo("reason"))
                .body("violations[0].message", equalTo("a rejection needs a reason"));
        budgetOf("SERIOUS_ILLNESS", year).body("reserved", equalTo("21000.00"));
        as(REVIEWER_2).body("{\"approve\": false, \"reason\": \"bills not verified\"}")
                .post("/api/v1/applications/" + id + "/decision").then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("reason", equalTo("bills not verified"));
        budgetOf("SERIOUS_ILLNESS", year).body("reserved", equalTo("0.00")).body("available", equalTo("1000000.00"));
    }

    @Test
    void seriousIllnessStopsAtTheLifetimeCapOfAFile() {
        int year = yearWithBudget("SERIOUS_ILLNESS", "1000000");
        int later = yearWithBudget("SERIOUS_ILLNESS", "1000000");
        long deep = Stub.worker("ACTIVE", "DEEP", "0.00", 3);
        long first = submit("SERIOUS_ILLNESS", deep, year, "20000.00", "{\"medicalBills\": \"B\", \"outOfPocket\": \"200000\"}");
        approve(first, "20000.00").statusCode(200);
        long second = submit("SERIOUS_ILLNESS", deep, later, "140000.00", "{\"medicalBills\": \"B\", \"outOfPocket\": \"200000\"}");
        approve(second, "130000.01").statusCode(422).body("rule", equalTo("LIFETIME_CAP")).body("detail", containsString("130000.00"));
    }

    @Test
    void goldenAutumnPaysOncePerStudentPerSchoolYearAndTheAmountOfHisLevel() {
        int year = yearWithBudget("GOLDEN_AUTUMN", "100000");
        long deep = Stub.worker("ACTIVE", "DEEP", "0.00", 3);
        String details = "{\"studentMemberId\": %d, \"schoolLevel\": \"UNIVERSITY\", \"schoolYear\": \"%d-%d\", \"admissionNotice\": \"N-1\"}"
                .formatted(Stub.studentOf(deep), year, year + 1);
        long first = submit("GOLDEN_AUTUMN", deep, year, "6000.00", details);
        long twice = submit("GOLDEN_AUTUMN", deep, year, "5000.00", details);
        approve(first, "5000.01").statusCode(422).body("rule", equalTo("STUDENT_AMOUNT"));
        approve(first, "5000.00").statusCode(200);
        approve(twice, "5000.00").statusCode(422).body("rule", equalTo("ONCE_PER_STUDENT_SCHOOL_YEAR"));

        long stranger = submit("GOLDEN_AUTUMN", deep, year, "3000.00",
                "{\"studentMemberId\": 999, \"schoolLevel\": \"HIGH_SCHOOL\", \"schoolYear\": \"%d-%d\", \"admissionNotice\": \"N-2\"}"
                        .formatted(year, year + 1));
        approve(stranger, "3000.00").statusCode(422).body("rule", equalTo("STUDENT_NOT_ON_FILE"));
        budgetOf("GOLDEN_AUTUMN", year).body("reserved", equalTo("5000.00"));
    }

    @Test
    void migrantWorkerAidIsForMigrantWorkersOnly() {
        int year = yearWithBudget("MIGRANT_WORKER_AID", "100000");
        long local = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        approve(submit("MIGRANT_WORKER_AID", local, year, "1000.00", NO_DETAILS), "1000.00")
                .statusCode(422).body("rule", equalTo("MIGRANT_WORKERS_ONLY"));
        long migrant = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1, true, Stub.STATION_A);
        approve(submit("MIGRANT_WORKER_AID", migrant, year, "1000.00", NO_DETAILS), "1000.00").statusCode(200);
    }

    @Test
    void nothingIsApprovedBeyondTheBudget() {
        int year = yearWithBudget("LIVING_RELIEF", "5000");
        long a = submit("LIVING_RELIEF", Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, "3000.00", NO_DETAILS);
        long b = submit("LIVING_RELIEF", Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, "3000.00", NO_DETAILS);
        approve(a, "3000.00").statusCode(200);
        approve(b, "3000.00").statusCode(409)
                .body("type", equalTo("urn:union-aid:problem:over-budget"))
                .body("rule", equalTo("BUDGET"));
        approve(b, "2000.00").statusCode(200);
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("5000.00")).body("available", equalTo("0.00"));
    }

    @Test
    void cancellingAnApprovedApplicationReturnsItsMoney() {
        int year = yearWithBudget("LIVING_RELIEF", "5000");
        long id = submit("LIVING_RELIEF", Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, "3000.00", NO_DETAILS);
        approve(id, "3000.00").statusCode(200);
        as(CLERK_A).body("{\"reason\": \"household moved away\"}").post("/api/v1/applications/" + id + "/cancellation")
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("0.00")).body("available", equalTo("5000.00"));
        approve(id, "3000.00").statusCode(409);
    }

    @Test
    void anApplicationNeedsTheEvidenceOfItsProjectAndSaneAmounts() {
        int year = freshYear();
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        as(CLERK_A).body("""
                        {"projectCode": "SERIOUS_ILLNESS", "workerId": %d, "year": %d, "requestedAmount": "100.00",
                         "details": {"medicalBills": "B"}}""".formatted(worker, year))
                .post("/api/v1/applications").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("details.outOfPocket"));
        as(CLERK_A).body("""
                        {"projectCode": "LIVING_RELIEF", "workerId": %d, "year": %d, "requestedAmount": "100.001"}"""
                        .formatted(worker, year))
                .post("/api/v1/applications").then().statusCode(400).body("violations[0].field", equalTo("requestedAmount"));
        as(CLERK_A).body("""
                        {"projectCode": "LIVING_RELIEF", "workerId": %d, "year": %d, "requestedAmount": "-5"}"""
                        .formatted(worker, year))
                .post("/api/v1/applications").then().statusCode(400).body("violations[0].field", equalTo("requestedAmount"));
        as(CLERK_A).body("""
                        {"projectCode": "NOT_A_PROJECT", "workerId": %d, "requestedAmount": "5"}""".formatted(worker))
                .post("/api/v1/applications").then().statusCode(422);
        as(CLERK_A).body("""
                        {"projectCode": "LIVING_RELIEF", "workerId": 99999999, "requestedAmount": "5"}""")
                .post("/api/v1/applications").then().statusCode(404);
        as(REVIEWER).body("""
                        {"projectCode": "LIVING_RELIEF", "workerId": %d, "requestedAmount": "5"}""".formatted(worker))
                .post("/api/v1/applications").then().statusCode(403);
    }

    @Test
    void anAdminCapsAPayoutInMonthsOfTheMinimumAndTheRuleAppliesAtOnce() {
        int year = yearWithBudget("EMPLOYMENT_AID", "100000");
        long relative = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        long id = submit("EMPLOYMENT_AID", relative, year, "5000.00", "{\"placementOutcome\": \"PLACED\"}");
        as(ADMIN).body("""
                {"payoutCapMonthsDeep": "3", "payoutCapMonthsOther": "2", "countsAsAidItem": true,
                 "acceptsTemporaryFile": false, "migrantOnly": false, "evidence": ["placementOutcome"]}""")
                .put("/api/v1/projects/EMPLOYMENT_AID").then().statusCode(200)
                .body("rules.payoutCapMonthsOther", equalTo("2.00")).body("beneficiary", equalTo("HOUSEHOLD"));
        try {
            approve(id, "2000.01").statusCode(422).body("rule", equalTo("PAYOUT_CAP_MONTHS"))
                    .body("detail", containsString("2000.00"));
            approve(id, "2000.00").statusCode(200);
        } finally {
            as(ADMIN).body("""
                    {"countsAsAidItem": true, "acceptsTemporaryFile": false, "migrantOnly": false,
                     "evidence": ["placementOutcome"]}""").put("/api/v1/projects/EMPLOYMENT_AID").then().statusCode(200);
        }
    }

    @Test
    void aRuleCountedInMonthsCannotPassWhileTheYearHasNoMinimumLivingStandard() {
        int year = freshYear();
        budget("LIVING_RELIEF", year, "100000");
        long id = submit("LIVING_RELIEF", Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1), year, "100.00", NO_DETAILS);
        approve(id, "100.00").statusCode(422).body("rule", equalTo("MINIMUM_LIVING_STANDARD_NOT_SET"));
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("0.00"));
    }

    @Test
    void listsRefuseAnUnknownStatusWith400() {
        as(REVIEWER).get("/api/v1/applications?status=LOST").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("status"));
    }

    @Test
    void festivalWarmthVisitsAHouseholdOncePerCampaignWithoutCountingAsItsAidItem() {
        int year = yearWithBudget("FESTIVAL_WARMTH", "100000");
        budget("LIVING_RELIEF", year, "100000");
        long relative = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        long spring = submit("FESTIVAL_WARMTH", relative, year, "500.00", "{\"campaign\": \"SPRING-FESTIVAL\"}");
        long again = submit("FESTIVAL_WARMTH", relative, year, "500.00", "{\"campaign\": \"SPRING-FESTIVAL\"}");
        long autumn = submit("FESTIVAL_WARMTH", relative, year, "500.00", "{\"campaign\": \"MID-AUTUMN\"}");
        approve(spring, "500.00").statusCode(200);
        approve(again, "500.00").statusCode(422).body("rule", equalTo("ONCE_PER_CAMPAIGN"));
        approve(autumn, "500.00").statusCode(200);
        // Visits are not the household's one aid item of the year.
        approve(submit("LIVING_RELIEF", relative, year, "1000.00", NO_DETAILS), "1000.00").statusCode(200);
        budgetOf("FESTIVAL_WARMTH", year).body("reserved", equalTo("1000.00"));
    }

    @Test
    void medicalMutualAidPaysHalfTheOutOfPocketShareUpToAYearlyCap() {
        int year = yearWithBudget("MEDICAL_MUTUAL_AID", "100000");
        long member = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        String bills = "{\"medicalBills\": \"B\", \"outOfPocket\": \"%s\", \"mutualAidMembership\": \"M-%d\"}";
        long first = submit("MEDICAL_MUTUAL_AID", member, year, "10000.00", bills.formatted("18000.00", year));
        approve(first, "9000.01").statusCode(422).body("rule", equalTo("SHARE_OF_COST"));
        approve(first, "9000.00").statusCode(200);
        long second = submit("MEDICAL_MUTUAL_AID", member, year, "3000.00", bills.formatted("6000.00", year));
        approve(second, "1000.01").statusCode(422).body("rule", equalTo("YEARLY_CAP")).body("detail", containsString("1000.00"));
        approve(second, "1000.00").statusCode(200);
    }
}
