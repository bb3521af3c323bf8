package org.unionaid.disbursement;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.support.IdNumbers;
import org.unionaid.disbursement.support.LedgerAudit;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.testsupport.PostgresResource;
import org.unionaid.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.unionaid.disbursement.support.Api.ADMIN;
import static org.unionaid.disbursement.support.Api.CLERK_A;
import static org.unionaid.disbursement.support.Api.CLERK_B;
import static org.unionaid.disbursement.support.Api.allItems;
import static org.unionaid.disbursement.support.Api.freshYear;
import static org.unionaid.disbursement.support.Api.FINANCE;
import static org.unionaid.disbursement.support.Api.REVIEWER;
import static org.unionaid.disbursement.support.Api.REVIEWER_2;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.budgetOf;
import static org.unionaid.disbursement.support.Api.decide;
import static org.unionaid.disbursement.support.Api.exportBankFile;
import static org.unionaid.disbursement.support.Api.pay;

/**
 * Review findings of medical mutual aid (issue 18): separation of duties around a member (who enrolled him or set his
 * bank account neither approves his claim nor exports it to the bank) and the admission date within the enrolment's
 * year and not after today. Each refusal leaves the money and the data where they were.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class MutualAidDutiesTest {

    private static final String PROJECT = "MEDICAL_MUTUAL_AID";
    private static final String ENROLMENTS = "/api/v1/mutual-aid/enrolments";
    /** A third reviewer, and the finance officer's own reviewer token (one person with two roles). */
    private static final String REVIEWER_3 = "Bearer " + TestTokens.token("reviewer", null, "reviewer-zhou");
    private static final String FINANCE_AS_REVIEWER = "Bearer " + TestTokens.token("reviewer", null, "finance-zhao");

    @Inject
    LedgerAudit ledger;

    @Inject
    AgroalDataSource database;

    @BeforeEach
    void registry() {
        Stub.stations();
        MutualAidClaimTest.livingOn(LocalDate.of(2200, 12, 31));
    }

    @AfterEach
    void budgetsEqualTheLedger() {
        ledger.assertBudgetsEqualLedger();
    }

    private static long enrol(String bearer, int year, String name) {
        long enterprise = MutualAidEnrolmentTest.enterprise("CLOSED");
        return as(bearer).body(MutualAidEnrolmentTest.enrolment(IdNumbers.fresh(), name, enterprise, year, "120", "UNION"))
                .post(ENROLMENTS).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static void account(String bearer, long enrolment, String name, String number) {
        as(bearer).body("{\"bankName\": \"ICBC\", \"accountNumber\": \"%s\", \"accountName\": \"%s\"}".formatted(number, name))
                .put(ENROLMENTS + "/" + enrolment + "/bank-account").then().statusCode(200);
    }

    @Test
    void whoEnrolledTheMemberOrSetHisAccountNeitherApprovesHisClaimNorExportsIt() {
        int year = MutualAidClaimTest.planYear("100000");
        long enrolment = enrol(REVIEWER, year, "赵敏");
        long claim = MutualAidClaimTest.claim(CLERK_A, enrolment, "1000.00", "2000.00", LocalDate.of(year, 2, 1))
                .statusCode(201).extract().jsonPath().getLong("id");
        decide(REVIEWER, claim, "1000.00").statusCode(403).contentType("application/problem+json")
                .body("type", endsWith(":member-separation-of-duties")).body("rule", equalTo("ENROLLER_CANNOT_APPROVE"))
                .body("detail", containsString("ENROLLER_CANNOT_APPROVE"));
        as(REVIEWER).header("Accept-Language", "zh").body("{\"approve\": true, \"amount\": \"1000.00\"}")
                .post("/api/v1/applications/" + claim + "/decision").then().statusCode(403)
                .body("title", equalTo("职责分离")).body("detail", containsString("ENROLLER_CANNOT_APPROVE"));
        account(REVIEWER_2, enrolment, "赵敏", "6222020200112233445");
        decide(REVIEWER_2, claim, "1000.00").statusCode(403).body("rule", equalTo("ACCOUNT_SETTER_CANNOT_APPROVE"));
        as(FINANCE).get("/api/v1/applications/" + claim).then().statusCode(200).body("status", equalTo("SUBMITTED"));
        budgetOf(PROJECT, year).body("reserved", equalTo("0.00"));

        decide(REVIEWER_3, claim, "1000.00").statusCode(200).body("status", equalTo("APPROVED"));
        budgetOf(PROJECT, year).body("reserved", equalTo("1000.00"));
        long payout = pay(claim, "MD-" + claim).statusCode(201).extract().jsonPath().getLong("id");
        // The finance officer, as a reviewer, points the member's account elsewhere: he does not export the payout.
        account(FINANCE_AS_REVIEWER, enrolment, "赵敏", "6222020200998877665");
        exportBankFile(PROJECT, payout).statusCode(403).body("type", endsWith(":member-separation-of-duties"))
                .body("rule", equalTo("ACCOUNT_SETTER_CANNOT_EXPORT"));
        as(FINANCE).get("/api/v1/payouts/" + payout).then().statusCode(200).body("status", equalTo("ISSUED"));
        assertEquals(0L, count("SELECT count(*) FROM payout WHERE id = ? AND bank_file_id IS NOT NULL", payout));
        // Set again by someone else, the account goes to the bank.
        account(REVIEWER_2, enrolment, "赵敏", "6222020200112233445");
        exportBankFile(PROJECT, payout).statusCode(201);
        as(FINANCE).get("/api/v1/payouts/" + payout).then().statusCode(200).body("status", equalTo("SENT"));
    }

    @Test
    void anAdmissionLiesInTheEnrolmentsYearAndNotAfterToday() {
        int year = MutualAidClaimTest.planYear("100000");
        long enrolment = enrol(CLERK_A, year, "钱进");
        MutualAidClaimTest.livingOn(LocalDate.of(year, 6, 30));
        for (LocalDate day : new LocalDate[]{LocalDate.of(year - 1, 12, 31), LocalDate.of(year, 7, 1), LocalDate.of(year - 5, 3, 1)}) {
            MutualAidClaimTest.claim(CLERK_A, enrolment, "100.00", "1000.00", day).statusCode(422)
                    .contentType("application/problem+json").body("type", endsWith(":admission-outside-year"))
                    .body("violations[0].field", equalTo("details.admissionDate"))
                    .body("detail", containsString(year + "-06-30"));
        }
        as(CLERK_A).header("Accept-Language", "zh").body("""
                        {"projectCode": "%s", "enrolmentId": %d, "requestedAmount": "100",
                         "details": {"medicalBills": "B", "outOfPocket": "1000", "admissionDate": "%s"}}"""
                        .formatted(PROJECT, enrolment, LocalDate.of(year, 7, 1)))
                .post("/api/v1/applications").then().statusCode(422).body("title", equalTo("入院日期不在互助年度内"));
        assertEquals(0L, count("SELECT count(*) FROM application WHERE enrolment_id = ?", enrolment));
        long onToday = MutualAidClaimTest.claim(CLERK_A, enrolment, "100.00", "1000.00", LocalDate.of(year, 6, 30))
                .statusCode(201).extract().jsonPath().getLong("id");
        // A year later the 31 December is the last day; the next day belongs to another year's enrolment.
        MutualAidClaimTest.livingOn(LocalDate.of(year + 1, 3, 1));
        MutualAidClaimTest.claim(CLERK_A, enrolment, "100.00", "1000.00", LocalDate.of(year + 1, 1, 1)).statusCode(422)
                .body("violations[0].field", equalTo("details.admissionDate"));
        long lastDay = MutualAidClaimTest.claim(CLERK_A, enrolment, "100.00", "1000.00", LocalDate.of(year, 12, 31))
                .statusCode(201).extract().jsonPath().getLong("id");
        assertEquals(2L, count("SELECT count(*) FROM application WHERE enrolment_id = ?", enrolment));
        decide(REVIEWER, onToday, "100.00").statusCode(200);
        decide(REVIEWER, lastDay, "100.00").statusCode(200);
        budgetOf(PROJECT, year).body("reserved", equalTo("200.00"));
    }

    @Test
    void aNameASpreadsheetWouldRunAsAFormulaIsRefusedAloneAndAsALineOfABulkFile() {
        int year = freshYear();
        long enterprise = MutualAidEnrolmentTest.enterprise("OPERATING");
        for (String name : List.of("=HYPERLINK(\\\"x\\\")", "+1", "-2", "@SUM(A1)", " =1")) {
            as(CLERK_A).body(MutualAidEnrolmentTest.enrolment(IdNumbers.fresh(), name, enterprise, year, "50", "MEMBER"))
                    .post(ENROLMENTS).then().statusCode(422).contentType("application/problem+json")
                    .body("type", endsWith(":invalid-enrolment")).body("violations[0].field", equalTo("name"))
                    .body("detail", containsString("name"));
        }
        as(CLERK_A).header("Accept-Language", "zh").body(MutualAidEnrolmentTest.enrolment(IdNumbers.fresh(), "=1+1", enterprise, year, "50", "MEMBER"))
                .post(ENROLMENTS).then().statusCode(422).body("detail", equalTo("无法参保：name 不合规。"));
        String csv = "idNumber,name,premium,paidBy\n" + IdNumbers.fresh() + ",=cmd|'/c calc'!A1,50,MEMBER\n"
                + IdNumbers.fresh() + ",孙七,50,MEMBER\n" + IdNumbers.fresh() + ",@x,50,MEMBER\n";
        MutualAidEnrolmentTest.bulk(enterprise, year, csv, StandardCharsets.UTF_8).statusCode(200)
                .body("enrolled", equalTo(1)).body("refused", equalTo(2))
                .body("items.result", equalTo(List.of("REFUSED", "ENROLLED", "REFUSED")))
                .body("items[0].field", equalTo("name")).body("items[2].field", equalTo("name"));
        assertEquals(1, allItems(ADMIN, ENROLMENTS + "?year=" + year, "id", Long.class).size());
    }

    @Test
    void aPlansCapPerClaimNeverExceedsItsYearlyCapInTheApiNorInTheDatabase() {
        int year = MutualAidClaimTest.planYear("1000");
        as(ADMIN).body(MutualAidEnrolmentTest.plan("120", 30, "0.5", "10000.01", "10000")).put("/api/v1/mutual-aid/plans/" + year)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith(":per-claim-cap-above-yearly-cap")).body("violations[0].field", equalTo("perClaimCap"));
        as(ADMIN).header("Accept-Language", "zh").body(MutualAidEnrolmentTest.plan("120", 30, "0.5", "10000.01", "10000"))
                .put("/api/v1/mutual-aid/plans/" + year).then().statusCode(422).body("title", equalTo("单次上限高于年度上限"));
        as(ADMIN).get("/api/v1/mutual-aid/plans/" + year).then().statusCode(200)
                .body("current.perClaimCap", equalTo("8000.00")).body("history", org.hamcrest.Matchers.hasSize(1));
        SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> update("UPDATE mutual_aid_plan SET per_claim_cap = yearly_cap_per_member + 1 WHERE year = ?", year));
        assertEquals("23514", refused.getSQLState());
        as(ADMIN).body(MutualAidEnrolmentTest.plan("120", 30, "0.5", "10000", "10000")).put("/api/v1/mutual-aid/plans/" + year)
                .then().statusCode(200).body("current.perClaimCap", equalTo("10000.00"));
    }

    @Test
    void aClerkSetsTheAccountsOfHisStationsMembersOnlyAndEveryChangeIsKeptSealed() {
        int year = freshYear();
        long mine = enrol(CLERK_A, year, "周芳");
        String url = ENROLMENTS + "/" + mine + "/bank-account";
        String first = "{\"bankName\": \"ICBC\", \"accountNumber\": \"6222020200112233445\", \"accountName\": \"周芳\"}";
        as(CLERK_B).body(first).put(url).then().statusCode(404).contentType("application/problem+json");
        assertEquals(1L, count("SELECT count(*) FROM mutual_aid_member m JOIN mutual_aid_enrolment e ON e.member_id = m.id"
                + " WHERE e.id = ? AND m.bank_name IS NULL AND m.bank_account_version = 0", mine), "no account set");
        assertEquals(0L, count("SELECT count(*) FROM mutual_aid_bank_account_event WHERE enrolment_id = ?", mine));
        as(CLERK_A).body(first).put(url).then().statusCode(200).body("bankAccount.accountNumber", equalTo("***************3445"));
        as(CLERK_A).body(first).put(url).then().statusCode(200);
        as(REVIEWER).body(first.replace("6222020200112233445", "6222020200556677889")).put(url).then().statusCode(200);
        assertEquals(2L, count("SELECT count(*) FROM mutual_aid_bank_account_event WHERE enrolment_id = ?", mine),
                "the same account again is no change");
        assertEquals(1L, count("SELECT count(*) FROM mutual_aid_bank_account_event WHERE enrolment_id = ? AND version = 1"
                + " AND before_account IS NULL AND actor = 'test-clerk-" + Stub.STATION_A + "'", mine));
        assertEquals(1L, count("SELECT count(*) FROM mutual_aid_bank_account_event WHERE enrolment_id = ? AND version = 2"
                + " AND before_account IS NOT NULL AND actor = 'reviewer-li'", mine));
        assertEquals(0L, count("SELECT count(*) FROM mutual_aid_bank_account_event WHERE enrolment_id = ? AND"
                + " (position('3445'::bytea in after_account) > 0 OR position('7889'::bytea in after_account) > 0"
                + " OR position('ICBC'::bytea in coalesce(before_account, ''::bytea)) > 0)", mine), "sealed at rest");
        SQLException rewritten = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> update("UPDATE mutual_aid_bank_account_event SET actor = 'someone' WHERE enrolment_id = ?", mine));
        assertEquals("23514", rewritten.getSQLState());
        // An enrolment made by city-wide staff belongs to no station: no clerk changes its member's account.
        long citywide = enrol(REVIEWER, year, "吴刚");
        as(CLERK_A).body(first.replace("周芳", "吴刚")).put(ENROLMENTS + "/" + citywide + "/bank-account").then().statusCode(404);
        assertEquals(0L, count("SELECT count(*) FROM mutual_aid_bank_account_event WHERE enrolment_id = ?", citywide));
    }

    @Test
    void membersAreReadByTheirStationsClerksAndCityWideStaffOnlyAndEveryReadIsLogged() {
        int year = freshYear();
        long mine = enrol(CLERK_A, year, "孔明");
        long citywide = enrol(REVIEWER, year, "关羽");
        String analyst = "Bearer " + TestTokens.token("analyst", null, "analyst-qian");
        as(analyst).get(ENROLMENTS + "/" + mine).then().statusCode(403);
        as(analyst).get(ENROLMENTS + "?year=" + year).then().statusCode(403);
        as(CLERK_B).get(ENROLMENTS + "/" + mine).then().statusCode(404).contentType("application/problem+json");
        as(CLERK_A).get(ENROLMENTS + "/" + citywide).then().statusCode(404);
        assertEquals(List.of(), allItems(CLERK_B, ENROLMENTS + "?year=" + year, "id", Long.class));
        assertEquals(List.of(mine), allItems(CLERK_A, ENROLMENTS + "?year=" + year, "id", Long.class));
        assertEquals(List.of(mine, citywide), allItems(FINANCE, ENROLMENTS + "?year=" + year, "id", Long.class));
        String clerksReads = "SELECT count(*) FROM mutual_aid_member_access WHERE enrolment_id = ?"
                + " AND purpose = 'ENROLMENT' AND actor = 'test-clerk-" + Stub.STATION_A + "'";
        long before = count(clerksReads, mine);
        as(CLERK_A).get(ENROLMENTS + "/" + mine).then().statusCode(200).body("name", equalTo("孔明"));
        assertEquals(before + 1, count(clerksReads, mine));
        assertEquals(1L, count("SELECT count(*) FROM mutual_aid_member_access WHERE enrolment_id = ?"
                + " AND purpose = 'ENROLMENTS' AND actor = 'finance-zhao'", citywide), "the page FINANCE read");
        assertEquals(0L, count("SELECT count(*) FROM mutual_aid_member_access WHERE enrolment_id = ? AND actor IN"
                + " ('analyst-qian', 'test-clerk-" + Stub.STATION_B + "')", mine), "refused reads show nothing, log nothing");
    }

    @Test
    void aChangeOfTheAccountNamesTheVersionItReplacesAndAStaleOneIs412() {
        long enrolment = enrol(CLERK_A, freshYear(), "诸葛亮");
        String url = ENROLMENTS + "/" + enrolment + "/bank-account";
        String body = "{\"bankName\": \"ICBC\", \"accountNumber\": \"%s\", \"accountName\": \"诸葛亮\"}";
        String read = as(CLERK_A).get(ENROLMENTS + "/" + enrolment).then().statusCode(200).extract().header("ETag");
        assertEquals("\"0\"", read);
        as(CLERK_A).header("If-Match", read).body(body.formatted("6222020200112233445")).put(url).then().statusCode(200)
                .header("ETag", "\"1\"");
        // A second clerk's change made from the same stale read is refused: nothing overwritten unseen.
        as(REVIEWER).header("If-Match", read).body(body.formatted("6222020200998877665")).put(url).then().statusCode(412)
                .contentType("application/problem+json").body("type", endsWith(":bank-account-changed"));
        as(REVIEWER).header("Accept-Language", "zh").header("If-Match", "W/\"7\"").body(body.formatted("6222020200998877665"))
                .put(url).then().statusCode(412).body("title", equalTo("银行账户已被修改"));
        as(REVIEWER).header("If-Match", "garbage").body(body.formatted("6222020200998877665")).put(url).then().statusCode(412);
        as(FINANCE).get(ENROLMENTS + "/" + enrolment).then().statusCode(200).header("ETag", "\"1\"")
                .body("bankAccount.accountNumber", equalTo("***************3445"));
        assertEquals(1L, count("SELECT count(*) FROM mutual_aid_bank_account_event WHERE enrolment_id = ?", enrolment));
        as(REVIEWER).header("If-Match", "\"1\"").body(body.formatted("6222020200998877665")).put(url).then().statusCode(200)
                .header("ETag", "\"2\"").body("bankAccount.accountNumber", equalTo("***************7665"));
    }

    private void update(String sql, long id) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    private long count(String sql, long id) {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
