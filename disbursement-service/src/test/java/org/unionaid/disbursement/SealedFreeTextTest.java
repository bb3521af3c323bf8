package org.unionaid.disbursement;

import db.migration.V3__Seal_application_details;
import db.migration.V4__Seal_idempotency_records;
import db.migration.V6__Seal_staff_texts;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.crypto.DetailsCipher;
import org.unionaid.disbursement.crypto.DetailsResealing;
import org.unionaid.disbursement.crypto.SealedColumns;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.disbursement.support.Api.CLERK_A;
import static org.unionaid.disbursement.support.Api.FINANCE;
import static org.unionaid.disbursement.support.Api.REVIEWER;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.budget;
import static org.unionaid.disbursement.support.Api.freshYear;
import static org.unionaid.disbursement.support.Api.payCash;
import static org.unionaid.disbursement.support.Api.submit;

/**
 * Free texts of staff (an application's reason, a reversal's reason and reference) may name an illness or an income:
 * sealed at rest, each column under its own purpose, by the V6 migration for rows from before, and sealed again
 * after a key rotation.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class SealedFreeTextTest {

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

    private record Reversed(long application, long payout) {
    }

    /** A living-relief application approved with a reason, paid and reversed with a reason and a reference. */
    private static Reversed reversedPayout(String decisionReason, String reversalReason, String reversalReference) {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("LIVING_RELIEF", year, "1000000");
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        long id = submit("LIVING_RELIEF", worker, year, "300.00", "{}");
        as(REVIEWER).body("{\"approve\": true, \"amount\": \"300.00\", \"reason\": \"" + decisionReason + "\"}")
                .post("/api/v1/applications/" + id + "/decision").then().statusCode(200);
        long payout = payCash(id, "CASH-" + id).statusCode(201).extract().jsonPath().getLong("id");
        as(FINANCE).body("{\"reason\": \"" + reversalReason + "\", \"reference\": \"" + reversalReference + "\"}")
                .post("/api/v1/payouts/" + payout + "/reversal").then().statusCode(200)
                .body("reversalReason", equalTo(reversalReason)).body("reversalReference", equalTo(reversalReference));
        return new Reversed(id, payout);
    }

    @Test
    void eachFreeTextIsStoredSealedUnderItsColumnsOwnPurposeAndReadBackInTheClear() throws SQLException {
        Reversed r = reversedPayout("肺癌晚期 Qm3", "医院退款 Ws4", "BANK-REV-Zt5");

        assertEquals("肺癌晚期 Qm3", opened(raw("application", "reason", r.application()), SealedColumns.APPLICATION_REASON));
        assertEquals("医院退款 Ws4", opened(raw("payout", "reversal_reason", r.payout()), SealedColumns.REVERSAL_REASON));
        assertEquals("BANK-REV-Zt5", opened(raw("payout", "reversal_reference", r.payout()), SealedColumns.REVERSAL_REFERENCE));
        // Bound to its column: a reason does not open as another column's value.
        byte[] reason = raw("application", "reason", r.application());
        assertThrows(RuntimeException.class, () -> cipher.open(reason, SealedColumns.REVERSAL_REASON));
        as(REVIEWER).get("/api/v1/applications/" + r.application()).then().statusCode(200).body("reason", equalTo("肺癌晚期 Qm3"));
        as(FINANCE).get("/api/v1/payouts/" + r.payout()).then().statusCode(200)
                .body("reversalReason", equalTo("医院退款 Ws4")).body("reversalReference", equalTo("BANK-REV-Zt5"));
    }

    @Test
    void theDatabaseTakesNoPlainReasonOrReversal() throws SQLException {
        Reversed r = reversedPayout("ok", "back", "REV-1");
        byte[] plain = "胃癌".getBytes(StandardCharsets.UTF_8);
        assertThrows(SQLException.class, () -> setRaw("application", "reason", r.application(), plain));
        assertThrows(SQLException.class, () -> setRaw("payout", "reversal_reason", r.payout(), plain));
        assertThrows(SQLException.class, () -> setRaw("payout", "reversal_reference", r.payout(), plain));
    }

    @Test
    void afterAKeyRotationReasonsAndReversalsOnlyThePreviousKeyOpensAreSealedAgainUnderTheCurrentKey() throws Exception {
        Reversed r = reversedPayout("before", "before", "REV-before");
        DetailsCipher retired = DetailsCipher.of(Optional.of(RETIRED_KEY));
        setRaw("application", "reason", r.application(), seal(retired, "低保边缘 Rk1", SealedColumns.APPLICATION_REASON));
        setRaw("payout", "reversal_reason", r.payout(), seal(retired, "重复发放 Rk2", SealedColumns.REVERSAL_REASON));
        setRaw("payout", "reversal_reference", r.payout(), seal(retired, "REV-Rk3", SealedColumns.REVERSAL_REFERENCE));
        // Read under the previous key meanwhile.
        as(FINANCE).get("/api/v1/payouts/" + r.payout()).then().statusCode(200).body("reversalReason", equalTo("重复发放 Rk2"));

        assertTrue(resealing.runNow() >= 3);
        DetailsCipher current = DetailsCipher.of(Optional.of(CURRENT_KEY));
        assertEquals("低保边缘 Rk1", new String(current.open(raw("application", "reason", r.application()),
                SealedColumns.APPLICATION_REASON), StandardCharsets.UTF_8), "opens under the current key alone");
        assertEquals("重复发放 Rk2", new String(current.open(raw("payout", "reversal_reason", r.payout()),
                SealedColumns.REVERSAL_REASON), StandardCharsets.UTF_8));
        assertEquals("REV-Rk3", new String(current.open(raw("payout", "reversal_reference", r.payout()),
                SealedColumns.REVERSAL_REFERENCE), StandardCharsets.UTF_8));
        assertEquals(0, resealing.runNow(), "a second run finds nothing to do");
    }

    @Test
    void theMigrationSealsTheReasonsAndReversalsOfRowsWrittenBeforeItAndLeavesNoPlaintext() throws Exception {
        try (Connection db = database.getConnection()) {
            db.setAutoCommit(false);
            try (Statement sql = db.createStatement()) {
                // A database as V5 left it, in a schema of its own; everything is rolled back at the end.
                sql.execute("CREATE SCHEMA before_v6");
                sql.execute("SET LOCAL search_path TO before_v6");
                sql.execute(resource("db/migration/V1__projects_budgets_applications_ledger.sql"));
                sql.execute(resource("db/migration/V2__payout_caps_in_months.sql"));
                V3__Seal_application_details.seal(db, cipher);
                V4__Seal_idempotency_records.seal(db, cipher);
                sql.execute(resource("db/migration/V5__normalise_once_keys.sql"));
                sql.execute("""
                        INSERT INTO application (id, project_code, year, beneficiary, worker_id, station_code, station_path,
                          requested_amount, amount, status, submitted_by, submitted_at, decided_by, decided_at, reason) VALUES
                         (1, 'LIVING_RELIEF', 2024, 'HOUSEHOLD', 11, 'S', '/S/', 9, 9, 'REVERSED', 'c', now(), 'r', now(), '尿毒症透析 Vx1'),
                         (2, 'LIVING_RELIEF', 2024, 'HOUSEHOLD', 12, 'S', '/S/', 9, NULL, 'REJECTED', 'c', now(), 'r', now(), '月收入 2300 Vx2'),
                         (3, 'LIVING_RELIEF', 2024, 'HOUSEHOLD', 13, 'S', '/S/', 9, 9, 'PAID', 'c', now(), 'r', now(), NULL)""");
                sql.execute("""
                        INSERT INTO payout (id, application_id, project_code, year, amount, channel, reference, status, paid_at,
                          paid_by, reversal_reference, reversal_reason, reversed_at, reversed_by) VALUES
                         (1, 1, 'LIVING_RELIEF', 2024, 9, 'BANK_TRANSFER', 'BANK-1', 'REVERSED', now(), 'f', 'REV-Vx3', '病故 Vx4', now(), 'f'),
                         (2, 3, 'LIVING_RELIEF', 2024, 9, 'CASH', 'BANK-2', 'PAID', now(), 'f', NULL, NULL, NULL, NULL)""");

                assertEquals(4, V6__Seal_staff_texts.seal(db, cipher));

                assertEquals("尿毒症透析 Vx1", opened(single(sql, "SELECT reason FROM application WHERE id = 1"), SealedColumns.APPLICATION_REASON));
                assertEquals("月收入 2300 Vx2", opened(single(sql, "SELECT reason FROM application WHERE id = 2"), SealedColumns.APPLICATION_REASON));
                assertEquals(null, single(sql, "SELECT reason FROM application WHERE id = 3"));
                assertEquals("REV-Vx3", opened(single(sql, "SELECT reversal_reference FROM payout WHERE id = 1"), SealedColumns.REVERSAL_REFERENCE));
                assertEquals("病故 Vx4", opened(single(sql, "SELECT reversal_reason FROM payout WHERE id = 1"), SealedColumns.REVERSAL_REASON));
                assertEquals(null, single(sql, "SELECT reversal_reason FROM payout WHERE id = 2"));
                assertEquals("BANK-1", new String(single(sql, "SELECT convert_to(reference, 'UTF8') FROM payout WHERE id = 1"),
                        StandardCharsets.UTF_8), "the bank's reference stays as it was");
                List<String> columns = new ArrayList<>();
                try (ResultSet rs = sql.executeQuery("SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns"
                        + " WHERE table_schema = 'before_v6' AND column_name LIKE '%reason%' OR table_schema = 'before_v6'"
                        + " AND column_name LIKE 'reversal_reference%'")) {
                    while (rs.next()) {
                        columns.add(rs.getString(1));
                    }
                }
                columns.sort(null);
                assertEquals(List.of("application.reason bytea", "payout.reversal_reason bytea", "payout.reversal_reference bytea"),
                        columns, "only the sealed columns are left");
                for (String needle : List.of("Vx1", "Vx2", "Vx3", "Vx4", "尿毒症")) {
                    try (PreparedStatement q = db.prepareStatement("SELECT (SELECT count(*) FROM application WHERE"
                            + " position(convert_to(?, 'UTF8') IN reason) > 0) + (SELECT count(*) FROM payout WHERE"
                            + " position(convert_to(?, 'UTF8') IN reversal_reason) > 0 OR position(convert_to(?, 'UTF8') IN reversal_reference) > 0)")) {
                        q.setString(1, needle);
                        q.setString(2, needle);
                        q.setString(3, needle);
                        try (ResultSet rs = q.executeQuery()) {
                            rs.next();
                            assertEquals(0, rs.getInt(1), "plaintext '" + needle + "' after the migration");
                        }
                    }
                }
                // The rule that a reversed payout has its reference still holds.
                assertThrows(SQLException.class, () -> sql.execute("UPDATE payout SET reversal_reference = NULL WHERE id = 1"));
            } finally {
                db.rollback();
            }
        }
    }

    private String opened(byte[] sealed, String purpose) {
        return new String(cipher.open(sealed, purpose), StandardCharsets.UTF_8);
    }

    private static byte[] seal(DetailsCipher with, String text, String purpose) {
        return with.seal(text.getBytes(StandardCharsets.UTF_8), purpose);
    }

    private static byte[] single(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            assertTrue(rs.next());
            return rs.getBytes(1);
        }
    }

    private byte[] raw(String table, String column, long id) throws SQLException {
        try (Connection db = database.getConnection();
             PreparedStatement read = db.prepareStatement("SELECT " + column + " FROM " + table + " WHERE id = ?")) {
            read.setLong(1, id);
            try (ResultSet rs = read.executeQuery()) {
                assertTrue(rs.next());
                byte[] bytes = rs.getBytes(1);
                assertTrue(bytes != null, table + "." + column + " stored");
                return bytes;
            }
        }
    }

    private void setRaw(String table, String column, long id, byte[] value) throws SQLException {
        try (Connection db = database.getConnection();
             PreparedStatement write = db.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE id = ?")) {
            write.setBytes(1, value);
            write.setLong(2, id);
            assertEquals(1, write.executeUpdate());
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            assertTrue(in != null, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
