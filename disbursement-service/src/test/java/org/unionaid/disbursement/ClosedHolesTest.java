package org.unionaid.disbursement;

import db.migration.V3__Seal_application_details;
import db.migration.V4__Seal_idempotency_records;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.domain.Channel;
import org.unionaid.disbursement.rest.Dtos.PayoutRequest;
import org.unionaid.disbursement.service.Idempotency;
import org.unionaid.disbursement.service.KeyOwner;
import org.unionaid.disbursement.support.LedgerAudit;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.testsupport.PostgresResource;
import org.unionaid.testsupport.TestTokens;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.disbursement.support.Api.CLERK_A;
import static org.unionaid.disbursement.support.Api.FINANCE;
import static org.unionaid.disbursement.support.Api.REVIEWER;
import static org.unionaid.disbursement.support.Api.approve;
import static org.unionaid.disbursement.support.Api.bankFile;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.budget;
import static org.unionaid.disbursement.support.Api.budgetOf;
import static org.unionaid.disbursement.support.Api.decide;
import static org.unionaid.disbursement.support.Api.freshYear;
import static org.unionaid.disbursement.support.Api.pay;
import static org.unionaid.disbursement.support.Api.results;
import static org.unionaid.disbursement.support.Api.submit;

/** Issue 12: the holes an independent review found in disbursement, each closed. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class ClosedHolesTest {

    /** One person who holds reviewer and finance: the same token subject in both roles. */
    private static final String BOTH_AS_REVIEWER = "Bearer " + TestTokens.token("reviewer", null, "li-both");
    private static final String BOTH_AS_FINANCE = "Bearer " + TestTokens.token("finance", null, "li-both");

    @Inject
    AgroalDataSource database;

    @Inject
    Idempotency idempotency;

    @Inject
    org.unionaid.disbursement.crypto.DetailsCipher cipher;

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

    private static int yearWithBudget(String project) {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget(project, year, "1000000");
        return year;
    }

    private static String newApplication(String project, long worker, Object year, String amount, String details) {
        return """
                {"projectCode": "%s", "workerId": %d, "year": %s, "requestedAmount": %s, "details": %s}
                """.formatted(project, worker, year, amount, details);
    }

    // --- separation of duties ---

    @Test
    void whoeverApprovedAnApplicationCannotPayItAloneOrInABatch() {
        int year = yearWithBudget("LIVING_RELIEF");
        long single = submit("LIVING_RELIEF", Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, "300.00", "{}");
        long inBatch = submit("LIVING_RELIEF", Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, "200.00", "{}");
        decide(BOTH_AS_REVIEWER, single, "300.00").statusCode(200).body("status", equalTo("APPROVED"));
        decide(BOTH_AS_REVIEWER, inBatch, "200.00").statusCode(200);

        as(BOTH_AS_FINANCE).body("{\"applicationId\": %d, \"channel\": \"CASH\", \"reference\": \"R-1\"}".formatted(single))
                .post("/api/v1/payouts").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:union-aid:problem:separation-of-duties"))
                .body("rule", equalTo("APPROVER_CANNOT_PAY"));
        as(BOTH_AS_FINANCE).body("{\"projectCode\": \"LIVING_RELIEF\", \"applicationIds\": [%d]}".formatted(inBatch))
                .post("/api/v1/payout-batches").then().statusCode(200)
                .body("paid", equalTo(0)).body("refused", equalTo(1))
                .body("items[0].result", equalTo("REFUSED")).body("items[0].problem", equalTo("separation-of-duties"))
                .body("items[0].rule", equalTo("APPROVER_CANNOT_PAY"));
        // Another member of finance pays both.
        pay(single, "R-2").statusCode(201);
        as(FINANCE).body("{\"projectCode\": \"LIVING_RELIEF\", \"applicationIds\": [%d]}".formatted(inBatch))
                .post("/api/v1/payout-batches").then().statusCode(200).body("paid", equalTo(1));
    }

    @Test
    void theFirstApproverOfALargeApplicationCannotPayItEither() {
        int year = yearWithBudget("SERIOUS_ILLNESS");
        long id = submit("SERIOUS_ILLNESS", Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, "25000.00",
                "{\"medicalBills\": \"B\", \"outOfPocket\": \"30000.00\"}");
        decide(BOTH_AS_REVIEWER, id, "25000.00").statusCode(200).body("status", equalTo("AWAITING_SECOND_APPROVAL"));
        decide(BOTH_AS_REVIEWER, id, "25000.00").statusCode(403).body("type", equalTo("urn:union-aid:problem:second-approver"));
        approve(id, "25000.00").statusCode(200).body("status", equalTo("APPROVED"));
        as(BOTH_AS_FINANCE).body("{\"applicationId\": %d, \"channel\": \"CASH\", \"reference\": \"R-3\"}".formatted(id))
                .post("/api/v1/payouts").then().statusCode(403).body("rule", equalTo("APPROVER_CANNOT_PAY"));
        // And the second approver cannot either.
        as("Bearer " + TestTokens.token("finance", null, "reviewer-li"))
                .body("{\"applicationId\": %d, \"channel\": \"CASH\", \"reference\": \"R-4\"}".formatted(id))
                .post("/api/v1/payouts").then().statusCode(403).body("rule", equalTo("APPROVER_CANNOT_PAY"));
        pay(id, "R-5").statusCode(201);
    }

    // --- once-per keys and the school year ---

    @Test
    void aStudentWrittenWithLeadingZerosIsTheSameStudent() {
        int year = yearWithBudget("GOLDEN_AUTUMN");
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 3);
        String details = "{\"studentMemberId\": %s, \"schoolLevel\": \"HIGH_SCHOOL\", \"schoolYear\": \"%d-%d\", \"admissionNotice\": \"N\"}";
        long first = submit("GOLDEN_AUTUMN", worker, year, "3000.00", details.formatted(Stub.studentOf(worker), year, year + 1));
        long padded = submit("GOLDEN_AUTUMN", worker, year, "3000.00",
                details.formatted("\"00" + Stub.studentOf(worker) + "\"", year, year + 1));
        approve(first, "3000.00").statusCode(200);
        approve(padded, "3000.00").statusCode(422).body("rule", equalTo("ONCE_PER_STUDENT_SCHOOL_YEAR"));
    }

    @Test
    void aCampaignIsOneCampaignWhateverItsCaseSpacesFullWidthOrInvisibleCharacters() {
        int year = yearWithBudget("FESTIVAL_WARMTH");
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 3);
        long first = submit("FESTIVAL_WARMTH", worker, year, "500.00", "{\"campaign\": \"Spring Festival 2026\"}");
        approve(first, "500.00").statusCode(200);
        for (String spelling : List.of("  spring   FESTIVAL 2026 ", "ＳＰＲＩＮＧ　Ｆｅｓｔｉｖａｌ　２０２６", "spring\\tfestival 2026",
                "spring\\u200b festival 2026", "\\ufeffspring festival\\u00ad 2026", "spring\\u2003\\u00a0festival 2026")) {
            long again = submit("FESTIVAL_WARMTH", worker, year, "500.00", "{\"campaign\": \"" + spelling + "\"}");
            approve(again, "500.00").statusCode(422).body("rule", equalTo("ONCE_PER_CAMPAIGN"));
        }
    }

    @Test
    void theDatabaseRefusesASecondCommittedItemOfTheSameNormalisedKey() throws SQLException {
        int year = yearWithBudget("FESTIVAL_WARMTH");
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 3);
        long first = submit("FESTIVAL_WARMTH", worker, year, "500.00", "{\"campaign\": \" Mid  Autumn \"}");
        approve(first, "500.00").statusCode(200);
        assertEquals("campaign:mid autumn", single("SELECT once_key FROM application WHERE id = " + first));
        long second = submit("FESTIVAL_WARMTH", worker, year, "500.00", "{\"campaign\": \"MID AUTUMN\"}");
        try (Connection db = database.getConnection(); Statement sql = db.createStatement()) {
            SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> sql.executeUpdate(
                    "UPDATE application SET status = 'APPROVED', amount = 500 WHERE id = " + second));
            assertEquals("23505", refused.getSQLState(), "unique violation");
        }
    }

    @Test
    void aSchoolYearThatDoesNotStartInTheBudgetYearIsRefused() {
        int year = yearWithBudget("GOLDEN_AUTUMN");
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 3);
        for (String schoolYear : List.of((year + 1) + "-" + (year + 2), (year - 1) + "-" + year, year + "-" + (year + 2))) {
            as(CLERK_A).body(newApplication("GOLDEN_AUTUMN", worker, year, "\"3000.00\"",
                            "{\"studentMemberId\": %d, \"schoolLevel\": \"HIGH_SCHOOL\", \"schoolYear\": \"%s\", \"admissionNotice\": \"N\"}"
                                    .formatted(Stub.studentOf(worker), schoolYear)))
                    .post("/api/v1/applications").then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", hasItem("details.schoolYear"));
        }
    }

    // --- the budget year ---

    @Test
    void aBudgetYearOutsideTheWindowIsRefusedNamingTheYear() {
        int now = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        Stub.minimumLivingStandard(now - 2, "1000.00");
        long worker = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        int ahead = ConfigProvider.getConfig().getValue("union-aid.budget-year.years-ahead", Integer.class);
        as(CLERK_A).body(newApplication("LIVING_RELIEF", worker, now - 2, "\"100.00\"", "{}"))
                .post("/api/v1/applications").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("year"))
                .body("violations[0].message", equalTo("must be a budget year from " + (now - 1) + " to " + (now + ahead)));
        as(CLERK_A).header("Accept-Language", "zh").body(newApplication("LIVING_RELIEF", worker, now - 2, "\"100.00\"", "{}"))
                .post("/api/v1/applications").then().statusCode(400)
                .body("violations[0].field", equalTo("year"))
                .body("violations[0].message", equalTo("须为 " + (now - 1) + " 至 " + (now + ahead) + " 年的预算年度"));
        // Last year is within the window (aid of December filed in January).
        as(CLERK_A).body(newApplication("LIVING_RELIEF", worker, now - 1, "\"100.00\"", "{}"))
                .post("/api/v1/applications").then().statusCode(201).body("year", equalTo(now - 1));
    }

    @Test
    void chargingLastYearsBudgetDoesNotGiveAHouseholdASecondYearlyCap() {
        int now = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        for (int year : List.of(now - 1, now)) {
            Stub.minimumLivingStandard(year, "1000.00");
            budget("MEDICAL_MUTUAL_AID", year, "1000000");
            budget("LIVING_RELIEF", year, "1000000");
        }
        // YEARLY_CAP (10,000 a year): the whole cap approved this year on this year's budget ...
        long member = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        String bills = "{\"medicalBills\": \"B\", \"outOfPocket\": \"%s\", \"mutualAidMembership\": \"M-%d\"}";
        approve(submit("MEDICAL_MUTUAL_AID", member, now, "10000.00", bills.formatted("20000.00", now)), "10000.00")
                .statusCode(200);
        // ... leaves nothing this year on last year's budget either.
        long lastYears = submit("MEDICAL_MUTUAL_AID", member, now - 1, "1000.00", bills.formatted("2000.00", now - 1));
        approve(lastYears, "0.01").statusCode(422).body("rule", equalTo("YEARLY_CAP"))
                .body("detail", containsString("0.00"));
        // YEARLY_CAP_MONTHS (12 months of 1,000 for a DEEP household): the same.
        long deep = Stub.worker("ACTIVE", "DEEP", "0.00", 1);
        approve(submit("LIVING_RELIEF", deep, now - 1, "12000.00", "{}"), "12000.00").statusCode(200);
        long thisYears = submit("LIVING_RELIEF", deep, now, "1000.00", "{}");
        approve(thisYears, "0.01").statusCode(422).body("rule", equalTo("YEARLY_CAP_MONTHS"));
        budgetOf("LIVING_RELIEF", now).body("reserved", equalTo("0.00"));
    }

    // --- details: shape and bounded amounts ---

    @Test
    void amountsInDetailsAreBoundedDecimalsAndAnythingElseIsA400NamingTheField() {
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        int year = yearWithBudget("SERIOUS_ILLNESS");
        for (String outOfPocket : List.of("1e400", "\"1e400\"", "\"NaN\"", "-1", "\"-1.00\"", "1e-400", "\"1e-400\"",
                "1.001", "1234567890123.00", "\"Infinity\"", "true", "[\"1\"]", "{\"a\": 1}")) {
            as(CLERK_A).body(newApplication("SERIOUS_ILLNESS", worker, year, "\"100.00\"",
                            "{\"medicalBills\": \"B\", \"outOfPocket\": " + outOfPocket + "}"))
                    .post("/api/v1/applications").then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:union-aid:problem:invalid-request"))
                    .body("violations.field", hasItem(containsString("details")));
        }
        as(CLERK_A).body(newApplication("SERIOUS_ILLNESS", worker, year, "\"100.00\"",
                        "{\"medicalBills\": \"B\", \"outOfPocket\": 1e400}"))
                .post("/api/v1/applications").then().statusCode(400).body("violations[0].field", equalTo("details.outOfPocket"));
        // A bounded amount as a number or a string is taken.
        as(CLERK_A).body(newApplication("SERIOUS_ILLNESS", worker, year, "\"100.00\"",
                "{\"medicalBills\": \"B\", \"outOfPocket\": 123456789012.50}")).post("/api/v1/applications").then().statusCode(201);
    }

    @Test
    void detailsHoldOnlyTheProjectsFieldsOfTheirTypesAndBoundedSizes() {
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        int year = yearWithBudget("SERIOUS_ILLNESS");
        String tooLong = "x".repeat(501);
        StringBuilder manyKeys = new StringBuilder("{\"medicalBills\": \"B\", \"outOfPocket\": \"1\"");
        for (int i = 0; i < 25; i++) {
            manyKeys.append(", \"note").append(i).append("\": \"n\"");
        }
        manyKeys.append('}');
        List<String[]> cases = List.of(
                new String[]{"{\"medicalBills\": \"B\", \"outOfPocket\": \"1\", \"diagnosis\": \"x\"}", "details.diagnosis"},
                new String[]{"{\"medicalBills\": \"" + tooLong + "\", \"outOfPocket\": \"1\"}", "details.medicalBills"},
                new String[]{"{\"medicalBills\": {\"nested\": {\"deeper\": {\"deepest\": 1}}}, \"outOfPocket\": \"1\"}", "details"},
                new String[]{"{\"medicalBills\": 12, \"outOfPocket\": \"1\"}", "details.medicalBills"},
                new String[]{"{\"medicalBills\": \"B\", \"outOfPocket\": \"1\", \"visits\": 1.5}", "details.visits"},
                new String[]{manyKeys.toString(), "details"});
        for (String[] c : cases) {
            as(CLERK_A).body(newApplication("SERIOUS_ILLNESS", worker, year, "\"100.00\"", c[0]))
                    .post("/api/v1/applications").then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", hasItem(c[1].equals("details") ? containsString("details") : equalTo(c[1])));
        }
        as(CLERK_A).body(newApplication("SERIOUS_ILLNESS", worker, year, "\"100.00\"",
                        "{\"medicalBills\": [\"A\", \"B\"], \"outOfPocket\": \"1\", \"note\": \"n\", \"visits\": 3}"))
                .post("/api/v1/applications").then().statusCode(201);
    }

    @Test
    void errorsNeverRepeatThePersonalDataOfTheRequest() {
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        int year = yearWithBudget("SERIOUS_ILLNESS");
        String secret = "Leukaemia-Wang-Xiaoming-13905910000";
        for (String details : List.of(
                "{\"medicalBills\": \"B\", \"outOfPocket\": \"" + secret + "\"}",
                "{\"medicalBills\": \"B\", \"outOfPocket\": \"1\", \"diagnosis\": \"" + secret + "\"}",
                "{\"medicalBills\": \"" + secret + "\\u0000\", \"outOfPocket\": \"1\"}",
                "{\"medicalBills\": " + 7 + ", \"outOfPocket\": \"1\", \"visits\": \"" + secret + "\"}")) {
            String body = as(CLERK_A).body(newApplication("SERIOUS_ILLNESS", worker, year, "\"100.00\"", details))
                    .post("/api/v1/applications").then().statusCode(400).contentType("application/problem+json")
                    .extract().asString();
            assertFalse(body.contains("Leukaemia"), body);
            assertFalse(body.contains("13905910000"), body);
        }
        String rejection = as(REVIEWER).body("{\"approve\": false, \"reason\": \"" + secret + "\\u0000\"}")
                .post("/api/v1/applications/1/decision").then().statusCode(400).extract().asString();
        assertFalse(rejection.contains("Leukaemia"), rejection);
    }

    // --- NUL and huge numbers ---

    @Test
    void nulCharactersInAnyDisbursementTextAreA400NamingTheField() {
        int year = yearWithBudget("LIVING_RELIEF");
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        long id = submit("LIVING_RELIEF", worker, year, "100.00", "{}");
        as(CLERK_A).body(newApplication("LIVING_RELIEF", worker, year, "\"100.00\"", "{\"note\": \"a\\u0000b\"}"))
                .post("/api/v1/applications").then().statusCode(400).body("violations[0].field", equalTo("details.note"));
        as(CLERK_A).body("{\"projectCode\": \"LIVING\\u0000\", \"workerId\": %d, \"requestedAmount\": \"1.00\"}".formatted(worker))
                .post("/api/v1/applications").then().statusCode(400).body("violations.field", hasItem("projectCode"));
        as(REVIEWER).body("{\"approve\": false, \"reason\": \"no\\u0000\"}").post("/api/v1/applications/" + id + "/decision")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("reason"));
        as(CLERK_A).body("{\"reason\": \"\\u0000\"}").post("/api/v1/applications/" + id + "/cancellation")
                .then().statusCode(400).body("violations[0].field", equalTo("reason"));
        approve(id, "100.00").statusCode(200);
        as(FINANCE).body("{\"applicationId\": %d, \"channel\": \"CASH\", \"reference\": \"R\\u0000\"}".formatted(id))
                .post("/api/v1/payouts").then().statusCode(400).body("violations[0].field", equalTo("reference"));
        as(FINANCE).body("{\"projectCode\": \"LIVING_RELIEF\", \"reference\": \"B\\u0000\", \"applicationIds\": [%d]}".formatted(id))
                .post("/api/v1/payout-batches").then().statusCode(400).body("violations[0].field", equalTo("reference"));
        long payout = pay(id, "R-OK").statusCode(201).extract().jsonPath().getLong("id");
        as(FINANCE).body("{\"reason\": \"bounced\\u0000\", \"reference\": \"R\"}").post("/api/v1/payouts/" + payout + "/reversal")
                .then().statusCode(400).body("violations[0].field", equalTo("reason"));
        as(FINANCE).body("{\"reason\": \"bounced\", \"reference\": \"\\u0000\"}").post("/api/v1/payouts/" + payout + "/reversal")
                .then().statusCode(400).body("violations[0].field", equalTo("reference"));
    }

    @Test
    void hugeOrTinyAmountsAreA400NamingTheFieldNeverA500() {
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        for (String amount : List.of("1e400", "\"1e400\"", "123456789012345678901234567890", "1e-400", "1e999999999",
                "\"1e999999999\"", "-5", "0.001")) {
            as(CLERK_A).body(newApplication("LIVING_RELIEF", worker, "null", amount, "{}"))
                    .post("/api/v1/applications").then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("requestedAmount"));
        }
        as(REVIEWER).body("{\"approve\": true, \"amount\": 1e400}").post("/api/v1/applications/1/decision")
                .then().statusCode(400).body("violations[0].field", equalTo("amount"));
        as(FINANCE).body("{\"amount\": 123456789012345678901234567890}").put("/api/v1/projects/LIVING_RELIEF/budgets/2100")
                .then().statusCode(400).body("violations[0].field", equalTo("amount"));
    }

    // --- idempotency: sealed at rest, and a dead owner's key taken over ---

    @Test
    void aKeyWhoseOwnerDiedIsTakenOverAtOnceAndWhileItsOwnerLivesTheAnswerIs409WithRetryAfter() throws SQLException {
        int year = yearWithBudget("LIVING_RELIEF");
        long id = submit("LIVING_RELIEF", Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, "100.00", "{}");
        approve(id, "100.00").statusCode(200);
        String key = "pay-" + UUID.randomUUID();
        String body = "{\"applicationId\": %d, \"channel\": \"BANK_TRANSFER\", \"reference\": \"R-DEAD\"}".formatted(id);
        byte[] hash = idempotency.requestHash("POST /payouts", new PayoutRequest(id, Channel.BANK_TRANSFER, "R-DEAD"));
        String deadOwner = UUID.randomUUID().toString();
        // Another process: it holds its owner lock on its own session and has claimed the key, as KeyOwner and
        // Idempotency do, and then it is killed in the middle of the request.
        try (Connection otherProcess = rawConnection()) {
            try (PreparedStatement lock = otherProcess.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
                lock.setInt(1, KeyOwner.LOCK_CLASS);
                lock.setString(2, deadOwner);
                lock.execute();
            }
            try (PreparedStatement claim = otherProcess.prepareStatement("""
                    INSERT INTO idempotency_record (subject, idem_key, request_hash, state, owner, created_at)
                    VALUES ('finance-zhao', ?, ?, 'IN_PROGRESS', ?, now())""")) {
                claim.setString(1, key);
                claim.setBytes(2, hash);
                claim.setString(3, deadOwner);
                assertEquals(1, claim.executeUpdate());
            }
            as(FINANCE).header("Idempotency-Key", key).body(body).post("/api/v1/payouts").then().statusCode(409)
                    .contentType("application/problem+json").header("Retry-After", "2")
                    .body("type", equalTo("urn:union-aid:problem:request-in-progress"));
        }
        // Its session is gone (like kill -9): once PostgreSQL has ended that backend (it does so as the socket closes),
        // the retry takes the key over and pays.
        awaitLockFree(deadOwner);
        long payout = as(FINANCE).header("Idempotency-Key", key).body(body).post("/api/v1/payouts").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        as(FINANCE).header("Idempotency-Key", key).body(body).post("/api/v1/payouts").then().statusCode(201)
                .header("Idempotency-Replayed", "true").body("id", equalTo((int) payout));
    }

    @Test
    void anIdempotencyKeyOfMoreThan200CharactersIsRefusedInTheCallersLanguageAndPaysNothing() {
        int year = yearWithBudget("LIVING_RELIEF");
        long id = submit("LIVING_RELIEF", Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, "100.00", "{}");
        approve(id, "100.00").statusCode(200);
        String body = "{\"applicationId\": %d, \"channel\": \"BANK_TRANSFER\", \"reference\": \"R-LONG\"}".formatted(id);
        String key = UUID.randomUUID() + "-".repeat(200);
        as(FINANCE).header("Accept-Language", "zh").header("Idempotency-Key", key.substring(0, 201)).body(body)
                .post("/api/v1/payouts").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("Idempotency-Key"))
                .body("violations[0].message", equalTo("须为 1 至 200 个字符"));
        as(FINANCE).header("Idempotency-Key", key.substring(0, 201)).body(body).post("/api/v1/payouts").then().statusCode(400)
                .body("violations[0].message", equalTo("must be 1 to 200 characters"));
        as(FINANCE).header("Idempotency-Key", key.substring(0, 200)).body(body).post("/api/v1/payouts").then().statusCode(201)
                .body("applicationId", equalTo((int) id));
    }

    @Test
    void nothingSensitiveIsStoredUnsealedInAnyTable() throws SQLException {
        int year = yearWithBudget("SERIOUS_ILLNESS");
        budget("GOLDEN_AUTUMN", year, "100000");
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 3);
        String illness = "{\"medicalBills\": \"Oncology-Ward-Qx7\", \"outOfPocket\": \"18765.43\", \"hospital\": \"Hosp-Zy9\"}";
        String key = UUID.randomUUID().toString();
        long id = as(CLERK_A).header("Idempotency-Key", "s-" + key)
                .body(newApplication("SERIOUS_ILLNESS", worker, year, "\"15012.34\"", illness))
                .post("/api/v1/applications").then().statusCode(201).extract().jsonPath().getLong("id");
        // Free texts of staff can name an illness or an income: a decision's reason, a cancellation's, a reversal's.
        as(REVIEWER).header("Idempotency-Key", "d-" + key)
                .body("{\"approve\": true, \"amount\": \"15012.34\", \"reason\": \"Chemo-Dr5 ward, income 812 a month\"}")
                .post("/api/v1/applications/" + id + "/decision").then().statusCode(200)
                .body("reason", equalTo("Chemo-Dr5 ward, income 812 a month"));
        long payout = as(FINANCE).header("Idempotency-Key", "p-" + key)
                .body("{\"applicationId\": %d, \"channel\": \"CASH\", \"reference\": \"R-%d\"}".formatted(id, id))
                .post("/api/v1/payouts").then().statusCode(201).extract().jsonPath().getLong("id");
        as(FINANCE).header("Idempotency-Key", "r-" + key)
                .body("{\"reason\": \"Relapse-Rv8, paid twice by the hospital\", \"reference\": \"RevRef-Kp2\"}")
                .post("/api/v1/payouts/" + payout + "/reversal").then().statusCode(200);
        long withdrawn = submit("SERIOUS_ILLNESS", worker, year, "100.00", "{\"medicalBills\": \"B\", \"outOfPocket\": \"100.00\"}");
        as(CLERK_A).header("Idempotency-Key", "c-" + key).body("{\"reason\": \"Cancel-Cn6, the son's wage came\"}")
                .post("/api/v1/applications/" + withdrawn + "/cancellation").then().statusCode(200);
        // ... and are read back in the clear.
        as(REVIEWER).get("/api/v1/applications/" + id).then().statusCode(200)
                .body("reason", equalTo("Chemo-Dr5 ward, income 812 a month"));
        as(REVIEWER).get("/api/v1/applications/" + withdrawn).then().statusCode(200)
                .body("reason", equalTo("Cancel-Cn6, the son's wage came"));
        as(FINANCE).get("/api/v1/payouts/" + payout).then().statusCode(200)
                .body("reversalReason", equalTo("Relapse-Rv8, paid twice by the hospital"))
                .body("reversalReference", equalTo("RevRef-Kp2"));
        long student = as(CLERK_A).header("Idempotency-Key", "g-" + key).body(newApplication("GOLDEN_AUTUMN", worker, year, "\"3000.00\"",
                        "{\"studentMemberId\": %d, \"schoolLevel\": \"HIGH_SCHOOL\", \"schoolYear\": \"%d-%d\", \"admissionNotice\": \"Admit-Kq3\"}"
                                .formatted(Stub.studentOf(worker), year, year + 1)))
                .post("/api/v1/applications").then().statusCode(201).extract().jsonPath().getLong("id");
        approve(student, "3000.00").statusCode(200);
        long transfer = as(FINANCE).header("Idempotency-Key", "b-" + key)
                .body("{\"projectCode\": \"GOLDEN_AUTUMN\", \"applicationIds\": [%d]}".formatted(student))
                .post("/api/v1/payout-batches").then().statusCode(200).body("paid", equalTo(1))
                .extract().jsonPath().getLong("items[0].payoutId");
        // A bank file carries the household's account; the bank's message for a failed line may name the holder.
        Stub.bankAccount(worker, "Bank-Bn3", "62220246813579", "Holder-Hn2");
        long file = bankFile("GOLDEN_AUTUMN", transfer);
        results(file, "reference,status,amount,message\nbatch-GOLDEN_AUTUMN/" + student + ",FAILED,3000.00,Closed-Fm4 Holder-Hn2\n")
                .statusCode(200).body("applied", equalTo(1));
        as(FINANCE).get("/api/v1/bank-files/" + file + "/content").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("62220246813579"));
        // The replays still answer the whole response, read from the sealed store.
        as(CLERK_A).header("Idempotency-Key", "s-" + key).body(newApplication("SERIOUS_ILLNESS", worker, year, "\"15012.34\"", illness))
                .post("/api/v1/applications").then().statusCode(201).header("Idempotency-Replayed", "true")
                .body("details.outOfPocket", equalTo("18765.43"));

        for (String needle : List.of("18765.43", "18765", "Oncology", "Qx7", "Zy9", "Admit-Kq3",
                "Chemo-Dr5", "income 812", "Relapse-Rv8", "RevRef-Kp2", "Cancel-Cn6", "62220246813579", "Holder-Hn2",
                "Bank-Bn3", "Closed-Fm4")) {
            assertEquals(List.of(), tablesHolding(needle), "plaintext '" + needle + "' at rest");
        }
    }

    @Test
    void theMigrationsSealTheStoredAnswersAndNormaliseTheOnceKeysOfRowsWrittenBefore() throws Exception {
        try (Connection db = database.getConnection()) {
            db.setAutoCommit(false);
            try (Statement sql = db.createStatement()) {
                // A database as V3 left it, in a schema of its own; everything is rolled back at the end.
                sql.execute("CREATE SCHEMA before_v4");
                sql.execute("SET LOCAL search_path TO before_v4");
                sql.execute(resource("db/migration/V1__projects_budgets_applications_ledger.sql"));
                sql.execute(resource("db/migration/V2__payout_caps_in_months.sql"));
                V3__Seal_application_details.seal(db, cipher);
                sql.execute("""
                        INSERT INTO idempotency_record (subject, idem_key, request_hash, state, response_status, response_body, location)
                        VALUES ('finance-zhao', 'k1', repeat('ab', 32), 'DONE', 201, '{"details": {"outOfPocket": "43210.98"}}', '/x/1'),
                               ('finance-zhao', 'k2', repeat('cd', 32), 'IN_PROGRESS', NULL, NULL, NULL)""");
                sql.execute("""
                        INSERT INTO application (id, project_code, year, beneficiary, worker_id, station_code, station_path,
                          requested_amount, amount, once_key, status, submitted_by, submitted_at) VALUES
                         (1, 'FESTIVAL_WARMTH', 2024, 'HOUSEHOLD', 11, 'S', '/S/', 9, 9, 'campaign:Spring  Festival ', 'PAID', 'c', now()),
                         (2, 'FESTIVAL_WARMTH', 2024, 'HOUSEHOLD', 11, 'S', '/S/', 9, 9, 'campaign:spring festival', 'PAID', 'c', now()),
                         (3, 'FESTIVAL_WARMTH', 2024, 'HOUSEHOLD', 11, 'S', '/S/', 9, NULL, 'campaign:ＳＰＲＩＮＧ festival', 'SUBMITTED', 'c', now()),
                         (4, 'GOLDEN_AUTUMN', 2024, 'HOUSEHOLD', 11, 'S', '/S/', 9, 9, 'student:007:2024-2025', 'PAID', 'c', now()),
                         (5, 'GOLDEN_AUTUMN', 2024, 'HOUSEHOLD', 12, 'S', '/S/', 9, 9, 'student:legacy-12:2024-2025', 'PAID', 'c', now())""");

                assertEquals(1, V4__Seal_idempotency_records.seal(db, cipher));
                sql.execute(resource("db/migration/V5__normalise_once_keys.sql"));

                try (ResultSet rs = sql.executeQuery("SELECT idem_key, request_hash, response_body FROM idempotency_record")) {
                    assertTrue(rs.next());
                    assertEquals("k1", rs.getString(1), "the key still running is dropped, the one answered kept");
                    assertEquals(java.util.HexFormat.of().formatHex(cipher.digest(java.util.HexFormat.of().parseHex("ab".repeat(32)),
                            Idempotency.REQUEST_PURPOSE)), java.util.HexFormat.of().formatHex(rs.getBytes(2)), "the same request still matches");
                    assertEquals("{\"details\": {\"outOfPocket\": \"43210.98\"}}",
                            new String(cipher.open(rs.getBytes(3), Idempotency.RESPONSE_PURPOSE), StandardCharsets.UTF_8));
                    assertFalse(rs.next());
                }
                try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM idempotency_record WHERE position(convert_to('43210', 'UTF8') IN response_body) > 0")) {
                    rs.next();
                    assertEquals(0, rs.getInt(1));
                }
                List<String> keys = new ArrayList<>();
                try (ResultSet rs = sql.executeQuery("SELECT once_key FROM application ORDER BY id")) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
                assertEquals(List.of("campaign:spring festival#1", "campaign:spring festival", "campaign:spring festival",
                        "student:7:2024-2025", "student:legacy-12:2024-2025"), keys);
            } finally {
                db.rollback();
            }
        }
    }

    private static String resource(String name) throws java.io.IOException {
        try (java.io.InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            assertTrue(in != null, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every column of every table holding {@code needle}: text as text, bytea as the bytes it holds (not hex). */
    private List<String> tablesHolding(String needle) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection db = database.getConnection(); Statement sql = db.createStatement()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("""
                    SELECT table_name, column_name, data_type FROM information_schema.columns
                     WHERE table_schema = current_schema() AND table_name <> 'flyway_schema_history'""")) {
                while (rs.next()) {
                    columns.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            for (String[] c : columns) {
                if (c[2].startsWith("timestamp")) {
                    continue;
                }
                String test = c[2].equals("bytea")
                        ? "position(convert_to(?, 'UTF8') IN \"" + c[1] + "\") > 0"
                        : "\"" + c[1] + "\"::text LIKE '%' || ? || '%'";
                try (PreparedStatement q = db.prepareStatement("SELECT count(*) FROM \"" + c[0] + "\" WHERE " + test)) {
                    q.setString(1, needle);
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add(c[0] + "." + c[1]);
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Waits (at most 10 s) until PostgreSQL has ended the closed session and with it its owner lock. */
    private void awaitLockFree(String owner) throws SQLException {
        for (int i = 0; i < 200; i++) {
            if ("0".equals(single("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = "
                    + KeyOwner.LOCK_CLASS + " AND objid::int = hashtext('" + owner + "')"))) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the closed session still holds its lock");
    }

    private String single(String query) throws SQLException {
        try (Connection db = database.getConnection(); Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static Connection rawConnection() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
