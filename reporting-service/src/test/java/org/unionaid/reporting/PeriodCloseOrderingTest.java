package org.unionaid.reporting;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.unionaid.reporting.Expected.Fig;
import org.unionaid.reporting.SourceData.City;
import org.unionaid.reporting.feed.FeedReader;
import org.unionaid.reporting.stub.FeedStubs;
import org.unionaid.reporting.stub.FeedStubsResource;
import org.unionaid.testsupport.PostgresResource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.reporting.Reports.money;
import static org.unionaid.testsupport.TestTokens.bearer;

/** A close is ordered against the batch being applied: it waits for its commit and freezes its rows with it. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(FeedStubsResource.class)
class PeriodCloseOrderingTest {

    private static final String CELL = "grain = 'M' AND period = 200605 AND project = ? AND beneficiary = 'HOUSEHOLD'"
            + " AND station_code = ? AND enterprise_id = ? AND category = ? AND cause = ?";

    @FeedStubs.Inject
    FeedStubs stubs;

    @Inject
    FeedReader reader;

    @Inject
    Scheduler scheduler;

    @AfterEach
    void pollingOn() {
        scheduler.resume();
    }

    @Test
    void aCloseWaitsForTheBatchUnderWayAndFreezesWhatItCommitted() throws Exception {
        SourceData data = new SourceData(stubs, 2006);
        City city = data.city("ORDR");
        List<Map<String, Object>> workers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            workers.add(data.worker(data.pick(city.communities()), "DEEP", "UNEMPLOYMENT", LocalDate.of(2006, 1, 9)));
        }
        for (int i = 0; i < 10; i++) {
            data.payout(workers.get(i % 6), "LIVING_RELIEF", data.amount(), LocalDate.of(2006, 5, 1 + i));
        }
        assertTrue(reader.catchUp());
        scheduler.pause();
        reader.catchUp();
        Expected expected = new Expected(stubs);
        Fig may = expected.total(p -> Expected.household(p) && Expected.between("2006-05", "2006-05").test(p)
                && expected.under((String) p.get("stationCode"), city.code()));
        String query = "from=2006-05&to=2006-05&station=" + city.code();

        ExecutorService pool = Executors.newSingleThreadExecutor();
        Object[] cell;
        try (Connection batch = TestDb.connection()) {
            cell = oneCell(batch, city);
            // A batch at its end: a payout's cell written and the payout feed's position updated, not committed yet.
            batch.setAutoCommit(false);
            change(batch, cell, 1, "10.00");
            try (var position = batch.createStatement()) {
                position.executeUpdate("UPDATE feed_position SET last_seq = last_seq WHERE feed = 'payouts'");
            }
            Future<Integer> close = pool.submit(() -> given().header("Authorization", bearer("admin"))
                    .contentType("application/json").body("{}").post("/api/v1/reports/periods/2006-05/close").statusCode());
            Thread.sleep(1_500);
            assertFalse(close.isDone(), "the close waits for the batch under way");
            batch.commit();
            assertEquals(200, close.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }

        JsonPath frozen = JsonPath.from(summary(query));
        assertTrue(frozen.getBoolean("closed"));
        assertEquals(may.personTimes() + 1, frozen.getLong("personTimes"), "the batch committed first is frozen with it");
        assertEquals(money(may.amount().add(new java.math.BigDecimal("10.00"))), frozen.getString("amount"));

        try (Connection undo = TestDb.connection()) {
            change(undo, cell, -1, "-10.00");
        }
        given().header("Authorization", bearer("admin")).contentType("application/json").body("{\"reason\":\"test done\"}")
                .post("/api/v1/reports/periods/2006-05/reopen").then().statusCode(200);
        JsonPath live = JsonPath.from(summary(query));
        assertEquals(may.personTimes(), live.getLong("personTimes"));
        assertEquals(money(may.amount()), live.getString("amount"));
    }

    /** The key of one household cell of May 2006 in the city. */
    private static Object[] oneCell(Connection db, City city) throws Exception {
        try (PreparedStatement query = db.prepareStatement("SELECT project, station_code, enterprise_id, category, cause"
                + " FROM aid_cell WHERE grain = 'M' AND period = 200605 AND beneficiary = 'HOUSEHOLD'"
                + " AND station_code LIKE ? ORDER BY station_code LIMIT 1")) {
            query.setString(1, city.code() + "%");
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "May 2006 has household cells");
                return new Object[]{row.getString(1), row.getString(2), row.getLong(3), row.getString(4), row.getString(5)};
            }
        }
    }

    private static void change(Connection db, Object[] cell, int payouts, String amount) throws Exception {
        try (PreparedStatement update = db.prepareStatement(
                "UPDATE aid_cell SET payouts = payouts + ?, amount = amount + ?::numeric WHERE " + CELL)) {
            update.setInt(1, payouts);
            update.setString(2, amount);
            for (int i = 0; i < cell.length; i++) {
                update.setObject(3 + i, cell[i]);
            }
            assertEquals(1, update.executeUpdate());
        }
    }

    private static String summary(String query) {
        return given().header("Authorization", bearer("analyst")).accept("application/json")
                .when().get("/api/v1/reports/summary?" + query).then().statusCode(200).extract().asString();
    }
}
