package org.unionaid.registry;

import db.migration.V4__Seal_phones_reasons_and_notes;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.common.crypto.SealedValues;
import org.unionaid.registry.crypto.PersonalDataResealing;
import org.unionaid.registry.crypto.SealedColumns;
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

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.idNumber;

/** The phone, a file's reasons, checks' notes and history's reasons and notes: sealed by V4, and after a key rotation. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class SealedFreeTextTest {

    /** The %test profile's data key, and the one it lists as previous. */
    private static final SealedValues CURRENT = SealedValues.of(SealedValues.key("dGVzdC1vbmx5LWRhdGEta2V5LW5vdC1mb3ItcHJvZCE=", "current"));
    private static final SealedValues RETIRED = SealedValues.of(SealedValues.key("YS1yZXRpcmVkLWtleS1vZi0zMi1ieXRlcy1sb25nISE=", "retired"));

    @Inject
    AgroalDataSource database;

    @Inject
    @Readiness
    PersonalDataResealing resealing;

    private Fixtures.Tree tree;

    @BeforeEach
    void stations() {
        tree = Fixtures.stations();
    }

    @Test
    void theMigrationSealsThePhonesReasonsAndNotesOfRowsWrittenBeforeItAndLeavesNoPlainColumn() throws Exception {
        try (Connection db = database.getConnection()) {
            db.setAutoCommit(false);
            try (Statement sql = db.createStatement()) {
                // A database as V3 left it, in a schema of its own; everything is rolled back at the end.
                sql.execute("CREATE SCHEMA before_v4");
                sql.execute("SET LOCAL search_path TO before_v4");
                for (String migration : List.of("V1__stations_enterprises_settings.sql", "V2__hardship_files.sql",
                        "V3__birth_year_access_log_actors.sql")) {
                    sql.execute(resource("db/migration/" + migration));
                }
                sql.execute("INSERT INTO station (code, name, level, path) VALUES ('S', 'City', 'CITY', '/S/')");
                sql.execute("""
                        INSERT INTO hardship_file (id, name, id_number_enc, id_number_hash, id_number_masked, birth_year, sex,
                          phone, station_code, station_path, household_size, household_enc, category, main_cause, status,
                          status_reason, created_at, created_by, updated_at) VALUES
                         (1, '张三', '\\x01', decode(repeat('ab', 32), 'hex'), '110105********0011', 1960, 'MALE', '13912345678',
                          'S', '/S/', 1, '\\x01', 'DEEP', 'ILLNESS', 'CANCELLED', '妻子患尿毒症', now(), 'clerk', now()),
                         (2, '李四', '\\x01', decode(repeat('cd', 32), 'hex'), '110105********0021', 1961, 'MALE', NULL,
                          'S', '/S/', 1, '\\x01', 'DEEP', 'ILLNESS', 'PENDING', NULL, now(), 'clerk', now())""");
                sql.execute("INSERT INTO file_check (file_id, step, passed, note, recorded_by) VALUES"
                        + " (1, 'HOME_VISIT', true, '家中有重病患者', 'clerk'), (2, 'FIRST_REVIEW', true, NULL, 'clerk')");
                sql.execute("INSERT INTO file_event (file_id, actor, action, to_status, reason) VALUES"
                        + " (1, 'clerk', 'TRANSITION', 'CANCELLED', '妻子患尿毒症'), (2, 'clerk', 'CREATED', 'PENDING', NULL)");
                List<Long> files = fileNodes(sql);

                assertEquals(4, V4__Seal_phones_reasons_and_notes.seal(db, CURRENT), "phone, reason, note, history reason");

                assertEquals("13912345678", opened(sql, "SELECT phone_enc FROM hardship_file WHERE id = 1", SealedColumns.PHONE));
                assertEquals("妻子患尿毒症", opened(sql, "SELECT status_reason_enc FROM hardship_file WHERE id = 1", SealedColumns.STATUS_REASON));
                assertEquals("家中有重病患者", opened(sql, "SELECT note_enc FROM file_check WHERE file_id = 1", SealedColumns.CHECK_NOTE));
                assertEquals("妻子患尿毒症", opened(sql, "SELECT reason_enc FROM file_event WHERE file_id = 1", SealedColumns.EVENT_REASON));
                assertNull(opened(sql, "SELECT phone_enc FROM hardship_file WHERE id = 2", SealedColumns.PHONE), "none stays none");
                assertNull(opened(sql, "SELECT note_enc FROM file_check WHERE file_id = 2", SealedColumns.CHECK_NOTE));
                assertNull(opened(sql, "SELECT note_enc FROM file_event WHERE file_id = 1", SealedColumns.EVENT_NOTE));
                try (ResultSet rs = sql.executeQuery("SELECT table_name || '.' || column_name FROM information_schema.columns"
                        + " WHERE table_schema = 'before_v4' AND column_name IN ('phone', 'status_reason', 'note', 'reason')")) {
                    assertTrue(!rs.next(), "a plain column is left: " + (rs.getRow() > 0 ? rs.getString(1) : ""));
                }
                List<Long> rewritten = fileNodes(sql);
                for (int i = 0; i < files.size(); i++) {
                    assertNotEquals(files.get(i), rewritten.get(i), "each table was rewritten: no dropped value stays in its file");
                }
                // only sealed values go in
                assertThrows(SQLException.class, () -> sql.executeUpdate(
                        "UPDATE hardship_file SET phone_enc = convert_to('13912345678', 'UTF8') WHERE id = 2"));
            } finally {
                db.rollback();
            }
        }
    }

    @Test
    void afterADataKeyRotationThePhoneReasonsAndNotesOnlyAPreviousKeyOpensAreSealedAgainUnderTheCurrentKey() throws Exception {
        long id = Fixtures.pendingFile(tree.community(), idNumber(true));
        Fixtures.check(id, tree.community(), "{\"step\":\"FIRST_REVIEW\",\"passed\":true,\"note\":\"家中有重病患者\"}");
        Fixtures.transition(id, clerkOf(tree.community()), "{\"to\":\"CANCELLED\",\"reason\":\"妻子患尿毒症\"}").statusCode(200);
        long reviewed = Fixtures.activeFile(tree.community(), idNumber(false));
        given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body("{\"household\":{\"yearlyIncome\":\"24000.00\",\"rigidCosts\":\"6000.00\",\"members\":[]},\"note\":\"孩子辍学\"}")
                .post("/api/v1/workers/" + reviewed + "/reviews").then().statusCode(201);
        List<Sealed> values = List.of(
                new Sealed("hardship_file", "phone_enc", "id = " + id, SealedColumns.PHONE),
                new Sealed("hardship_file", "status_reason_enc", "id = " + id, SealedColumns.STATUS_REASON),
                new Sealed("file_check", "note_enc", "file_id = " + id, SealedColumns.CHECK_NOTE),
                new Sealed("file_event", "reason_enc", "file_id = " + id + " AND action = 'TRANSITION'", SealedColumns.EVENT_REASON),
                new Sealed("file_event", "note_enc", "file_id = " + reviewed + " AND action = 'REVIEW'", SealedColumns.EVENT_NOTE));
        List<String> plain = new ArrayList<>();
        for (Sealed value : values) {
            plain.add(sealAgain(value, RETIRED));
        }
        assertEquals(List.of("13800000000", "妻子患尿毒症", "家中有重病患者", "妻子患尿毒症", "孩子辍学"), plain);
        // still read while only the previous key opens them
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then().statusCode(200)
                .body("phone", equalTo("13800000000")).body("statusReason", equalTo("妻子患尿毒症"));

        assertTrue(resealing.runNow() >= values.size(), "each sealed again");
        for (int i = 0; i < values.size(); i++) {
            assertEquals(plain.get(i), new String(CURRENT.open(read(values.get(i)), values.get(i).purpose()), StandardCharsets.UTF_8),
                    values.get(i) + " opens under the current key alone");
        }
        given().header("Authorization", clerkOf(tree.community())).get("/api/v1/workers/" + id + "/checks").then()
                .statusCode(200).body("items.note", hasItem("家中有重病患者"));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + reviewed + "/history").then().statusCode(200)
                .body("items.find { it.action == 'REVIEW' }.note", equalTo("孩子辍学"));
        assertEquals(0, resealing.runNow(), "a second run finds nothing to do");
    }

    /** One sealed value: a column of the one row {@code where} selects. */
    private record Sealed(String table, String column, String where, String purpose) {
    }

    /** Stores the value as {@code with} seals it (as before a rotation); its plaintext. */
    private String sealAgain(Sealed value, SealedValues with) throws SQLException {
        byte[] stored = read(value);
        byte[] plain = CURRENT.open(stored, value.purpose());
        try (Connection c = database.getConnection(); PreparedStatement update = c.prepareStatement(
                "UPDATE " + value.table() + " SET " + value.column() + " = ? WHERE " + value.where())) {
            update.setBytes(1, with.seal(plain, value.purpose()));
            assertEquals(1, update.executeUpdate(), value.toString());
        }
        return new String(plain, StandardCharsets.UTF_8);
    }

    private byte[] read(Sealed value) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + value.column() + " FROM " + value.table() + " WHERE " + value.where())) {
            assertTrue(rs.next(), value.toString());
            byte[] stored = rs.getBytes(1);
            assertTrue(!rs.next(), "one row: " + value);
            return stored;
        }
    }

    private static String opened(Statement sql, String query, String purpose) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            assertTrue(rs.next(), query);
            byte[] stored = rs.getBytes(1);
            return stored == null ? null : new String(CURRENT.open(stored, purpose), StandardCharsets.UTF_8);
        }
    }

    private static List<Long> fileNodes(Statement sql) throws SQLException {
        List<Long> nodes = new ArrayList<>();
        for (String table : List.of("hardship_file", "file_check", "file_event")) {
            try (ResultSet rs = sql.executeQuery("SELECT pg_relation_filenode('" + table + "')")) {
                rs.next();
                nodes.add(rs.getLong(1));
            }
        }
        return nodes;
    }

    static String resource(String path) throws IOException {
        try (InputStream in = SealedFreeTextTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
