package org.unionaid.reporting;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.unionaid.reporting.Expected.Fig;
import org.unionaid.reporting.SourceData.City;
import org.unionaid.reporting.client.FeedItems.PayoutItem;
import org.unionaid.reporting.feed.FeedPositions;
import org.unionaid.reporting.feed.FeedReader;
import org.unionaid.reporting.feed.PayoutApplier;
import org.unionaid.reporting.stub.FeedStubs;
import org.unionaid.reporting.stub.FeedStubsResource;
import org.unionaid.testsupport.PostgresResource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.reporting.Reports.aidItems;
import static org.unionaid.reporting.Reports.assertSuppressedItems;
import static org.unionaid.reporting.Reports.expectedItems;
import static org.unionaid.reporting.Reports.money;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(FeedStubsResource.class)
class CatchUpTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @FeedStubs.Inject
    FeedStubs stubs;

    @Inject
    FeedReader reader;

    @Inject
    FeedPositions positions;

    @Inject
    PayoutApplier payouts;

    @Inject
    Scheduler scheduler;

    @Inject
    AgroalDataSource database;

    @AfterEach
    void sourcesUpAndPollingOn() {
        if (!stubs.registry().running()) {
            stubs.registry().start();
        }
        if (!stubs.disbursement().running()) {
            stubs.disbursement().start();
        }
        scheduler.resume();
    }

    @Test
    void reportingStoppedWhilePayoutsContinueCatchesUpToTheSameFigures() throws Exception {
        SourceData data = new SourceData(stubs, 21);
        City city = data.city("STOP");
        List<Map<String, Object>> workers = data.activity(city, 30, 100);
        stopPolling();
        String before = Reports.get("summary", "").extract().asString();
        Instant asOfBefore = Instant.parse(Reports.get("summary", "").extract().jsonPath().getString("asOf"));

        // 1,100 more payouts (three batches) while reporting reads nothing.
        for (int i = 0; i < 1_100; i++) {
            var p = data.payout(data.pick(workers), data.pick(List.of(SourceData.HOUSEHOLD_PROJECTS)), data.amount(), data.day());
            if (i % 9 == 0) {
                data.reverse(p, data.day());
            }
        }
        Thread.sleep(1_500);
        assertEquals(before, Reports.get("summary", "").extract().asString(), "nothing read while stopped");

        Instant resumed = Instant.now();
        scheduler.resume();
        Expected expected = new Expected(stubs);
        Fig all = expected.total(Expected::household);
        // Caught up: the payouts' figures, and asOf once every feed was polled after the resume (the idle feeds are
        // polled after the payouts' batches of a tick: right after the figures match, asOf may still be theirs from
        // before the stop, seen once in a module run).
        Instant promised = resumed.minus(FeedPositions.IDLE_STEP).minusMillis(1);
        long deadline = System.currentTimeMillis() + 30_000;
        var summary = Reports.get("summary", "").extract().jsonPath();
        while ((summary.getLong("personTimes") != all.personTimes() || !Instant.parse(summary.getString("asOf")).isAfter(promised))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            summary = Reports.get("summary", "").extract().jsonPath();
        }
        assertEquals(all.personTimes(), summary.getLong("personTimes"));
        assertEquals(all.persons().size(), summary.getInt("persons"));
        assertEquals(money(all.amount()), summary.getString("amount"));
        // The payouts feed stores the time of the catch-up that applied them. asOf is the oldest feed's, and an idle
        // feed's is stored only when 2 s old (IDLE_STEP): a catch-up less than 2 s after the idle feeds' last stored
        // time leaves asOf where it was (asserting it moved failed 1 CI run in 6). Promised: at most the step behind.
        assertTrue(caughtUpAt(FeedPositions.PAYOUTS).isAfter(resumed), "the payouts feed's catch-up time moved");
        Instant asOf = Instant.parse(summary.getString("asOf"));
        assertFalse(asOf.isBefore(asOfBefore), "asOf never moves back");
        assertTrue(asOf.isAfter(promised),
                "asOf at most the idle step (stored to the microsecond) behind the catch-up: " + asOf + ", resumed " + resumed);
        assertEquals(expectedItems(expected.aid(Expected::household,
                        p -> List.of(p.get("projectCode"), Reports.quarter((String) p.get("occurredOn")))), false),
                aidItems("groupBy=project,quarter", List.of("project", "quarter")));
    }

    @Test
    void sourcesThatWereDownAreCaughtUpLosingAndDoublingNothing() {
        stopPolling();
        SourceData data = new SourceData(stubs, 22);
        City city = data.city("DOWN");
        List<Map<String, Object>> workers = data.activity(city, 20, 50);
        assertTrue(reader.catchUp());
        String before = Reports.get("summary", "").extract().asString();
        String asOfBefore = Reports.get("summary", "").extract().jsonPath().getString("asOf");

        stubs.registry().stop();
        stubs.disbursement().stop();
        var late = data.worker(city.communities().get(1), "DEEP", "DISASTER", LocalDate.of(2025, 6, 1));
        for (int i = 0; i < 40; i++) {
            data.payout(i % 2 == 0 ? late : data.pick(workers), "ACCIDENT_RELIEF", data.amount(), data.day());
        }
        assertFalse(reader.catchUp(), "sources are down");
        assertFalse(reader.catchUp(), "still down");
        assertEquals(before, Reports.get("summary", "").extract().asString());
        assertEquals(asOfBefore, Reports.get("summary", "").extract().jsonPath().getString("asOf"));

        stubs.registry().start();
        assertFalse(reader.catchUp(), "disbursement is still down");
        stubs.disbursement().start();
        assertTrue(reader.catchUp());
        assertTrue(reader.catchUp());

        Expected expected = new Expected(stubs);
        Reports.assertSummaryIsTheSourcesOf(expected);
        assertSuppressedItems(expected.aid(p -> Expected.household(p) && expected.under((String) p.get("stationCode"), city.code()),
                        p -> List.of(p.get("projectCode"), p.get("category"))),
                aidItems("groupBy=project,category&station=" + city.code(), List.of("project", "category")));
    }

    @Test
    void anItemDeliveredTwiceIsCountedOnce() {
        stopPolling();
        SourceData data = new SourceData(stubs, 23);
        City city = data.city("TWICE");
        var worker = data.worker(city.communities().get(0), "RELATIVE", "ILLNESS", LocalDate.of(2024, 2, 1));
        var kept = data.payout(worker, "LIVING_RELIEF", new BigDecimal("1200.00"), LocalDate.of(2024, 3, 3));
        var undone = data.payout(worker, "LIVING_RELIEF", new BigDecimal("800.00"), LocalDate.of(2024, 4, 3));
        var reversal = data.reverse(undone, LocalDate.of(2024, 4, 20));
        assertTrue(reader.catchUp());
        String query = "groupBy=year&station=" + city.code();
        assertEquals(Map.of(List.of("2024"), List.of("1", "1", "1200.00", "false")), aidItems(query, List.of("year")));

        // The same events again under new seqs, and a page that repeats items already read.
        stubs.disbursement().redeliver("payouts", kept);
        stubs.disbursement().redeliver("payouts", undone);
        stubs.disbursement().redeliver("payouts", reversal);
        stubs.registry().redeliver("workers", worker);
        stubs.disbursement().replayOnce("payouts", 5);
        stubs.registry().replayOnce("workers", 3);
        assertTrue(reader.catchUp());

        assertEquals(Map.of(List.of("2024"), List.of("1", "1", "1200.00", "false")), aidItems(query, List.of("year")));
        var registry = Reports.items("registry", "groupBy=status&station=" + city.code());
        assertEquals(1, registry.size());
        assertEquals(1, registry.get(0).get("files"));
        Expected expected = new Expected(stubs);
        assertEquals(expected.total(Expected::household).personTimes(),
                Reports.get("summary", "").extract().jsonPath().getLong("personTimes"));
    }

    @Test
    void aReversalDeliveredBeforeItsPayoutIsKeptAndAppliedWhenThePayoutArrives() throws SQLException {
        stopPolling();
        SourceData data = new SourceData(stubs, 25);
        City city = data.city("PEND");
        List<Map<String, Object>> workers = data.activity(city, 12, 40);
        var worker = workers.get(0);
        data.payout(worker, "LIVING_RELIEF", new BigDecimal("1200.00"), LocalDate.of(2024, 3, 3));
        var late = data.unsentPayout(worker, "SERIOUS_ILLNESS", new BigDecimal("7700.00"), LocalDate.of(2024, 4, 3));
        data.reverse(late, LocalDate.of(2024, 4, 20));
        assertTrue(reader.catchUp());
        assertEquals(List.of(late.get("payoutId")), pendingReversals(), "the reversal waits for its payout");
        assertReportsEqualTheSourceData();

        stubs.disbursement().add("payouts", late);
        assertTrue(reader.catchUp());
        assertEquals(List.of(), pendingReversals(), "applied when the payout arrived");
        assertReportsEqualTheSourceData();
    }

    @Test
    void aReversalBeforeItsPayoutCountsItNowhereInAnyOrderAndAnyRedelivery() throws SQLException {
        stopPolling();
        SourceData data = new SourceData(stubs, 26);
        City city = data.city("ORDER");
        List<Map<String, Object>> workers = data.activity(city, 12, 40);
        assertTrue(reader.catchUp());
        // in one batch: the reversal, then its payout
        var sameBatch = data.unsentPayout(workers.get(1), "GOLDEN_AUTUMN", new BigDecimal("500.00"), LocalDate.of(2024, 9, 9));
        var sameBatchReversal = data.reverse(sameBatch, LocalDate.of(2024, 9, 30));
        stubs.disbursement().add("payouts", sameBatch);
        // across batches, with every item delivered again: reversal, reversal, payout, payout, reversal
        var apart = data.unsentPayout(workers.get(2), "FESTIVAL_WARMTH", new BigDecimal("900.00"), LocalDate.of(2025, 1, 20));
        var apartReversal = data.reverse(apart, LocalDate.of(2025, 2, 1));
        stubs.disbursement().redeliver("payouts", apartReversal);
        assertTrue(reader.catchUp());
        assertEquals(List.of(apart.get("payoutId")), pendingReversals());
        assertReportsEqualTheSourceData();

        stubs.disbursement().add("payouts", apart);
        stubs.disbursement().redeliver("payouts", apart);
        stubs.disbursement().redeliver("payouts", apartReversal);
        stubs.disbursement().redeliver("payouts", sameBatch);
        stubs.disbursement().redeliver("payouts", sameBatchReversal);
        stubs.disbursement().replayOnce("payouts", 4);
        assertTrue(reader.catchUp());
        assertEquals(List.of(), pendingReversals());
        assertReportsEqualTheSourceData();
    }

    /** The city-wide figures (nothing suppressed) equal those the source items imply. */
    private void assertReportsEqualTheSourceData() {
        Expected expected = new Expected(stubs);
        Reports.assertSummaryIsTheSourcesOf(expected);
        assertEquals(expectedItems(expected.aid(Expected::household,
                        p -> List.of(p.get("projectCode"), ((String) p.get("occurredOn")).substring(0, 7))), false),
                aidItems("groupBy=project,month", List.of("project", "month")));
    }

    private List<Object> pendingReversals() throws SQLException {
        try (Connection db = database.getConnection();
             PreparedStatement query = db.prepareStatement("SELECT payout_id FROM pending_reversal ORDER BY payout_id");
             ResultSet rows = query.executeQuery()) {
            List<Object> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        }
    }

    @Test
    void twoReadersApplyingTheSameBatchCountItOnce() throws Exception {
        stopPolling();
        SourceData data = new SourceData(stubs, 24);
        City city = data.city("RACE");
        List<Map<String, Object>> workers = data.activity(city, 10, 0);
        assertTrue(reader.catchUp());
        for (int i = 0; i < 200; i++) {
            data.payout(data.pick(workers), "GOLDEN_AUTUMN", data.amount(), data.day());
        }
        long from = positions.position(FeedPositions.PAYOUTS);
        List<PayoutItem> batch = new ArrayList<>();
        for (Map<String, Object> item : stubs.disbursement().items("payouts")) {
            if (((Number) item.get("seq")).longValue() > from) {
                batch.add(JSON.convertValue(item, PayoutItem.class));
            }
        }
        assertEquals(200, batch.size());

        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            results.add(threads.submit(() -> {
                go.await();
                try {
                    payouts.apply(from, batch, null);
                    return true;
                } catch (RuntimeException e) {
                    return false;
                }
            }));
        }
        go.countDown();
        int applied = 0;
        for (Future<Boolean> r : results) {
            applied += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        threads.shutdown();
        assertEquals(1, applied, "exactly one reader applies the batch; the others roll back");

        assertTrue(reader.catchUp());
        Expected expected = new Expected(stubs);
        assertSuppressedItems(expected.aid(p -> Expected.household(p) && expected.under((String) p.get("stationCode"), city.code()),
                        p -> List.of(p.get("projectCode"))),
                aidItems("groupBy=project&station=" + city.code(), List.of("project")));
    }

    @Test
    void anIdleFeedStoresItsCatchUpTimeEveryTwoSecondsNotAtEveryPoll() throws Exception {
        stopPolling();
        Instant stored = caughtUpAt(FeedPositions.STATIONS);
        positions.caughtUp(FeedPositions.STATIONS, stored.plusMillis(1_500));
        assertEquals(stored, caughtUpAt(FeedPositions.STATIONS), "a poll 1.5 s later writes nothing");
        positions.caughtUp(FeedPositions.STATIONS, stored.plusMillis(2_500));
        assertEquals(stored.plusMillis(2_500), caughtUpAt(FeedPositions.STATIONS), "one 2.5 s later is stored");
        positions.caughtUp(FeedPositions.STATIONS, stored);
        assertEquals(stored.plusMillis(2_500), caughtUpAt(FeedPositions.STATIONS), "never moved back");
    }

    private Instant caughtUpAt(String feed) throws SQLException {
        try (Connection db = database.getConnection();
             PreparedStatement query = db.prepareStatement("SELECT caught_up_at FROM feed_position WHERE feed = ?")) {
            query.setString(1, feed);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), feed);
                return row.getTimestamp(1).toInstant();
            }
        }
    }

    /** Pauses the scheduler and waits until a tick that was running has finished. */
    private void stopPolling() {
        scheduler.pause();
        reader.catchUp();
    }
}
