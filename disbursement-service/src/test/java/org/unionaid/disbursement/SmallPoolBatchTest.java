package org.unionaid.disbursement;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.testsupport.PostgresResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.unionaid.disbursement.support.Api.FINANCE;
import static org.unionaid.disbursement.support.Api.approve;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.budget;
import static org.unionaid.disbursement.support.Api.freshYear;
import static org.unionaid.disbursement.support.Api.submit;

/**
 * A pool of two connections (Flyway needs two at start), one of which the test holds while the batches run: a
 * batch that held a connection for its whole run and took another for each item could never pay anything here
 * (it waited for itself until the acquisition timeout). Holding one at a time, parallel batches take turns on
 * the one connection left and each pays all its items.
 */
@QuarkusTest
@TestProfile(SmallPoolBatchTest.OneConnection.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class SmallPoolBatchTest {

    public static class OneConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", "2", "quarkus.datasource.jdbc.min-size", "0",
                    "quarkus.datasource.jdbc.initial-size", "0", "quarkus.datasource.jdbc.acquisition-timeout", "10S");
        }
    }

    @Inject
    AgroalDataSource database;

    @BeforeEach
    void registry() {
        Stub.stations();
    }

    @Test
    void parallelBatchesWithOneConnectionLeftInThePoolEachPayAllTheirItemsAndAnswer200() throws Exception {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("LIVING_RELIEF", year, "1000000");
        int batches = 4;
        int itemsEach = 3;
        List<List<Long>> ids = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<Long> batch = new ArrayList<>();
            for (int i = 0; i < itemsEach; i++) {
                long id = submit("LIVING_RELIEF", Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, "100.00", "{}");
                approve(id, "100.00").statusCode(200);
                batch.add(id);
            }
            ids.add(batch);
        }
        ExecutorService pool = Executors.newFixedThreadPool(batches);
        try (Connection held = database.getConnection()) {
            held.isValid(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (List<Long> batch : ids) {
                Callable<Response> send = () -> as(FINANCE).header("Idempotency-Key", UUID.randomUUID().toString())
                        .body(Map.of("projectCode", "LIVING_RELIEF", "applicationIds", batch)).post("/api/v1/payout-batches");
                answers.add(pool.submit(send));
            }
            for (Future<Response> answer : answers) {
                Response r = answer.get();
                assertEquals(200, r.statusCode(), r.asString());
                assertEquals(itemsEach, r.jsonPath().getInt("paid"), r.asString());
                assertEquals(List.of("PAID", "PAID", "PAID"), r.jsonPath().getList("items.result"));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
