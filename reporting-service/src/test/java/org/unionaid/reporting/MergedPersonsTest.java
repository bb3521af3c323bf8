package org.unionaid.reporting;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.reporting.SourceData.City;
import org.unionaid.reporting.feed.FeedReader;
import org.unionaid.reporting.stub.FeedStubs;
import org.unionaid.reporting.stub.FeedStubsResource;
import org.unionaid.testsupport.PostgresResource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.reporting.Reports.aidItems;
import static org.unionaid.reporting.Reports.assertSuppressedItems;
import static org.unionaid.reporting.Reports.expectedItems;

/**
 * A file merged into another counts as that other file (issue 14): persons drop by one exactly where
 * both were aided, person-times and amounts stay; payouts and merges in either order, replays,
 * reversals after the merge and re-pointed merges give the figures of the source items, counted by
 * COUNT(DISTINCT file at the end of its merges) in {@link Expected}.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(FeedStubsResource.class)
class MergedPersonsTest {

    private static final LocalDate MARCH = LocalDate.of(2024, 3, 10);

    @FeedStubs.Inject
    FeedStubs stubs;

    @Inject
    FeedReader reader;

    @Inject
    Scheduler scheduler;

    @Inject
    AgroalDataSource database;

    /** The two files of one household in a city where five other files are aided in the same cells as the first. */
    private record Household(String prefix, City city, Map<String, Object> a, Map<String, Object> b, SourceData data) {
    }

    /** A report shape, limited to the household's city: the query, its keys and how a payout falls in a group. */
    private record Shape(String query, List<String> keys, boolean identifying,
                         BiFunction<Expected, Map<String, Object>, List<Object>> key) {
    }

    @BeforeEach
    void readOnlyWhenAsked() {
        scheduler.pause();
        assertTrue(reader.catchUp());
    }

    @AfterEach
    void pollingOn() {
        scheduler.resume();
    }

    @Test
    void aMergeAfterThePayoutsDropsPersonsExactlyWhereBothFilesWereAided() throws SQLException {
        Household h = household("MGA");
        pay(h);
        Map<String, Map<List<String>, List<String>>> before = figures(h);
        assertEquals(List.of("7", "7", "950.00", "false"), before.get("groupBy=project,month").get(List.of("LIVING_RELIEF", "2024-03")));

        h.data().merge(h.b(), h.a());
        catchUp();
        Map<String, Map<List<String>, List<String>>> after = figures(h);
        Map<List<String>, List<String>> byMonth = after.get("groupBy=project,month");
        assertEquals(List.of("7", "6", "950.00", "false"), byMonth.get(List.of("LIVING_RELIEF", "2024-03")),
                "both aided in March: counted once");
        assertEquals(before.get("groupBy=project,month").get(List.of("SERIOUS_ILLNESS", "2025-02")),
                byMonth.get(List.of("SERIOUS_ILLNESS", "2025-02")), "only the merged file aided there: no change");
        assertEquals(List.of("2", "1", "1300.00", "false"), after.get("groupBy=year").get(List.of("2025")));
        List<String> total = after.get("").get(List.of());
        assertEquals(List.of("10", "6", "2400.00", "false"), total, "7 files, 6 households");
        for (String query : before.keySet()) {
            Map<List<String>, List<String>> was = before.get(query);
            Map<List<String>, List<String>> is = after.get(query);
            assertEquals(was.keySet(), is.keySet(), query);
            was.forEach((group, figures) -> {
                if (!"true".equals(figures.get(3)) && !"true".equals(is.get(group).get(3))) {
                    assertEquals(figures.get(0), is.get(group).get(0), "person-times " + query + " " + group);
                    assertEquals(figures.get(2), is.get(group).get(2), "amount " + query + " " + group);
                }
            });
        }
        assertEquals(0, personRows(h.b()), "no aid_person row left under the merged file");

        h.data().change(h.b(), Map.of("changedAt", "2025-07-01T08:00:00Z"));
        catchUp();
        assertEquals(before, figures(h), "a newer state without mergedInto: the payouts move back");
    }

    @Test
    void mergeBeforeOrAfterThePayoutsAndReplaysGiveTheSameReports() throws SQLException {
        Household late = household("MGL");
        pay(late);
        late.data().merge(late.b(), late.a());
        catchUp();
        Household early = household("MGE");
        Map<String, Object> merge = early.data().merge(early.b(), early.a());
        catchUp();
        List<Map<String, Object>> payouts = pay(early);
        Map<String, String> reports = reports(late);
        assertEquals(reports, reports(early), "payouts then merge = merge then payouts");

        stubs.registry().redeliver("workers", merge);
        payouts.forEach(p -> stubs.disbursement().redeliver("payouts", p));
        stubs.registry().replayOnce("workers", 4);
        stubs.disbursement().replayOnce("payouts", 6);
        catchUp();
        assertEquals(reports, reports(early), "items delivered twice");
        try (Connection db = database.getConnection(); Statement reset = db.createStatement()) {
            reset.executeUpdate("UPDATE feed_position SET last_seq = 0");
        }
        catchUp();
        assertEquals(reports, reports(early), "the feeds read again from the start");
        assertEquals(reports, reports(late));
        figures(early);
    }

    @Test
    void aReversalAfterTheMergeFindsThePayoutUnderTheSurvivor() throws SQLException {
        Household h = household("MGR");
        List<Map<String, Object>> paid = pay(h);
        h.data().merge(h.b(), h.a());
        catchUp();
        h.data().reverse(paid.get(2), LocalDate.of(2025, 6, 1));
        catchUp();
        assertEquals(List.of("6", "6", "700.00", "false"),
                figures(h).get("groupBy=project,month").get(List.of("LIVING_RELIEF", "2024-03")),
                "A still aided in March");
        h.data().reverse(paid.get(3), LocalDate.of(2025, 6, 1));
        h.data().reverse(paid.get(4), LocalDate.of(2025, 6, 2));
        catchUp();
        Map<String, Map<List<String>, List<String>>> after = figures(h);
        assertEquals(List.of("2024"), after.get("groupBy=year").keySet().stream().map(k -> k.get(0)).toList());
        assertEquals(0, personRows(h.b()), "nothing under the merged file");
        assertEquals(3 * 2, personRows(h.a()), "A's two payouts, at three grains");
    }

    @Test
    void aRepointedMergeCountsAllThreeFilesUnderTheLastSurvivorInEitherOrder() throws SQLException {
        Household first = household("MGP");
        Map<String, Object> c = chainOfThree(first);
        first.data().merge(c, first.b());
        catchUp();
        assertEquals(List.of("8", "7", "1150.00", "false"),
                figures(first).get("groupBy=project,month").get(List.of("LIVING_RELIEF", "2024-03")), "C counts as B");
        first.data().merge(first.b(), first.a());
        catchUp();
        Map<String, Map<List<String>, List<String>>> chained = figures(first);
        assertEquals(List.of("8", "6", "1150.00", "false"),
                chained.get("groupBy=project,month").get(List.of("LIVING_RELIEF", "2024-03")), "C counts as A through B");
        first.data().merge(c, first.a());
        catchUp();
        assertEquals(chained, figures(first), "the registry's re-pointing changes nothing");
        assertEquals(personRows(first.a(), first.b(), c), personRows(first.a()), "all rows under A");

        Household second = household("MGQ");
        Map<String, Object> c2 = chainOfThree(second);
        second.data().merge(c2, second.b());
        catchUp();
        second.data().merge(c2, second.a());
        second.data().merge(second.b(), second.a());
        catchUp();
        assertEquals(reports(first), reports(second), "re-pointing before the survivor's own merge");
    }

    /** A third file of the household, aided in March and in 2026, not merged yet. */
    private Map<String, Object> chainOfThree(Household h) {
        pay(h);
        Map<String, Object> c = h.data().worker(h.city().communities().get(2), "DEEP", "DISABILITY", LocalDate.of(2023, 6, 1));
        h.data().payout(c, "LIVING_RELIEF", new BigDecimal("200.00"), MARCH.plusDays(5));
        h.data().payout(c, "FESTIVAL_WARMTH", new BigDecimal("80.00"), LocalDate.of(2026, 1, 20));
        catchUp();
        return c;
    }

    private Household household(String prefix) {
        SourceData data = new SourceData(stubs, 14);
        City city = data.city(prefix);
        String first = city.communities().get(0);
        for (int i = 0; i < 5; i++) {
            Map<String, Object> other = data.worker(first, "RELATIVE", "ILLNESS", LocalDate.of(2023, 2, 1));
            data.payout(other, "LIVING_RELIEF", new BigDecimal("100.00"), MARCH);
        }
        Map<String, Object> a = data.worker(first, "DEEP", "ILLNESS", LocalDate.of(2023, 3, 1));
        Map<String, Object> b = data.worker(city.communities().get(1), "RELATIVE", "UNEMPLOYMENT", LocalDate.of(2023, 4, 1));
        catchUp();
        return new Household(prefix, city, a, b, data);
    }

    /** A in March and September 2024, B (another station) in March 2024 and twice in February 2025; read. */
    private List<Map<String, Object>> pay(Household h) {
        List<Map<String, Object>> paid = new ArrayList<>();
        paid.add(h.data().payout(h.a(), "LIVING_RELIEF", new BigDecimal("200.00"), MARCH));
        paid.add(h.data().payout(h.a(), "GOLDEN_AUTUMN", new BigDecimal("150.00"), LocalDate.of(2024, 9, 1)));
        paid.add(h.data().payout(h.b(), "LIVING_RELIEF", new BigDecimal("250.00"), MARCH.plusDays(10)));
        paid.add(h.data().payout(h.b(), "SERIOUS_ILLNESS", new BigDecimal("900.00"), LocalDate.of(2025, 2, 1)));
        paid.add(h.data().payout(h.b(), "SERIOUS_ILLNESS", new BigDecimal("400.00"), LocalDate.of(2025, 2, 11)));
        catchUp();
        return paid;
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("", List.of(), false, (e, p) -> List.of()),
            new Shape("groupBy=project,month", List.of("project", "month"), false,
                    (e, p) -> List.of(p.get("projectCode"), ((String) p.get("occurredOn")).substring(0, 7))),
            new Shape("groupBy=year", List.of("year"), false, (e, p) -> List.of(Expected.on(p).getYear())),
            new Shape("groupBy=project,quarter", List.of("project", "quarter"), false,
                    (e, p) -> List.of(p.get("projectCode"), Reports.quarter((String) p.get("occurredOn")))),
            new Shape("groupBy=project&from=2024-02&to=2025-02", List.of("project"), false,
                    (e, p) -> List.of(p.get("projectCode"))),
            new Shape("groupBy=category&from=2024-02&to=2025-02", List.of("category"), true,
                    (e, p) -> List.of(p.get("category"))),
            new Shape("groupBy=station&level=DISTRICT", List.of("station"), true,
                    (e, p) -> List.of(e.ancestor((String) p.get("stationCode"), "DISTRICT"))),
            new Shape("groupBy=station", List.of("station"), true, (e, p) -> List.of(p.get("stationCode"))));

    /** Every shape's figures for the household's city, each compared with the source items first. */
    private Map<String, Map<List<String>, List<String>>> figures(Household h) {
        Expected expected = new Expected(stubs);
        Map<String, Map<List<String>, List<String>>> figures = new LinkedHashMap<>();
        for (Shape shape : SHAPES) {
            String query = shape.query() + (shape.query().isEmpty() ? "" : "&") + "station=" + h.city().code();
            Map<List<String>, List<String>> actual = shape.keys().isEmpty() ? totals(query) : aidItems(query, shape.keys());
            String from = query.contains("from=") ? "2024-02" : "0000-00";
            String to = query.contains("to=") ? "2025-02" : "9999-99";
            var groups = expected.aid(p -> Expected.household(p) && expected.under((String) p.get("stationCode"), h.city().code())
                    && Expected.between(from, to).test(p), p -> shape.key().apply(expected, p));
            if (shape.identifying()) {
                assertSuppressedItems(groups, actual);
            } else {
                assertEquals(expectedItems(groups, false), actual, query);
            }
            figures.put(shape.query(), actual);
        }
        var summary = Reports.get("summary", "station=" + h.city().code()).extract().jsonPath();
        assertEquals(figures.get("").get(List.of()), List.of(summary.getString("personTimes"), summary.getString("persons"),
                summary.getString("amount"), summary.getString("suppressed")), "the summary as the totals");
        return figures;
    }

    private static Map<List<String>, List<String>> totals(String query) {
        var t = Reports.get("aid", query).extract().jsonPath();
        return Map.of(List.of(), List.of(t.getString("totals.personTimes"), t.getString("totals.persons"),
                t.getString("totals.amount"), t.getString("totals.suppressed")));
    }

    /** The answers of every shape and the summary, with the city's prefix and asOf taken out. */
    private Map<String, String> reports(Household h) {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (Shape shape : SHAPES) {
            String query = shape.query() + (shape.query().isEmpty() ? "" : "&") + "station=" + h.city().code();
            bodies.put(shape.query(), Reports.get("aid", query).extract().asString()
                    .replace(h.prefix() + "-", "X-").replaceAll("\"asOf\":\"[^\"]*\"", ""));
        }
        bodies.put("summary", Reports.get("summary", "station=" + h.city().code()).extract().asString()
                .replaceAll("\"asOf\":\"[^\"]*\"", ""));
        return bodies;
    }

    private void catchUp() {
        assertTrue(reader.catchUp(), "all feeds read");
    }

    /** aid_person rows held under these files. */
    private long personRows(Map<?, ?>... files) throws SQLException {
        try (Connection db = database.getConnection();
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM aid_person WHERE worker_id = ANY(?)")) {
            query.setArray(1, db.createArrayOf("bigint", java.util.Arrays.stream(files).map(f -> f.get("fileId")).toArray()));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
