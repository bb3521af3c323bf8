package org.unionaid.reporting;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.unionaid.reporting.SourceData.City;
import org.unionaid.reporting.feed.FeedReader;
import org.unionaid.reporting.service.Dim;
import org.unionaid.reporting.service.ReportQuery;
import org.unionaid.reporting.service.ReportService;
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
 * Distinct persons read from the counters (aid_reach, aid_reach_chain) equal those counted over
 * aid_person and those in the source data, for every query shape, through reversals, items
 * delivered twice and payouts arriving out of year order; the counters the feed keeps equal
 * those built from scratch.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(FeedStubsResource.class)
class PersonCountersTest {

    private static final String PERIOD = "PERIOD_COUNTERS";
    private static final String CHAIN = "YEAR_CHAIN";
    private static final String DISTINCT = "DISTINCT_WORKERS";

    @FeedStubs.Inject
    FeedStubs stubs;

    @Inject
    FeedReader reader;

    @Inject
    ReportService reports;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Scheduler scheduler;

    /** A group-by with the level its stations roll up to (null: each station itself). */
    private record Grouping(List<Dim> dims, String level) {
    }

    /** Filters: projects, station subtree, category, cause, enterprise. */
    private record Filter(Set<String> projects, String station, String category, String cause, Long enterprise) {
        static Filter none() {
            return new Filter(Set.of(), null, null, null, null);
        }
    }

    private record Range(YearMonth from, YearMonth to) {
    }

    @Test
    void countersAgreeWithCountingDistinctWorkersAndWithTheSourceDataThroughGapsReversalsAndRedeliveries() {
        SourceData data = new SourceData(stubs, 31);
        City city = data.city("CNT");
        String community = city.communities().get(0);
        String workplace = community + "-W";
        data.station(workplace, community, "ENTERPRISE",
                "/" + city.code() + "/" + city.districts().get(0) + "/" + community + "/" + workplace + "/");
        List<Map<String, Object>> workers = data.activity(city, 50, 450);
        assertTrue(reader.catchUp());
        verify(city, shapes(city, false));

        // A worker paid in 2020 first, then 2016 and 2019 (earlier years arriving later), then 2019 reversed.
        var gaps = data.worker(community, "DEEP", "ILLNESS", LocalDate.of(2015, 12, 1));
        data.payout(gaps, "LIVING_RELIEF", new BigDecimal("300.00"), LocalDate.of(2020, 3, 9));
        assertTrue(reader.catchUp());
        data.payout(gaps, "LIVING_RELIEF", new BigDecimal("300.00"), LocalDate.of(2016, 11, 9));
        var in2019 = data.payout(gaps, "LIVING_RELIEF", new BigDecimal("300.00"), LocalDate.of(2019, 5, 9));
        assertTrue(reader.catchUp());
        verify(city, shapes(city, false));
        assertEquals(1L, persons(new Grouping(List.of(), null), new Filter(Set.of("LIVING_RELIEF"), community, null, "ILLNESS", null),
                new Range(YearMonth.of(2017, 1), YearMonth.of(2019, 12))).getOrDefault(List.of(), 0L));
        data.reverse(in2019, LocalDate.of(2021, 1, 4));
        assertTrue(reader.catchUp());
        assertEquals(0L, persons(new Grouping(List.of(), null), new Filter(Set.of("LIVING_RELIEF"), community, null, "ILLNESS", null),
                new Range(YearMonth.of(2017, 1), YearMonth.of(2019, 12))).getOrDefault(List.of(), 0L));

        // A worker who moves from one station to another within a year; the same items delivered twice.
        var mover = data.worker(workplace, "RELATIVE", "UNEMPLOYMENT", LocalDate.of(2015, 1, 1));
        var first = data.payout(mover, "SERIOUS_ILLNESS", new BigDecimal("800.00"), LocalDate.of(2019, 2, 1));
        var moved = data.change(mover, Map.of("stationCode", city.communities().get(3)));
        var second = data.payout(moved, "SERIOUS_ILLNESS", new BigDecimal("800.00"), LocalDate.of(2019, 8, 1));
        data.payout(moved, "SERIOUS_ILLNESS", new BigDecimal("800.00"), LocalDate.of(2016, 8, 1));
        var undone = data.reverse(second, LocalDate.of(2019, 9, 1));
        deliverAgain(first, second, undone);
        sixtyPayoutsOverTheYearsEveryFourthReversed(data, workers);
        assertTrue(reader.catchUp());
        verify(city, shapes(city, true));
    }

    @Test
    void countersKeptThroughGapsReversalsAndRedeliveriesEqualCountersBuiltFromScratch() throws Exception {
        SourceData data = new SourceData(stubs, 36);
        City city = data.city("KEPT");
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
        assertTrue(reader.catchUp());
        assertEquals(0L, reach("SELECT coalesce(sum(persons), 0) FROM aid_reach_chain WHERE dims = 1 + 2 + 16"
                + " AND project = 'LIVING_RELIEF' AND station_kind = 'T' AND station_code = '" + community + "'"
                + " AND cause = 'ILLNESS' AND year BETWEEN 2017 AND 2019 AND prev_year < 2017"));
        // A worker who moves to another station within a year; items delivered twice.
        var mover = data.worker(community, "RELATIVE", "UNEMPLOYMENT", LocalDate.of(2015, 1, 1));
        var first = data.payout(mover, "SERIOUS_ILLNESS", new BigDecimal("800.00"), LocalDate.of(2019, 2, 1));
        var moved = data.change(mover, Map.of("stationCode", city.communities().get(3)));
        var second = data.payout(moved, "SERIOUS_ILLNESS", new BigDecimal("800.00"), LocalDate.of(2019, 8, 1));
        var undone = data.reverse(second, LocalDate.of(2019, 9, 1));
        deliverAgain(first, second, undone);
        sixtyPayoutsOverTheYearsEveryFourthReversed(data, workers);
        scheduler.pause();
        try {
            assertTrue(reader.catchUp());
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
    void theCheapestExactSourceIsChosenForEachShape() {
        SourceData data = new SourceData(stubs, 32);
        City city = data.city("SRC");
        data.activity(city, 10, 60);
        assertTrue(reader.catchUp());
        Filter none = Filter.none();
        Range all = new Range(null, null);
        assertEquals(PERIOD, source(new Grouping(List.of(Dim.PROJECT, Dim.YEAR, Dim.STATION), null), none, all));
        assertEquals(PERIOD, source(new Grouping(List.of(Dim.MONTH, Dim.STATION), "DISTRICT"), new Filter(Set.of(), city.code(), null, null, null), all));
        assertEquals(PERIOD, source(new Grouping(List.of(Dim.CATEGORY), null), none, new Range(YearMonth.of(2024, 4), YearMonth.of(2024, 6))));
        assertEquals(CHAIN, source(new Grouping(List.of(), null), none, all));
        assertEquals(CHAIN, source(new Grouping(List.of(Dim.PROJECT), null), none, new Range(YearMonth.of(2016, 1), null)));
        assertEquals(CHAIN, source(new Grouping(List.of(Dim.STATION), "DISTRICT"), new Filter(Set.of(), city.code(), "DEEP", null, 7L),
                new Range(YearMonth.of(2023, 1), YearMonth.of(2024, 12))));
        assertEquals(CHAIN, source(new Grouping(List.of(), null), new Filter(Set.of("LIVING_RELIEF"), null, null, null, null), all));
        assertEquals(DISTINCT, source(new Grouping(List.of(), null), none, new Range(YearMonth.of(2023, 3), YearMonth.of(2024, 10))));
        assertEquals(DISTINCT, source(new Grouping(List.of(Dim.YEAR), null), none, new Range(YearMonth.of(2023, 3), YearMonth.of(2024, 10))));
        assertEquals(DISTINCT, source(new Grouping(List.of(), null),
                new Filter(Set.of("LIVING_RELIEF", "SERIOUS_ILLNESS"), null, null, null, null), all));
        assertEquals(DISTINCT, source(new Grouping(List.of(Dim.STATION), "CITY"),
                new Filter(Set.of(), city.districts().get(0), null, null, null), all));
    }

    @Test
    void aPayoutAtAStationNotKnownYetWaitsForTheStationFeed() {
        SourceData data = new SourceData(stubs, 33);
        City city = data.city("LATE");
        assertTrue(reader.catchUp());
        String late = city.districts().get(1) + "-NEW";
        var worker = data.worker(late, "DEEP", "ILLNESS", LocalDate.of(2024, 1, 1));
        data.payout(worker, "GOLDEN_AUTUMN", new BigDecimal("500.00"), LocalDate.of(2024, 9, 9));
        Grouping byDistrict = new Grouping(List.of(Dim.STATION), "DISTRICT");
        Filter inCity = new Filter(Set.of(), city.code(), null, null, null);
        Range all = new Range(null, null);
        assertFalse(reader.catchUp(), "the payouts batch waits for its station");
        assertEquals(Map.of(), persons(byDistrict, inCity, all));

        data.station(late, city.districts().get(1), "COMMUNITY", "/" + city.code() + "/" + city.districts().get(1) + "/" + late + "/");
        assertTrue(reader.catchUp());
        assertEquals(Map.of(List.of(city.districts().get(1)), 1L), persons(byDistrict, inCity, all));
        assertEquals(persons(byDistrict, inCity, all), exact(byDistrict, inCity, all));
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

    /** Every shape: counters, COUNT(DISTINCT) and the source data agree; each source serves some. */
    private void verify(City city, List<Object[]> shapes) {
        Expected expected = new Expected(stubs);
        Map<String, Integer> served = new HashMap<>();
        for (Object[] shape : shapes) {
            Grouping g = (Grouping) shape[0];
            Filter f = (Filter) shape[1];
            Range r = (Range) shape[2];
            String what = g + " " + f + " " + r;
            Map<List<String>, Long> want = expected(expected, g, f, r);
            assertEquals(want, exact(g, f, r), "COUNT(DISTINCT) for " + what);
            assertEquals(want, persons(g, f, r), "counters for " + what);
            served.merge(source(g, f, r), 1, Integer::sum);
        }
        assertTrue(served.getOrDefault(PERIOD, 0) > shapes.size() / 5, "period counters serve many shapes: " + served);
        assertTrue(served.getOrDefault(CHAIN, 0) > shapes.size() / 10, "the year chain serves many shapes: " + served);
        assertTrue(served.getOrDefault(DISTINCT, 0) > 0, "some shapes fall back: " + served);
        assertFalse(expected(expected, new Grouping(List.of(Dim.STATION), null), new Filter(Set.of(), city.code(), null, null, null),
                new Range(null, null)).isEmpty(), "the city has persons");
    }

    private List<Object[]> shapes(City city, boolean all) {
        List<Grouping> groupings = new ArrayList<>(List.of(
                new Grouping(List.of(), null),
                new Grouping(List.of(Dim.PROJECT), null),
                new Grouping(List.of(Dim.YEAR), null),
                new Grouping(List.of(Dim.QUARTER), null),
                new Grouping(List.of(Dim.PROJECT, Dim.YEAR, Dim.STATION), null),
                new Grouping(List.of(Dim.STATION), "DISTRICT"),
                new Grouping(List.of(Dim.STATION), null),
                new Grouping(List.of(Dim.CATEGORY, Dim.CAUSE, Dim.QUARTER), null)));
        if (all) {
            groupings.addAll(List.of(
                    new Grouping(List.of(Dim.MONTH), null),
                    new Grouping(List.of(Dim.YEAR, Dim.MONTH), null),
                    new Grouping(List.of(Dim.STATION), "CITY"),
                    new Grouping(List.of(Dim.STATION), "COMMUNITY"),
                    new Grouping(List.of(Dim.STATION), "STREET"),
                    new Grouping(List.of(Dim.STATION), "ENTERPRISE"),
                    new Grouping(List.of(Dim.YEAR, Dim.STATION), "DISTRICT"),
                    new Grouping(List.of(Dim.STATION, Dim.CATEGORY), null),
                    new Grouping(List.of(Dim.ENTERPRISE), null),
                    new Grouping(List.of(Dim.CAUSE), null),
                    new Grouping(List.of(Dim.PROJECT, Dim.ENTERPRISE, Dim.CATEGORY, Dim.CAUSE, Dim.STATION), "COMMUNITY")));
        }
        List<Filter> filters = new ArrayList<>(List.of(
                Filter.none(),
                new Filter(Set.of(), city.code(), null, null, null),
                new Filter(Set.of(), city.communities().get(0), null, null, null),
                new Filter(Set.of("LIVING_RELIEF"), null, "DEEP", null, null),
                new Filter(Set.of("LIVING_RELIEF", "SERIOUS_ILLNESS"), null, null, null, null)));
        if (all) {
            filters.addAll(List.of(
                    new Filter(Set.of(), city.districts().get(0), null, null, null),
                    new Filter(Set.of(), city.districts().get(1), "RELATIVE", null, null),
                    new Filter(Set.of(), null, null, "ILLNESS", null),
                    new Filter(Set.of(), null, null, null, 7L),
                    new Filter(Set.of("SERIOUS_ILLNESS"), city.code(), null, "UNEMPLOYMENT", 7L)));
        }
        List<Range> ranges = new ArrayList<>(List.of(
                new Range(null, null),
                new Range(YearMonth.of(2016, 1), null),
                new Range(YearMonth.of(2019, 1), YearMonth.of(2020, 12)),
                new Range(YearMonth.of(2023, 3), YearMonth.of(2024, 10))));
        if (all) {
            ranges.addAll(List.of(
                    new Range(YearMonth.of(2024, 1), YearMonth.of(2024, 12)),
                    new Range(YearMonth.of(2024, 4), YearMonth.of(2024, 6)),
                    new Range(YearMonth.of(2019, 8), YearMonth.of(2019, 8)),
                    new Range(null, YearMonth.of(2020, 12)),
                    new Range(YearMonth.of(2017, 1), YearMonth.of(2019, 12)),
                    new Range(YearMonth.of(2016, 2), null)));
        }
        List<Object[]> shapes = new ArrayList<>();
        for (Grouping g : groupings) {
            for (Filter f : filters) {
                for (Range r : ranges) {
                    shapes.add(new Object[] {g, f, r});
                }
            }
        }
        return shapes;
    }

    private ReportQuery query(Grouping g, Filter f, Range r) {
        return new ReportQuery(g.dims(), r.from(), r.to(), new LinkedHashSet<>(f.projects()), f.station(), g.level(),
                f.category(), f.cause(), f.enterprise(), null);
    }

    private Map<List<String>, Long> persons(Grouping g, Filter f, Range r) {
        return strings(reports.persons(query(g, f, r), true));
    }

    private Map<List<String>, Long> exact(Grouping g, Filter f, Range r) {
        return strings(reports.persons(query(g, f, r), false));
    }

    private String source(Grouping g, Filter f, Range r) {
        return reports.personSource(query(g, f, r));
    }

    private static Map<List<String>, Long> strings(Map<List<Object>, Long> persons) {
        Map<List<String>, Long> out = new HashMap<>();
        persons.forEach((k, v) -> out.put(k.stream().map(o -> Objects.toString(o, "")).toList(), v));
        return out;
    }

    /** Distinct workers of the standing household payouts in the shape, from the source items. */
    private static Map<List<String>, Long> expected(Expected expected, Grouping g, Filter f, Range r) {
        Predicate<Map<String, Object>> in = p -> {
            if (!Expected.household(p)) {
                return false;
            }
            YearMonth month = YearMonth.from(Expected.on(p));
            return (r.from() == null || !month.isBefore(r.from())) && (r.to() == null || !month.isAfter(r.to()))
                    && (f.projects().isEmpty() || f.projects().contains((String) p.get("projectCode")))
                    && (f.station() == null || expected.under((String) p.get("stationCode"), f.station()))
                    && (f.category() == null || f.category().equals(p.get("category")))
                    && (f.cause() == null || f.cause().equals(p.get("mainCause")))
                    && (f.enterprise() == null || f.enterprise().equals(enterprise(p)));
        };
        Map<List<String>, Set<Object>> groups = new HashMap<>();
        expected.aid(in, p -> new ArrayList<>(key(expected, g, p))).forEach((key, fig) -> groups
                .computeIfAbsent(key.stream().map(o -> Objects.toString(o, "")).toList(), k -> new HashSet<>())
                .addAll(fig.persons()));
        Map<List<String>, Long> out = new HashMap<>();
        groups.forEach((k, v) -> out.put(k, (long) v.size()));
        return out;
    }

    private static List<Object> key(Expected expected, Grouping g, Map<String, Object> p) {
        LocalDate on = Expected.on(p);
        Map<Dim, Object> values = new EnumMap<>(Dim.class);
        values.put(Dim.PROJECT, p.get("projectCode"));
        values.put(Dim.YEAR, on.getYear());
        values.put(Dim.QUARTER, on.getYear() * 10 + (on.getMonthValue() - 1) / 3 + 1);
        values.put(Dim.MONTH, on.getYear() * 100 + on.getMonthValue());
        String station = Objects.toString(p.get("stationCode"), "");
        values.put(Dim.STATION, g.level() == null || station.isEmpty() ? station : expected.ancestor(station, g.level()));
        values.put(Dim.ENTERPRISE, enterprise(p));
        values.put(Dim.CATEGORY, Objects.toString(p.get("category"), ""));
        values.put(Dim.CAUSE, Objects.toString(p.get("mainCause"), ""));
        return g.dims().stream().map(values::get).toList();
    }

    private static Long enterprise(Map<String, Object> p) {
        return p.get("enterpriseId") == null ? 0L : ((Number) p.get("enterpriseId")).longValue();
    }

    private static void sixtyPayoutsOverTheYearsEveryFourthReversed(SourceData data, List<Map<String, Object>> workers) {
        for (int i = 0; i < 60; i++) {
            var p = data.payout(data.pick(workers), data.pick(List.of(SourceData.HOUSEHOLD_PROJECTS)), data.amount(),
                    LocalDate.of(2016 + i % 10, 1 + i % 12, 1 + i % 28));
            if (i % 4 == 0) {
                data.reverse(p, LocalDate.of(2026, 1, 2));
            }
        }
    }

    @SafeVarargs
    private void deliverAgain(Map<String, Object>... payoutItems) {
        for (Map<String, Object> item : payoutItems) {
            stubs.disbursement().redeliver("payouts", item);
        }
    }
}
