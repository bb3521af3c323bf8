package org.unionaid.disbursement;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.testsupport.PostgresResource;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.unionaid.disbursement.support.Api.approve;
import static org.unionaid.disbursement.support.Api.budget;
import static org.unionaid.disbursement.support.Api.budgetOf;
import static org.unionaid.disbursement.support.Api.payCash;
import static org.unionaid.disbursement.support.Api.submit;
import static org.unionaid.disbursement.support.Api.yearWithBudget;
import static org.unionaid.disbursement.support.Stub.merged;
import static org.unionaid.disbursement.support.Stub.secondStudentOf;
import static org.unionaid.disbursement.support.Stub.studentOf;

/**
 * A reviewer merged duplicate file B into file A in the registry (issue 14): B is CANCELLED with mergedInto, A's view
 * has mergedFrom. B's committed applications count for A in every rule that counts a household's earlier aid, with
 * the problem a single file's history would give; a refusal reserves nothing.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class MergedFilesRulesTest extends LedgerCheckedTest {

    private static final String TRAINING = "{\"trainingCertificate\": \"WELDER-7\", \"trainingCost\": \"3000.00\"}";

    /** Merges file {@code from} into {@code into} (its category, income, size) in the stub registry. */
    private static void merge(long from, long into, String category, String yearlyIncome, int size, long... pairs) {
        Stub.mergedInto(from, category, into);
        Stub.survivor(into, category, yearlyIncome, size, "[" + merged(from, pairs) + "]");
    }

    @Test
    void aRelativeHouseholdWhoseMergedFileWasPaidThisYearGetsNoSecondItem() {
        int year = yearWithBudget("LIVING_RELIEF", "100000");
        budget("SKILLS_TRAINING", year, "100000");
        long b = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        long paid = submit("LIVING_RELIEF", b, year, "3000.00", NO_DETAILS);
        approve(paid, "3000.00").statusCode(200);
        payCash(paid, "R-MERGE-1").statusCode(201);
        long a = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        long second = submit("SKILLS_TRAINING", a, year, "2000.00", TRAINING);
        long onB = submit("SKILLS_TRAINING", b, year, "2000.00", TRAINING);

        merge(b, a, "RELATIVE", "18000.00", 1);
        approve(second, "2000.00").statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:union-aid:problem:not-eligible"))
                .body("rule", equalTo("ONE_ITEM_A_YEAR")).body("detail", containsString("ONE_ITEM_A_YEAR"));
        // The merged file itself is cancelled: nothing filed on it before the merge can be decided any more.
        approve(onB, "2000.00").statusCode(422).body("rule", equalTo("FILE_NOT_ACTIVE"));
        budgetOf("SKILLS_TRAINING", year).body("reserved", equalTo("0.00")).body("available", equalTo("100000.00"));
        budgetOf("LIVING_RELIEF", year).body("paid", equalTo("3000.00")).body("reserved", equalTo("0.00"));

        // An empty or null mergedFrom, or none at all (a registry before merges), is the file alone, as before.
        Stub.survivor(a, "RELATIVE", "18000.00", 1, "[]");
        approve(second, "2000.00").statusCode(200).body("status", equalTo("APPROVED"));
        long other = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        Stub.survivor(other, "RELATIVE", "18000.00", 1, "null");
        approve(submit("LIVING_RELIEF", other, year, "1000.00", NO_DETAILS), "1000.00").statusCode(200);
        long old = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        Stub.survivor(old, "RELATIVE", "18000.00", 1, "");
        approve(submit("LIVING_RELIEF", old, year, "1000.00", NO_DETAILS), "1000.00").statusCode(200);
        budgetOf("SKILLS_TRAINING", year).body("reserved", equalTo("2000.00"));
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("2000.00"));
    }

    @Test
    void aDeepHouseholdIsReTestedWithTheMergedFilesPaymentsCountedAsIncome() {
        int year = yearWithBudget("LIVING_RELIEF", "100000");
        budget("SKILLS_TRAINING", year, "100000");
        long b = Stub.worker("ACTIVE", "DEEP", "9600.00", 1);
        approve(submit("LIVING_RELIEF", b, year, "1500.00", NO_DETAILS), "1500.00").statusCode(200);
        long a = Stub.worker("ACTIVE", "DEEP", "9600.00", 1);
        approve(submit("LIVING_RELIEF", a, year, "900.00", NO_DETAILS), "900.00").statusCode(200);
        long next = submit("SKILLS_TRAINING", a, year, "500.00",
                "{\"trainingCertificate\": \"CNC-7\", \"trainingCost\": \"500.00\"}");

        // 9,600 + 900 (A) + 1,500 (B) = 12,000 a year: 1,000 a month, no longer below the minimum.
        merge(b, a, "DEEP", "9600.00", 1);
        approve(next, "500.00").statusCode(422).body("type", equalTo("urn:union-aid:problem:not-eligible"))
                .body("rule", equalTo("DEEP_RETEST"));
        budgetOf("SKILLS_TRAINING", year).body("reserved", equalTo("0.00"));

        // Without B's 1,500: 10,500 / 12 = 875, still deep.
        Stub.survivor(a, "DEEP", "9600.00", 1, "");
        approve(next, "500.00").statusCode(200);
        budgetOf("SKILLS_TRAINING", year).body("reserved", equalTo("500.00"));
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("2400.00"));
    }

    @Test
    void theYearlyAndLifetimeCapsCountWhatWasCommittedOnTheMergedFile() {
        int year = yearWithBudget("MEDICAL_MUTUAL_AID", "100000");
        String bills = "{\"medicalBills\": \"B\", \"outOfPocket\": \"%s\", \"mutualAidMembership\": \"M-%d\"}";
        long b = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        approve(submit("MEDICAL_MUTUAL_AID", b, year, "9000.00", bills.formatted("18000.00", year)), "9000.00")
                .statusCode(200);
        long a = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        long claim = submit("MEDICAL_MUTUAL_AID", a, year, "3000.00", bills.formatted("6000.00", year));
        merge(b, a, "RELATIVE", "18000.00", 1);
        approve(claim, "1000.01").statusCode(422).body("type", equalTo("urn:union-aid:problem:cap-exceeded"))
                .body("rule", equalTo("YEARLY_CAP")).body("detail", containsString("1000.00"));
        budgetOf("MEDICAL_MUTUAL_AID", year).body("reserved", equalTo("9000.00"));
        approve(claim, "1000.00").statusCode(200);
        budgetOf("MEDICAL_MUTUAL_AID", year).body("reserved", equalTo("10000.00"));

        int sick = yearWithBudget("SERIOUS_ILLNESS", "1000000");
        int later = yearWithBudget("SERIOUS_ILLNESS", "1000000");
        String hospital = "{\"medicalBills\": \"B\", \"outOfPocket\": \"200000\"}";
        long deepB = Stub.worker("ACTIVE", "DEEP", "0.00", 3);
        approve(submit("SERIOUS_ILLNESS", deepB, sick, "20000.00", hospital), "20000.00").statusCode(200);
        long deepA = Stub.worker("ACTIVE", "DEEP", "0.00", 3);
        long big = submit("SERIOUS_ILLNESS", deepA, later, "140000.00", hospital);
        merge(deepB, deepA, "DEEP", "0.00", 3);
        approve(big, "130000.01").statusCode(422).body("rule", equalTo("LIFETIME_CAP"))
                .body("detail", containsString("130000.00"));
        budgetOf("SERIOUS_ILLNESS", later).body("reserved", equalTo("0.00"));
    }

    @Test
    void goldenAutumnPaysAStudentOfTheMergedFilesOncePerSchoolYear() {
        int year = yearWithBudget("GOLDEN_AUTUMN", "100000");
        int nextYear = yearWithBudget("GOLDEN_AUTUMN", "100000");
        long b = Stub.worker("ACTIVE", "DEEP", "0.00", 3);
        approve(submit("GOLDEN_AUTUMN", b, year, "5000.00", student(studentOf(b), year)), "5000.00").statusCode(200);
        long a = Stub.worker("ACTIVE", "DEEP", "0.00", 3);
        long same = submit("GOLDEN_AUTUMN", a, year, "5000.00", student(studentOf(a), year));
        long sibling = submit("GOLDEN_AUTUMN", a, year, "5000.00", student(secondStudentOf(a), year));
        long nextSchoolYear = submit("GOLDEN_AUTUMN", a, nextYear, "5000.00", student(studentOf(a), nextYear));

        // B's student is A's first student.
        merge(b, a, "DEEP", "0.00", 3, studentOf(b), studentOf(a));
        approve(same, "5000.00").statusCode(422).body("type", equalTo("urn:union-aid:problem:not-eligible"))
                .body("rule", equalTo("ONCE_PER_STUDENT_SCHOOL_YEAR"));
        budgetOf("GOLDEN_AUTUMN", year).body("reserved", equalTo("5000.00"));
        approve(sibling, "5000.00").statusCode(200);
        approve(nextSchoolYear, "5000.00").statusCode(200);
        budgetOf("GOLDEN_AUTUMN", year).body("reserved", equalTo("10000.00"));
        budgetOf("GOLDEN_AUTUMN", nextYear).body("reserved", equalTo("5000.00"));

        // Paired with A's second student instead, B's aid no longer speaks for the first one.
        Stub.survivor(a, "DEEP", "0.00", 3, "[" + merged(b, studentOf(b), secondStudentOf(a)) + "]");
        approve(same, "5000.00").statusCode(200);
        budgetOf("GOLDEN_AUTUMN", year).body("reserved", equalTo("15000.00"));
    }

    @Test
    void aCampaignVisitsAHouseholdOnceAcrossItsMergedFiles() {
        int year = yearWithBudget("FESTIVAL_WARMTH", "100000");
        long b = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        approve(submit("FESTIVAL_WARMTH", b, year, "500.00", "{\"campaign\": \"SPRING-FESTIVAL\"}"), "500.00").statusCode(200);
        long a = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        long again = submit("FESTIVAL_WARMTH", a, year, "500.00", "{\"campaign\": \" spring-festival \"}");
        long autumn = submit("FESTIVAL_WARMTH", a, year, "500.00", "{\"campaign\": \"MID-AUTUMN\"}");
        merge(b, a, "RELATIVE", "18000.00", 1);
        approve(again, "500.00").statusCode(422).body("type", equalTo("urn:union-aid:problem:not-eligible"))
                .body("rule", equalTo("ONCE_PER_CAMPAIGN"));
        budgetOf("FESTIVAL_WARMTH", year).body("reserved", equalTo("500.00"));
        approve(autumn, "500.00").statusCode(200);
        budgetOf("FESTIVAL_WARMTH", year).body("reserved", equalTo("1000.00"));
    }

    private static String student(long memberId, int year) {
        return "{\"studentMemberId\": %d, \"schoolLevel\": \"UNIVERSITY\", \"schoolYear\": \"%d-%d\", \"admissionNotice\": \"N-%d\"}"
                .formatted(memberId, year, year + 1, memberId);
    }
}
