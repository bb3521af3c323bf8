package org.unionaid.disbursement;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.crypto.DetailsCipher;
import org.unionaid.disbursement.crypto.DetailsResealing;
import org.unionaid.disbursement.crypto.SealedDetails;
import db.migration.V3__Seal_application_details;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.testsupport.PostgresResource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.disbursement.support.Api.CLERK_A;
import static org.unionaid.disbursement.support.Api.REVIEWER;
import static org.unionaid.disbursement.support.Api.approve;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.budget;
import static org.unionaid.disbursement.support.Api.freshYear;
import static org.unionaid.disbursement.support.Api.submit;

/** Application details (medical costs, student data) are personal data: sealed at rest, readable only with the key. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class DetailsEncryptionTest {

    private static final String OTHER_KEY = Base64.getEncoder().encodeToString(
            "another-key-of-32-bytes-exactly!".getBytes(StandardCharsets.US_ASCII));

    /** The %test profile's previous-data-keys: the key before a rotation. */
    private static final String RETIRED_KEY = "YS1yZXRpcmVkLWtleS1vZi0zMi1ieXRlcy1sb25nISE=";
    /** The %test profile's data key. */
    private static final String CURRENT_KEY = "dGVzdC1vbmx5LWRldGFpbHMta2V5LW5vdC1wcm9kISE=";

    @Inject
    AgroalDataSource database;

    @Inject
    DetailsCipher cipher;

    @Inject
    @Readiness
    DetailsResealing resealing;

    @BeforeEach
    void registry() {
        Stub.stations();
    }

    private static int yearWithBudget(String project) {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget(project, year, "1000000");
        return year;
    }

    @Test
    void medicalCostsAreStoredSealedAndComeBackAsSubmittedAndStillBoundTheShareOfCost() throws SQLException {
        int year = yearWithBudget("SERIOUS_ILLNESS");
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 3);
        long id = submit("SERIOUS_ILLNESS", worker, year, "19000.00",
                "{\"medicalBills\": \"Ward-7 leukaemia invoices\", \"outOfPocket\": \"18765.43\", \"visits\": 12}");

        byte[] stored = rawDetails(id);
        String raw = new String(stored, StandardCharsets.ISO_8859_1);
        assertEquals(1, stored[0], "format byte");
        assertFalse(raw.contains("18765.43"), "the medical amount is not in the column");
        assertFalse(raw.contains("leukaemia"), "the illness is not in the column");
        assertFalse(raw.contains("outOfPocket"), "not even the key names are");
        assertEquals(0, count("SELECT count(*) FROM application WHERE position(convert_to('18765.43', 'UTF8') IN details) > 0"));

        as(CLERK_A).get("/api/v1/applications/" + id).then().statusCode(200)
                .body("details.outOfPocket", equalTo("18765.43"))
                .body("details.medicalBills", equalTo("Ward-7 leukaemia invoices"))
                .body("details.visits", equalTo(12));
        // The share of cost is read from the sealed details: 100 % of 18765.43 for a DEEP household.
        approve(id, "18765.44").statusCode(422).body("rule", equalTo("SHARE_OF_COST")).body("detail", containsString("18765.43"));
        approve(id, "18765.43").statusCode(200).body("status", equalTo("APPROVED"))
                .body("details.outOfPocket", equalTo("18765.43"));
        assertFalse(new String(rawDetails(id), StandardCharsets.ISO_8859_1).contains("18765.43"), "still sealed after the decision");
    }

    @Test
    void studentDataIsSealedAndTheOncePerStudentRuleStillHolds() throws SQLException {
        int year = yearWithBudget("GOLDEN_AUTUMN");
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 3);
        String details = "{\"studentMemberId\": %d, \"schoolLevel\": \"UNIVERSITY\", \"schoolYear\": \"%d-%d\", \"admissionNotice\": \"Tsinghua N-77\"}"
                .formatted(Stub.studentOf(worker), year, year + 1);
        long first = submit("GOLDEN_AUTUMN", worker, year, "5000.00", details);
        long again = submit("GOLDEN_AUTUMN", worker, year, "5000.00", details);

        String raw = new String(rawDetails(first), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("studentMemberId"));
        assertFalse(raw.contains(year + "-" + (year + 1)));
        assertFalse(raw.contains("Tsinghua"));
        assertTrue(rawDetails(first).length > 29);

        approve(first, "5000.00").statusCode(200);
        approve(again, "5000.00").statusCode(422).body("rule", equalTo("ONCE_PER_STUDENT_SCHOOL_YEAR"));
        as(CLERK_A).get("/api/v1/applications/" + again).then().statusCode(200)
                .body("details.studentMemberId", equalTo((int) Stub.studentOf(worker)))
                .body("details.schoolYear", equalTo(year + "-" + (year + 1)));
    }

    @Test
    void detailsSealedWithAnotherKeyOrForAnotherPurposeAreRefusedNotReadAndNothingOfThemIsAnswered() throws SQLException {
        long id = seriousIllnessApplication().id();
        byte[] json = "{\"medicalBills\": \"B\", \"outOfPocket\": \"55555.55\"}".getBytes(StandardCharsets.UTF_8);
        byte[] own = rawDetails(id);
        try {
            refusedWith(id, json);
        } finally {
            // Other tests list every application: the row goes back to what the service sealed.
            setRawDetails(id, own);
        }
        as(CLERK_A).get("/api/v1/applications/" + id).then().statusCode(200).body("details.outOfPocket", equalTo("1000.00"));
    }

    @Test
    void afterAKeyRotationDetailsSealedWithThePreviousKeyAreReadListedAndDecidedOn() throws SQLException {
        Submitted submitted = seriousIllnessApplication();
        long id = submitted.id();
        byte[] json = sealedBeforeTheRotation(id, "900.00");

        as(CLERK_A).get("/api/v1/applications/" + id).then().statusCode(200)
                .body("details.medicalBills", equalTo("sealed before the rotation"));
        as(CLERK_A).get("/api/v1/applications?workerId=" + submitted.worker()).then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].details.outOfPocket", equalTo("900.00"));
        // the share of cost is read from the details the previous key sealed: 100 % of 900.00
        approve(id, "900.01").statusCode(422).body("rule", equalTo("SHARE_OF_COST"));
        approve(id, "900.00").statusCode(200).body("status", equalTo("APPROVED")).body("details.outOfPocket", equalTo("900.00"));
        try {
            // a key that was never configured still opens nothing
            setRawDetails(id, DetailsCipher.of(Optional.of(OTHER_KEY)).seal(json, SealedDetails.PURPOSE));
            as(CLERK_A).get("/api/v1/applications/" + id).then().statusCode(500).contentType("application/problem+json");
        } finally {
            // Other tests list every application: the row goes back to one the service can read.
            setRawDetails(id, DetailsCipher.of(Optional.of(CURRENT_KEY)).seal(json, SealedDetails.PURPOSE));
        }
    }

    @Test
    void afterAKeyRotationDetailsOnlyThePreviousKeyOpensAreSealedAgainUnderTheCurrentKey() throws Exception {
        Submitted submitted = seriousIllnessApplication();
        long id = submitted.id();
        byte[] json = sealedBeforeTheRotation(id, "700.00");

        assertTrue(resealing.runNow() >= 1);
        assertArrayEquals(json, DetailsCipher.of(Optional.of(CURRENT_KEY)).open(rawDetails(id), SealedDetails.PURPOSE),
                "opens under the current key alone");
        as(CLERK_A).get("/api/v1/applications?workerId=" + submitted.worker()).then().statusCode(200)
                .body("items[0].details.medicalBills", equalTo("sealed before the rotation"));
        assertEquals(0, resealing.runNow(), "a second run finds nothing to do");
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'sealed values' }.data.state", equalTo("DONE"))
                .body("checks.find { it.name == 'sealed values' }.data.valuesUnreadable", equalTo("0"));
    }

    /** Stores an application's details as the previous key sealed them; the JSON stored. */
    private byte[] sealedBeforeTheRotation(long id, String outOfPocket) throws SQLException {
        byte[] json = ("{\"medicalBills\": \"sealed before the rotation\", \"outOfPocket\": \"" + outOfPocket + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        setRawDetails(id, DetailsCipher.of(Optional.of(RETIRED_KEY)).seal(json, SealedDetails.PURPOSE));
        return json;
    }

    private record Submitted(long worker, long id) {
    }

    /** A DEEP household's serious-illness application of 1000.00 out of pocket, in a year with budget. */
    private static Submitted seriousIllnessApplication() {
        int year = yearWithBudget("SERIOUS_ILLNESS");
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 3);
        return new Submitted(worker, submit("SERIOUS_ILLNESS", worker, year, "1000.00",
                "{\"medicalBills\": \"B\", \"outOfPocket\": \"1000.00\"}"));
    }

    @Test
    void anUnfitPreviousKeyIsRefusedNamingItsSettingAndNotItsValue() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DetailsCipher.of(Optional.of(CURRENT_KEY), Optional.of(java.util.List.of(RETIRED_KEY, "c2hvcnQ="))));
        assertEquals(DetailsCipher.PREVIOUS_PROPERTY + " (DETAILS_PREVIOUS_DATA_KEYS) (key 2 of 2) must be 32 bytes (base64), is 5",
                e.getMessage());
    }

    private void refusedWith(long id, byte[] json) throws SQLException {
        for (byte[] foreign : new byte[][]{
                DetailsCipher.of(Optional.of(OTHER_KEY)).seal(json, SealedDetails.PURPOSE),
                cipher.seal(json, "application.reason")}) {
            setRawDetails(id, foreign);
            String body = as(CLERK_A).get("/api/v1/applications/" + id).then().statusCode(500)
                    .contentType("application/problem+json").body("detail", not(containsString("55555")))
                    .extract().asString();
            assertFalse(body.contains("55555.55"));
            assertFalse(body.contains("medicalBills"));
            as(REVIEWER).body("{\"approve\": true, \"amount\": \"1000.00\"}")
                    .post("/api/v1/applications/" + id + "/decision").then().statusCode(500);
            assertEquals(1, count("SELECT count(*) FROM application WHERE id = " + id + " AND status = 'SUBMITTED'"),
                    "nothing was decided on details that could not be read");
        }
    }

    @Test
    void theDatabaseTakesNoPlainDetailsAndReadsAMissingValueAsNoDetails() throws SQLException {
        int year = yearWithBudget("LIVING_RELIEF");
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 3);
        long id = submit("LIVING_RELIEF", worker, year, "100.00", "{}");
        assertThrows(SQLException.class, () -> setRawDetails(id, "{\"outOfPocket\": \"1\"}".getBytes(StandardCharsets.UTF_8)));
        setRawDetails(id, null);
        as(CLERK_A).get("/api/v1/applications/" + id).then().statusCode(200).body("details.size()", equalTo(0));
    }

    @Test
    void theMigrationSealsTheDetailsOfRowsWrittenBeforeItAndLeavesNoPlaintext() throws Exception {
        try (Connection db = database.getConnection()) {
            db.setAutoCommit(false);
            try (Statement sql = db.createStatement()) {
                // A database as V2 left it, in a schema of its own; everything is rolled back at the end.
                sql.execute("CREATE SCHEMA before_v3");
                sql.execute("SET LOCAL search_path TO before_v3");
                sql.execute(resource("db/migration/V1__projects_budgets_applications_ledger.sql"));
                sql.execute(resource("db/migration/V2__payout_caps_in_months.sql"));
                sql.execute("""
                        INSERT INTO application (id, project_code, year, beneficiary, worker_id, station_code, station_path,
                          requested_amount, details, once_key, status, submitted_by, submitted_at) VALUES
                         (1, 'SERIOUS_ILLNESS', 2024, 'HOUSEHOLD', 11, 'S', '/S/', 900, '{"outOfPocket": "43210.98"}', NULL,
                          'SUBMITTED', 'clerk', now()),
                         (2, 'GOLDEN_AUTUMN', 2024, 'HOUSEHOLD', 12, 'S', '/S/', 900,
                          '{"studentMemberId": 121, "schoolYear": "2024-2025"}', 'student:121:2024-2025', 'SUBMITTED', 'clerk', now()),
                         (3, 'LIVING_RELIEF', 2024, 'HOUSEHOLD', 13, 'S', '/S/', 900, DEFAULT, NULL, 'SUBMITTED', 'clerk', now())""");

                assertEquals(3, V3__Seal_application_details.seal(db, cipher));

                assertEquals("{\"outOfPocket\": \"43210.98\"}", opened(sql, 1));
                assertEquals("{\"schoolYear\": \"2024-2025\", \"studentMemberId\": 121}", opened(sql, 2));
                assertEquals("{}", opened(sql, 3));
                try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                        + "'before_v3' AND table_name = 'application' AND column_name LIKE 'details%'")) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "only the sealed column is left");
                }
                try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM application WHERE position(convert_to('43210.98', 'UTF8') "
                        + "IN details) > 0 OR position(convert_to('2024-2025', 'UTF8') IN details) > 0")) {
                    rs.next();
                    assertEquals(0, rs.getInt(1));
                }
            } finally {
                db.rollback();
            }
        }
    }

    @Test
    void anUnfitKeyIsRefusedWithAMessageThatNamesTheSetting() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> DetailsCipher.of(Optional.empty()));
        assertTrue(missing.getMessage().contains("DETAILS_DATA_KEY"), missing.getMessage());
        IllegalStateException blank = assertThrows(IllegalStateException.class, () -> DetailsCipher.of(Optional.of("  ")));
        assertTrue(blank.getMessage().contains("is not set"), blank.getMessage());
        IllegalStateException shortKey = assertThrows(IllegalStateException.class,
                () -> DetailsCipher.of(Optional.of(Base64.getEncoder().encodeToString(new byte[16]))));
        assertTrue(shortKey.getMessage().contains("must be 32 bytes"), shortKey.getMessage());
        IllegalStateException notBase64 = assertThrows(IllegalStateException.class, () -> DetailsCipher.of(Optional.of("not base64!")));
        assertTrue(notBase64.getMessage().contains("not base64"), notBase64.getMessage());
    }

    @Test
    void detailsSealedByTheDemoDataGeneratorOpenHere() {
        // Sealed by tools/datagen's DetailsSeal with this profile's key (its DetailsSealTest uses the same key).
        byte[] fromDatagen = java.util.HexFormat.of().parseHex("01e5430e764a72ba6190e98669d769c64af7c76600185c0d87bd8f19cda6c9bd"
                + "6bdb2738a1810244700c512543ea0858638d765483ed13f3aedd88cd6024ad194057c23e17a184658b7084e2b3870ec573a549aab553521041ddffe472ab59f1");
        assertEquals("{\"source\":\"legacy\",\"medicalBills\":\"legacy\",\"outOfPocket\":\"6400.00\"}",
                new String(cipher.open(fromDatagen, SealedDetails.PURPOSE), StandardCharsets.UTF_8));
    }

    @Test
    void everySealingTakesAFreshNonce() {
        byte[] json = "{\"outOfPocket\": \"1.00\"}".getBytes(StandardCharsets.UTF_8);
        byte[] a = cipher.seal(json, SealedDetails.PURPOSE);
        byte[] b = cipher.seal(json, SealedDetails.PURPOSE);
        assertFalse(java.util.Arrays.equals(a, b));
        assertEquals(new String(json, StandardCharsets.UTF_8), new String(cipher.open(b, SealedDetails.PURPOSE), StandardCharsets.UTF_8));
    }

    private String opened(Statement sql, long id) throws SQLException {
        try (ResultSet rs = sql.executeQuery("SELECT details FROM application WHERE id = " + id)) {
            assertTrue(rs.next());
            return new String(cipher.open(rs.getBytes(1), SealedDetails.PURPOSE), StandardCharsets.UTF_8);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            assertTrue(in != null, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private byte[] rawDetails(long id) throws SQLException {
        try (Connection db = database.getConnection();
             PreparedStatement read = db.prepareStatement("SELECT details FROM application WHERE id = ?")) {
            read.setLong(1, id);
            try (ResultSet rs = read.executeQuery()) {
                assertTrue(rs.next());
                byte[] bytes = rs.getBytes(1);
                assertTrue(bytes != null, "details stored");
                return bytes;
            }
        }
    }

    private void setRawDetails(long id, byte[] value) throws SQLException {
        try (Connection db = database.getConnection();
             PreparedStatement write = db.prepareStatement("UPDATE application SET details = ? WHERE id = ?")) {
            write.setBytes(1, value);
            write.setLong(2, id);
            assertEquals(1, write.executeUpdate());
        }
    }

    private long count(String query) throws SQLException {
        try (Connection db = database.getConnection(); Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
