package org.unionaid.registry;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.PostgresResource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.registry.Fixtures.worker;
import static org.unionaid.testsupport.TestTokens.token;

/**
 * Issue 12: the masked ID number and the birth year leave candidates that lookups could confirm one by one. The mask
 * keeps the last four only, and each person has an hourly allowance of ID-number probes.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class LookupAllowanceTest {

    private static final int PER_HOUR = ConfigProvider.getConfig().getValue("registry.files.lookups-per-hour", Integer.class);

    @Inject
    AgroalDataSource database;

    private Fixtures.Tree tree;

    @BeforeEach
    void stations() {
        tree = Fixtures.stations();
    }

    private String clerk() {
        return "Bearer " + token("clerk", tree.community(), "clerk-" + UUID.randomUUID());
    }

    private static Response lookup(String authorization, String idNumber) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON)
                .body("{\"idNumber\":\"" + idNumber + "\"}").post("/api/v1/workers/lookup");
    }

    @Test
    void theMaskedNumberShowsTheLastFourOnlyToEveryRoleButReviewers() {
        String idNumber = idNumber(true);
        long id = Fixtures.pendingFile(tree.community(), idNumber);
        String masked = "*".repeat(14) + idNumber.substring(14);
        for (String role : new String[]{"finance", "admin"}) {
            given().header("Authorization", "Bearer " + token(role)).get("/api/v1/workers/" + id).then()
                    .statusCode(200).body("idNumber", equalTo(masked)).body("birthDate", equalTo(null));
        }
        given().header("Authorization", clerk()).get("/api/v1/workers/" + id).then()
                .body("idNumber", equalTo(masked)).body(not(containsString(idNumber.substring(0, 6))));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then().body("idNumber", equalTo(idNumber));
    }

    @Test
    void concurrentLookupsOfOnePersonNeverPassTheHourlyAllowanceTogether() throws Exception {
        String idNumber = idNumber(false);
        Fixtures.pendingFile(tree.community(), idNumber);
        String clerk = clerk();
        int tries = PER_HOUR + 15;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            Callable<Integer> call = () -> {
                start.await();
                return lookup(clerk, idNumber).statusCode();
            };
            answers.add(pool.submit(call));
        }
        start.countDown();
        int found = 0;
        int refused = 0;
        for (Future<Integer> answer : answers) {
            int status = answer.get();
            if (status == 200) {
                found++;
            } else if (status == 429) {
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(PER_HOUR, found, "exactly the allowance is answered");
        assertEquals(tries - PER_HOUR, refused);

        // Spent: the answer is withheld, the problem says when to come back, and a reviewer is not counted.
        lookup(clerk, idNumber).then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:union-aid:problem:lookup-allowance-spent"))
                .body(not(containsString(idNumber.substring(14))));
        for (int i = 0; i < 3; i++) {
            lookup(REVIEWER, idNumber).then().statusCode(200).body("items", hasSize(1));
        }
    }

    @Test
    void anEntryRefusedAsADuplicateSpendsAProbeAndOnceSpentTheDuplicateIsNotConfirmed() {
        String idNumber = idNumber(true);
        Fixtures.pendingFile(tree.community(), idNumber);
        String clerk = clerk();
        String body = worker(idNumber, tree.community(), "24000.00", "6000.00");
        for (int i = 0; i < PER_HOUR; i++) {
            given().header("Authorization", clerk).contentType(ContentType.JSON).body(body).post("/api/v1/workers")
                    .then().statusCode(409).body("type", equalTo("urn:union-aid:problem:duplicate-open-file"));
        }
        given().header("Authorization", clerk).contentType(ContentType.JSON).body(body).post("/api/v1/workers")
                .then().statusCode(429).body("type", equalTo("urn:union-aid:problem:lookup-allowance-spent"));
        lookup(clerk, idNumber(false)).then().statusCode(429);
        // A number without a file is still entered: an entry that creates a file is no probe.
        given().header("Authorization", clerk).contentType(ContentType.JSON)
                .body(worker(idNumber(false), tree.community(), "24000.00", "6000.00")).post("/api/v1/workers")
                .then().statusCode(201);
    }

    @Test
    void theMigrationMasksTheNumbersStoredBeforeItAndTheDatabaseRefusesTheOldMask() throws Exception {
        try (Connection db = database.getConnection()) {
            db.setAutoCommit(false);
            try (Statement sql = db.createStatement()) {
                sql.execute("CREATE SCHEMA before_v5");
                sql.execute("SET LOCAL search_path TO before_v5");
                for (String migration : List.of("V1__stations_enterprises_settings.sql", "V2__hardship_files.sql",
                        "V3__birth_year_access_log_actors.sql")) {
                    sql.execute(SealedFreeTextTest.resource("db/migration/" + migration));
                }
                sql.execute("INSERT INTO station (code, name, level, path) VALUES ('S', 'City', 'CITY', '/S/')");
                sql.execute("""
                        INSERT INTO hardship_file (id, name, id_number_enc, id_number_hash, id_number_masked, birth_year, sex,
                          station_code, station_path, household_size, household_enc, category, main_cause, status,
                          created_at, created_by, updated_at) VALUES
                         (1, '张三', '\\x01', decode(repeat('ab', 32), 'hex'), '110105********002X', 1960, 'MALE',
                          'S', '/S/', 1, '\\x01', 'DEEP', 'ILLNESS', 'PENDING', now(), 'clerk', now())""");
                sql.execute(SealedFreeTextTest.resource("db/migration/V5__id_number_last_four_and_lookup_allowance.sql"));
                try (ResultSet rs = sql.executeQuery("SELECT id_number_masked FROM hardship_file WHERE id = 1")) {
                    rs.next();
                    assertEquals("**************002X", rs.getString(1));
                }
                sql.execute("SAVEPOINT old_mask");
                assertThrows(SQLException.class, () -> sql.execute(
                        "UPDATE hardship_file SET id_number_masked = '110105********002X' WHERE id = 1"));
                sql.execute("ROLLBACK TO SAVEPOINT old_mask");
            } finally {
                db.rollback();
            }
        }
    }
}
