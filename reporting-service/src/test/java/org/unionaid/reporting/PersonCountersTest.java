package org.unionaid.reporting;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.unionaid.reporting.SourceData.City;
import org.unionaid.reporting.feed.FeedReader;
import org.unionaid.reporting.stub.FeedStubs;
import org.unionaid.reporting.stub.FeedStubsResource;
import org.unionaid.testsupport.PostgresResource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counters of distinct persons (aid_reach, aid_reach_chain) kept by the payout feed equal
 * those built from scratch, through reversals, items delivered twice and payouts arriving out
 * of year order.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(FeedStubsResource.class)
class PersonCountersTest {

    @FeedStubs.Inject
    FeedStubs stubs;

    @Inject
    FeedReader reader;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Scheduler scheduler;

    @Test
    void countersKeptThroughGapsReversalsAndRedeliveriesEqualCountersBuiltFromScratch() throws Exception {
        SourceData data = new SourceData(stubs, 31);
        City city = data.city("CNT");
        String community = city.communities().get(0);
        List<Map<String, Object>> workers = data.activity(city, 30, 250);
        assertTrue(reader.catchUp());
        // A worker paid in 2020 first, then 2016 and 2019 (earlier years arriving later), then 2019 reversed.
        var gaps = data.worker(community, "DEEP", "ILLNESS", LocalDate.of(2015, 12, 1));
        data.payout(gaps, "LIVING_RELIEF", new BigDecimal("300.00"), LocalDate.of(2020, 3, 9));
        assertTrue(reader.catchUp());
        data.payout(gaps, "LIVING_RELIEF", new BigDecimal("300.00"), LocalDate.of(2016, 11, 9));
        var in2019 = data.payout(gaps, "LIVING_RELIEF", new BigDecimal("300.00"), LocalDate.of(2019, 5, 9));
        assertTrue(reader.catchUp());
        assertEquals(1L, reach("SELECT sum(persons) FROM aid_reach_chain WHERE dims = 1 + 2 + 16 AND project = 'LIVING_RELIEF'"
                + " AND station_kind = 'T' AND station_code = '" + community + "' AND cause = 'ILLNESS'"
                + " AND year BETWEEN 2017 AND 2019 AND prev_year < 2017"));
        data.reverse(in2019, LocalDate.of(2021, 1, 4));
        // A worker who moves to another station within a year; items delivered twice.
        var mover = data.worker(community, "RELATIVE", "UNEMPLOYMENT", LocalDate.of(2015, 1, 1));
        var first = data.payout(mover, "SERIOUS_ILLNESS", new BigDecimal("800.00"), LocalDate.of(2019, 2, 1));
        var moved = data.change(mover, Map.of("stationCode", city.communities().get(3)));
        var second = data.payout(moved, "SERIOUS_ILLNESS", new BigDecimal("800.00"), LocalDate.of(2019, 8, 1));
        var undone = data.reverse(second, LocalDate.of(2019, 9, 1));
        stubs.disbursement().redeliver("payouts", first);
        stubs.disbursement().redeliver("payouts", second);
        stubs.disbursement().redeliver("payouts", undone);
        for (int i = 0; i < 60; i++) {
            var p = data.payout(data.pick(workers), data.pick(List.of(SourceData.HOUSEHOLD_PROJECTS)), data.amount(),
                    LocalDate.of(2016 + i % 10, 1 + i % 12, 1 + i % 28));
            if (i % 4 == 0) {
                data.reverse(p, LocalDate.of(2026, 1, 2));
            }
        }
        scheduler.pause();
        try {
            assertTrue(reader.catchUp());
            assertEquals(0L, reach("SELECT coalesce(sum(persons), 0) FROM aid_reach_chain WHERE dims = 1 + 2 + 16"
                    + " AND project = 'LIVING_RELIEF' AND station_kind = 'T' AND station_code = '" + community + "'"
                    + " AND cause = 'ILLNESS' AND year BETWEEN 2017 AND 2019 AND prev_year < 2017"));
            for (int year = 2016; year <= 2025; year++) {
                assertEquals(reach("SELECT count(DISTINCT worker_id) FROM aid_person WHERE grain = 'Y' AND period = " + year
                                + " AND station_code IN (SELECT station_code FROM station_ancestor WHERE ancestor_code = '" + city.code() + "')"),
                        reach("SELECT coalesce(sum(persons), 0) FROM aid_reach WHERE dims = 2 AND grain = 'Y' AND period = " + year
                                + " AND station_kind = 'T' AND station_code = '" + city.code() + "'"), "persons in " + year);
            }
            assertRebuiltCountersEqualKept(city);
        } finally {
            scheduler.resume();
        }
    }

    @Test
    void aPayoutAtAStationNotKnownYetWaitsForTheStationFeed() throws SQLException {
        SourceData data = new SourceData(stubs, 33);
        City city = data.city("LATE");
        assertTrue(reader.catchUp());
        String late = city.districts().get(1) + "-NEW";
        var worker = data.worker(late, "DEEP", "ILLNESS", LocalDate.of(2024, 1, 1));
        data.payout(worker, "GOLDEN_AUTUMN", new BigDecimal("500.00"), LocalDate.of(2024, 9, 9));
        String inDistrict = "SELECT coalesce(sum(persons), 0) FROM aid_reach WHERE dims = 2 AND grain = 'Y'"
                + " AND station_kind = 'T' AND station_code = '" + city.districts().get(1) + "'";
        assertFalse(reader.catchUp(), "the payouts batch waits for its station");
        assertEquals(0L, reach(inDistrict));

        data.station(late, city.districts().get(1), "COMMUNITY", "/" + city.code() + "/" + city.districts().get(1) + "/" + late + "/");
        assertTrue(reader.catchUp());
        assertEquals(1L, reach(inDistrict));
    }

    @Test
    void morePayoutsOfTheSamePersonsAddNoCounterRows() throws SQLException {
        SourceData data = new SourceData(stubs, 34);
        City city = data.city("FLAT");
        var worker = data.worker(city.communities().get(1), "ACCIDENT", "DISABILITY", LocalDate.of(2023, 1, 1));
        data.payout(worker, "FESTIVAL_WARMTH", new BigDecimal("50.00"), LocalDate.of(2024, 2, 3));
        assertTrue(reader.catchUp());
        long reach = rows("aid_reach", city);
        long chain = rows("aid_reach_chain", city);
        assertTrue(reach > 0 && chain > 0);
        for (int i = 0; i < 300; i++) {
            data.payout(worker, "FESTIVAL_WARMTH", new BigDecimal("50.00"), LocalDate.of(2024, 2, 1 + i % 28));
        }
        assertTrue(reader.catchUp());
        assertEquals(reach, rows("aid_reach", city));
        assertEquals(chain, rows("aid_reach_chain", city));
    }

    /** The V2 migration's statements, run over the figures now held, give the counters the feed kept. */
    private void assertRebuiltCountersEqualKept(City city) throws Exception {
        String migration;
        try (var in = getClass().getResourceAsStream("/db/migration/V2__distinct_person_counters.sql")) {
            migration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String backfill = migration.substring(migration.indexOf("-- Counters for the figures already held"));
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            try {
                sql.execute("CREATE TEMPORARY TABLE kept_reach ON COMMIT DROP AS SELECT * FROM aid_reach");
                sql.execute("CREATE TEMPORARY TABLE kept_chain ON COMMIT DROP AS SELECT * FROM aid_reach_chain");
                sql.execute("DELETE FROM aid_reach");
                sql.execute("DELETE FROM aid_reach_chain");
                for (String statement : backfill.split(";\\s*\\n")) {
                    if (!statement.isBlank()) {
                        sql.execute(statement);
                    }
                }
                assertEquals(0L, differing(sql, "aid_reach", "kept_reach"));
                assertEquals(0L, differing(sql, "aid_reach_chain", "kept_chain"));
                assertTrue(count(sql, "SELECT count(*) FROM kept_chain WHERE station_code = '" + city.code() + "'") > 0);
            } finally {
                db.rollback();
            }
        }
    }

    private long reach(String query) throws SQLException {
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            return count(sql, query);
        }
    }

    private static long differing(Statement sql, String built, String kept) throws SQLException {
        return count(sql, "SELECT (SELECT count(*) FROM (SELECT * FROM " + built + " EXCEPT SELECT * FROM " + kept + ") a)"
                + " + (SELECT count(*) FROM (SELECT * FROM " + kept + " EXCEPT SELECT * FROM " + built + ") b)");
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    private long rows(String table, City city) throws SQLException {
        try (Connection db = dataSource.getConnection(); Statement query = db.createStatement();
             ResultSet count = query.executeQuery("SELECT count(*) FROM " + table + " WHERE station_code LIKE '"
                     + city.code().substring(0, city.code().indexOf('-')) + "-%'")) {
            count.next();
            return count.getLong(1);
        }
    }
}
