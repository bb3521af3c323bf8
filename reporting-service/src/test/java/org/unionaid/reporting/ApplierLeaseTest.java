package org.unionaid.reporting;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.unionaid.reporting.Expected.Fig;
import org.unionaid.reporting.SourceData.City;
import org.unionaid.reporting.feed.ApplierLease;
import org.unionaid.reporting.feed.FeedPositions;
import org.unionaid.reporting.feed.FeedReader;
import org.unionaid.reporting.stub.FeedStubs;
import org.unionaid.reporting.stub.FeedStubsResource;
import org.unionaid.testsupport.PostgresResource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.reporting.Reports.money;

/** One applier across replicas: the advisory lock held elsewhere stops this replica applying, until it is let go. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(FeedStubsResource.class)
class ApplierLeaseTest {

    @FeedStubs.Inject
    FeedStubs stubs;

    @Inject
    FeedReader reader;

    @Inject
    FeedPositions positions;

    @Inject
    ApplierLease lease;

    @Inject
    Scheduler scheduler;

    @AfterEach
    void pollingOn() {
        scheduler.resume();
    }

    @Test
    void anotherReplicaHoldingTheLockAppliesAndThisOneTakesOverWhenItsConnectionCloses() throws Exception {
        SourceData data = new SourceData(stubs, 77);
        City city = data.city("LEASE");
        List<Map<String, Object>> workers = data.activity(city, 12, 40);
        assertTrue(reader.catchUp());
        assertRole("applier");

        // The other replica: this test's own connection takes the lock while this replica lets it go.
        scheduler.pause();
        reader.catchUp();
        lease.release();
        long position;
        try (Connection other = TestDb.connection()) { // not pooled: closing it ends its session and lock
            assertTrue(tryLock(other), "the lock is free once this replica let it go");
            scheduler.resume();
            position = positions.position(FeedPositions.PAYOUTS);
            String before = Reports.get("summary", "").extract().asString();
            for (int i = 0; i < 60; i++) {
                var p = data.payout(data.pick(workers), data.pick(List.of(SourceData.HOUSEHOLD_PROJECTS)), data.amount(), data.day());
                if (i % 7 == 0) {
                    data.reverse(p, data.day());
                }
            }
            Thread.sleep(2_500);
            assertEquals(position, positions.position(FeedPositions.PAYOUTS), "a standby replica applies nothing");
            assertFalse(reader.catchUp(), "catching up on a standby replica reads nothing");
            assertEquals(position, positions.position(FeedPositions.PAYOUTS));
            assertRole("standby");
            var summary = Reports.get("summary", "").extract();
            assertEquals(before.replaceAll("\"asOf\":\"[^\"]*\"", ""),
                    summary.asString().replaceAll("\"asOf\":\"[^\"]*\"", ""), "reads are served, figures as they were");
            // closing the connection is what a killed process does to its lock
        }

        long released = System.nanoTime();
        long last = stubs.disbursement().items("payouts").stream()
                .mapToLong(i -> ((Number) i.get("seq")).longValue()).max().orElseThrow();
        long deadline = System.currentTimeMillis() + 10_000;
        while (positions.position(FeedPositions.PAYOUTS) < last && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        long tookOverMs = (System.nanoTime() - released) / 1_000_000;
        assertEquals(last, positions.position(FeedPositions.PAYOUTS), "applied within seconds of the lock's release");
        assertTrue(tookOverMs < 5_000, "took over in " + tookOverMs + " ms");
        System.out.printf("ApplierLeaseTest: applied %d payout items %d ms after the other replica's lock went%n",
                last - position, tookOverMs);
        assertRole("applier");
        Fig all = new Expected(stubs).total(Expected::household);
        var summary = Reports.get("summary", "").extract().jsonPath();
        assertEquals(all.personTimes(), summary.getLong("personTimes"));
        assertEquals(all.persons().size(), summary.getInt("persons"));
        assertEquals(money(all.amount()), summary.getString("amount"));
    }

    private static boolean tryLock(Connection db) throws Exception {
        try (PreparedStatement lock = db.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, ApplierLease.KEY);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static void assertRole(String role) {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'feeds' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'feeds' }.data.role", equalTo(role));
    }
}
