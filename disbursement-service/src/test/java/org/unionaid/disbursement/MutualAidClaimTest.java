package org.unionaid.disbursement;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.service.MutualAidToday;
import org.unionaid.disbursement.support.IdNumbers;
import org.unionaid.disbursement.support.LedgerAudit;
import org.unionaid.disbursement.support.Race;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.testsupport.PostgresResource;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.disbursement.support.Api.ADMIN;
import static org.unionaid.disbursement.support.Api.CLERK_A;
import static org.unionaid.disbursement.support.Api.CLERK_B;
import static org.unionaid.disbursement.support.Api.FINANCE;
import static org.unionaid.disbursement.support.Api.REVIEWER;
import static org.unionaid.disbursement.support.Api.SERVICE;
import static org.unionaid.disbursement.support.Api.approve;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.bankFile;
import static org.unionaid.disbursement.support.Api.budget;
import static org.unionaid.disbursement.support.Api.budgetOf;
import static org.unionaid.disbursement.support.Api.exportBankFile;
import static org.unionaid.disbursement.support.Api.freshYear;
import static org.unionaid.disbursement.support.Api.pay;
import static org.unionaid.disbursement.support.Api.payCash;

/**
 * Medical mutual-aid claims by enrolment (issue 18): no hardship file; the plan's waiting period, share, caps per claim
 * and per member and year; the year's MEDICAL_MUTUAL_AID budget; decided and paid as all aid, to the member's account.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class MutualAidClaimTest {

    private static final String PROJECT = "MEDICAL_MUTUAL_AID";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Inject
    LedgerAudit ledger;

    /** The year of each enrolment made here: its claims are admitted in that year. */
    private static final Map<Long, Integer> YEARS = new ConcurrentHashMap<>();

    @BeforeEach
    void registry() {
        Stub.stations();
        livingOn(LocalDate.of(2200, 12, 31));
    }

    /** The tests charge years from 2100 on; the rules' today (no admission after it) is a day of the caller's choosing. */
    static void livingOn(LocalDate day) {
        QuarkusMock.installMockForType(new MutualAidToday() {
            @Override
            public LocalDate date() {
                return day;
            }
        }, MutualAidToday.class);
    }

    /** The first day of the year the plan's 30 waiting days after 1 January let a claim admit in. */
    static LocalDate covered(long enrolment) {
        return LocalDate.of(YEARS.get(enrolment), 1, 31);
    }

    @AfterEach
    void budgetsEqualTheLedger() {
        ledger.assertBudgetsEqualLedger();
    }

    /** A year with a plan (30 waiting days, half the cost, 8,000 a claim, 10,000 a year) and the fund's budget. */
    static int planYear(String budget) {
        int year = freshYear();
        as(ADMIN).body(MutualAidEnrolmentTest.plan("120", 30, "0.5", "8000", "10000"))
                .put("/api/v1/mutual-aid/plans/" + year).then().statusCode(200);
        budget(PROJECT, year, budget);
        return year;
    }

    /** A member enrolled today for the year: the enrolment's id. */
    static JsonPath enrol(int year, String name) {
        long enterprise = MutualAidEnrolmentTest.enterprise("CLOSED");
        JsonPath made = as(CLERK_A).body(MutualAidEnrolmentTest.enrolment(IdNumbers.fresh(), name, enterprise, year, "120", "UNION"))
                .post("/api/v1/mutual-aid/enrolments").then().statusCode(201).extract().jsonPath();
        YEARS.put(made.getLong("id"), year);
        return made;
    }

    static ValidatableResponse claim(String clerk, long enrolmentId, String amount, String outOfPocket, LocalDate admitted) {
        return as(clerk).body("""
                        {"projectCode": "%s", "enrolmentId": %d, "requestedAmount": "%s",
                         "details": {"medicalBills": "B-1", "outOfPocket": "%s", "admissionDate": "%s", "hospital": "City No. 1"}}"""
                        .formatted(PROJECT, enrolmentId, amount, outOfPocket, admitted))
                .post("/api/v1/applications").then();
    }

    static long claim(long enrolmentId, String amount, String outOfPocket) {
        return claim(CLERK_A, enrolmentId, amount, outOfPocket, covered(enrolmentId)).statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void aClaimByEnrolmentNeedsNoFileAndIsCheckedAgainstThePlansShareAndCaps() {
        int year = planYear("100000");
        JsonPath member = enrol(year, "刘洋");
        long enrolment = member.getLong("id");
        long first = claim(CLERK_A, enrolment, "9500.00", "18000.00", covered(enrolment)).statusCode(201)
                .body("beneficiary", equalTo("MEMBER")).body("workerId", nullValue())
                .body("enrolmentId", equalTo((int) enrolment)).body("memberId", equalTo(member.getInt("memberId")))
                .body("enterpriseId", equalTo(member.getInt("enterpriseId"))).body("year", equalTo(year))
                .body("stationCode", equalTo(Stub.STATION_A))
                .extract().jsonPath().getLong("id");
        approve(first, "9000.01").statusCode(422).body("rule", equalTo("SHARE_OF_COST")).body("detail", containsString("9000.00"));
        approve(first, "8000.01").statusCode(422).body("rule", equalTo("PER_CLAIM_CAP")).body("detail", containsString("8000.00"));
        approve(first, "8000.00").statusCode(200).body("status", equalTo("APPROVED"));
        long second = claim(enrolment, "5000.00", "12000.00");
        approve(second, "2000.01").statusCode(422).body("rule", equalTo("YEARLY_CAP")).body("detail", containsString("2000.00"));
        budgetOf(PROJECT, year).body("reserved", equalTo("8000.00"));
        approve(second, "2000.00").statusCode(200);
        budgetOf(PROJECT, year).body("reserved", equalTo("10000.00")).body("available", equalTo("90000.00"));
        // Another member of the same year has a yearly cap of his own.
        long other = claim(enrol(year, "陈静").getLong("id"), "3000.00", "6000.00");
        approve(other, "3000.00").statusCode(200);
    }

    @Test
    void anAdmissionInTheWaitingPeriodIsRefusedAndOneOnItsLastDayIsNot() {
        int year = planYear("100000");
        long enrolment = enrol(year, "黄磊").getLong("id");
        // Enrolled before the year, the member is covered from 1 January: the 30 waiting days end on 30 January.
        long early = claim(CLERK_A, enrolment, "1000.00", "4000.00", LocalDate.of(year, 1, 30)).statusCode(201).extract().jsonPath().getLong("id");
        approve(early, "1000.00").statusCode(422).contentType("application/problem+json")
                .body("rule", equalTo("WAITING_PERIOD")).body("type", endsWith(":not-eligible"));
        long onTime = claim(CLERK_A, enrolment, "1000.00", "4000.00", LocalDate.of(year, 1, 31)).statusCode(201).extract().jsonPath().getLong("id");
        approve(onTime, "1000.00").statusCode(200);
        budgetOf(PROJECT, year).body("reserved", equalTo("1000.00"));
    }

    @Test
    void concurrentDecisionsForOneMemberNeverBothFitUnderTheYearlyCap() throws Exception {
        int year = planYear("100000");
        long enrolment = enrol(year, "杨帆").getLong("id");
        List<Long> claims = List.of(claim(enrolment, "4000.00", "8000.00"), claim(enrolment, "4000.00", "8000.00"),
                claim(enrolment, "4000.00", "8000.00"), claim(enrolment, "4000.00", "8000.00"));
        List<Integer> statuses = Race.of(4, n -> approve(claims.get(n), "4000.00").extract().statusCode());
        assertEquals(2, statuses.stream().filter(s -> s == 200).count(), "two claims of 4,000 fit under 10,000: " + statuses);
        assertEquals(2, statuses.stream().filter(s -> s == 422).count(), statuses.toString());
        budgetOf(PROJECT, year).body("reserved", equalTo("8000.00"));
    }

    @Test
    void overTheFundsBudgetIs409AndWithoutAPlanTheClaimIsRefusedNamingIt() {
        int year = planYear("5000");
        long enrolment = enrol(year, "吴迪").getLong("id");
        long claim = claim(enrolment, "6000.00", "12000.00");
        approve(claim, "6000.00").statusCode(409).body("rule", equalTo("BUDGET"));
        budgetOf(PROJECT, year).body("reserved", equalTo("0.00"));
        int noPlan = freshYear();
        budget(PROJECT, noPlan, "5000");
        long bare = claim(enrol(noPlan, "郑爽").getLong("id"), "100.00", "1000.00");
        approve(bare, "100.00").statusCode(422).body("type", endsWith(":no-mutual-aid-plan"));
    }

    @Test
    void badClaimsAreA4xxNamingTheField() {
        int year = planYear("1000");
        long enrolment = enrol(year, "马超").getLong("id");
        as(CLERK_A).body("""
                        {"projectCode": "SERIOUS_ILLNESS", "enrolmentId": %d, "requestedAmount": "10",
                         "details": {"medicalBills": "B", "outOfPocket": "10"}}""".formatted(enrolment))
                .post("/api/v1/applications").then().statusCode(400).body("violations.field", org.hamcrest.Matchers.hasItem("enrolmentId"));
        as(CLERK_A).body("""
                        {"projectCode": "%s", "enrolmentId": %d, "workerId": 5, "requestedAmount": "10",
                         "details": {"medicalBills": "B", "outOfPocket": "10", "admissionDate": "%s"}}""".formatted(PROJECT, enrolment, TODAY))
                .post("/api/v1/applications").then().statusCode(400).body("violations[0].field", equalTo("workerId"));
        as(CLERK_A).body("""
                        {"projectCode": "%s", "enrolmentId": %d, "requestedAmount": "10",
                         "details": {"medicalBills": "B", "outOfPocket": "10", "admissionDate": "soon"}}""".formatted(PROJECT, enrolment))
                .post("/api/v1/applications").then().statusCode(400).body("violations[0].field", equalTo("details.admissionDate"));
        claim(CLERK_A, 987_654_321L, "10.00", "20.00", TODAY).statusCode(404);
        // a year with a plan takes claims by enrolment only: one by hardship file is refused before anything is read
        as(CLERK_A).header("Accept-Language", "zh").body("""
                        {"projectCode": "%s", "workerId": 5, "year": %d, "requestedAmount": "10",
                         "details": {"medicalBills": "B", "outOfPocket": "10"}}""".formatted(PROJECT, year))
                .post("/api/v1/applications").then().statusCode(422).body("type", endsWith(":claim-by-enrolment"))
                .body("violations[0].field", equalTo("enrolmentId")).body("title", equalTo("须按参保记录申请"));
        as(CLERK_A).body("""
                        {"projectCode": "%s", "enrolmentId": %d, "year": %d, "requestedAmount": "10",
                         "details": {"medicalBills": "B", "outOfPocket": "10", "admissionDate": "%s"}}""".formatted(PROJECT, enrolment, year + 1, TODAY))
                .post("/api/v1/applications").then().statusCode(400).body("violations[0].field", equalTo("year"));
        as(REVIEWER).body("""
                        {"projectCode": "%s", "enrolmentId": %d, "requestedAmount": "10",
                         "details": {"medicalBills": "B", "outOfPocket": "10", "admissionDate": "%s"}}""".formatted(PROJECT, enrolment, TODAY))
                .post("/api/v1/applications").then().statusCode(403);
    }

    @Test
    void aClaimIsPaidInCashOrByBankToTheMembersOwnAccountAndTheFeedNamesTheEnrolment() {
        int year = planYear("100000");
        JsonPath member = enrol(year, "林峰");
        long enrolment = member.getLong("id");
        long cash = claim(enrolment, "1000.00", "2000.00");
        approve(cash, "1000.00").statusCode(200);
        int before = as(SERVICE).get("/api/v1/feed/payouts?after=0&limit=1000").then().extract().jsonPath().getInt("lastSeq");
        payCash(cash, "R-" + cash).statusCode(201).body("status", equalTo("PAID"));
        Map<String, Object> item = as(SERVICE).get("/api/v1/feed/payouts?after=" + before + "&limit=1000").then().statusCode(200)
                .extract().jsonPath().getMap("items.find { it.applicationId == " + cash + " }");
        assertEquals("MEMBER", item.get("beneficiary"));
        assertNull(item.get("workerId"));
        assertEquals(member.getInt("id"), item.get("enrolmentId"));
        assertEquals(member.getInt("memberId"), item.get("memberId"));
        assertEquals(member.getInt("enterpriseId"), item.get("enterpriseId"));
        assertEquals("1000.00", item.get("amount"));

        long bank = claim(enrolment, "2000.00", "4000.00");
        approve(bank, "2000.00").statusCode(200);
        long payout = pay(bank, "MA-" + bank).statusCode(201).extract().jsonPath().getLong("id");
        exportBankFile(PROJECT, payout).statusCode(422).body("type", endsWith(":no-bank-account"));
        String url = "/api/v1/mutual-aid/enrolments/" + enrolment + "/bank-account";
        as(CLERK_A).body("{\"bankName\": \"ICBC\", \"accountNumber\": \"6222020200112233445\", \"accountName\": \"林 峰\"}")
                .put(url).then().statusCode(422).body("violations[0].field", equalTo("accountName"));
        as(CLERK_A).body("{\"bankName\": \"ICBC\", \"accountNumber\": \"62-22\", \"accountName\": \"林峰\"}")
                .put(url).then().statusCode(400).body("violations[0].field", equalTo("accountNumber"))
                .body("violations[0].message", equalTo("must be 12 to 30 digits"));
        as(CLERK_A).header("Accept-Language", "zh").body("{\"bankName\": \"ICBC\", \"accountNumber\": \"62-22\", \"accountName\": \"林峰\"}")
                .put(url).then().statusCode(400).body("violations[0].field", equalTo("accountNumber"))
                .body("violations[0].message", equalTo("须为 12 至 30 位数字"));
        as(FINANCE).body("{\"bankName\": \"ICBC\", \"accountNumber\": \"6222020200112233445\", \"accountName\": \"林峰\"}")
                .put(url).then().statusCode(403);
        as(CLERK_A).body("{\"bankName\": \"ICBC\", \"accountNumber\": \"6222020200112233445\", \"accountName\": \"林峰\"}")
                .put(url).then().statusCode(200).body("bankAccount.bankName", equalTo("ICBC"))
                .body("bankAccount.accountNumber", equalTo("***************3445"));
        long file = bankFile(PROJECT, payout);
        String content = new String(as(FINANCE).get("/api/v1/bank-files/" + file + "/content").then().statusCode(200)
                .extract().asByteArray(), StandardCharsets.UTF_8);
        assertTrue(content.contains("6222020200112233445") && content.contains("林峰") && content.contains("2000.00"), content);
        String result = "reference,status,amount,message\nMA-" + bank + ",SUCCESS,2000.00,\n";
        org.unionaid.disbursement.support.Api.results(file, result).statusCode(200).body("lines[0].result", equalTo("APPLIED"));
        org.unionaid.disbursement.support.Api.results(file, result).statusCode(200).body("lines[0].result", equalTo("ALREADY_APPLIED"));
        as(FINANCE).get("/api/v1/payouts/" + payout).then().statusCode(200).body("status", equalTo("PAID"));
        budgetOf(PROJECT, year).body("paid", equalTo("3000.00")).body("reserved", equalTo("0.00"));
        // Another station's clerk does not see the claim.
        as(CLERK_B).get("/api/v1/applications/" + bank).then().statusCode(404);
        assertFalse(as(FINANCE).get("/api/v1/mutual-aid/enrolments/" + enrolment).then().extract().asString().contains("6222020200112233445"));
    }
}
