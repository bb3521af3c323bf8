package org.unionaid.reporting;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.reporting.SourceData.City;
import org.unionaid.reporting.feed.FeedReader;
import org.unionaid.reporting.stub.FeedStubs;
import org.unionaid.reporting.stub.FeedStubsResource;
import org.unionaid.testsupport.PostgresResource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The totals of a report limited to a small group (a station below the city, a category, cause or
 * enterprise) are suppressed like a cell: never fewer than 5 persons, and never a figure that the
 * totals of its neighbours and its parent give away by subtraction. Data through the feeds.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(FeedStubsResource.class)
class SuppressedTotalsTest {

    @FeedStubs.Inject
    FeedStubs stubs;

    @Inject
    FeedReader reader;

    /** District 1: community 1 with 6 persons, community 2 with 2; district 2: 7 and 8. */
    private static City city;

    @BeforeEach
    void aCityWithOneSmallCommunity() {
        if (city != null) {
            return;
        }
        SourceData data = new SourceData(stubs, 31);
        city = data.city("TOT");
        households(data, city.communities().get(0), 6, "DEEP", "ILLNESS", "LIVING_RELIEF", "310.00");
        households(data, city.communities().get(1), 2, "ACCIDENT", "DISABILITY", "SERIOUS_ILLNESS", "5020.00");
        households(data, city.communities().get(2), 7, "RELATIVE", "UNEMPLOYMENT", "LIVING_RELIEF", "270.00");
        households(data, city.communities().get(3), 8, "RELATIVE", "ILLNESS", "GOLDEN_AUTUMN", "400.00");
        assertTrue(reader.catchUp());
    }

    @Test
    void aStreetOfTwoHouseholdsShowsNoTotals() {
        String small = city.communities().get(1);
        JsonPath aid = Reports.get("aid", "groupBy=project&station=" + small).extract().jsonPath();
        assertHidden(aid, "totals");
        assertTrue(aid.getList("items.suppressed").stream().allMatch(Boolean.TRUE::equals), aid.prettify());
        JsonPath summary = Reports.get("summary", "station=" + small).extract().jsonPath();
        assertEquals(true, summary.getBoolean("suppressed"));
        assertNull(summary.get("amount"));
    }

    @Test
    void theNeighbourOfASmallStreetShowsNoTotalsEitherOrItsParentWouldGiveTheSmallOneAway() {
        // district 1 (8 persons) is shown: with its first community's totals shown too, the second
        // community's (2 persons) would be district minus community 1
        String district = city.districts().get(0);
        String neighbour = city.communities().get(0);
        JsonPath parent = Reports.get("aid", "groupBy=project&station=" + district).extract().jsonPath();
        assertEquals(false, parent.getBoolean("totals.suppressed"));
        assertEquals(8, parent.getInt("totals.persons"));
        assertEquals("11900.00", parent.getString("totals.amount"));

        JsonPath aid = Reports.get("aid", "groupBy=project&station=" + neighbour).extract().jsonPath();
        assertHidden(aid, "totals");
        // its one project holds all its 6 persons: shown, it would be the hidden totals themselves
        assertEquals(List.of(true), aid.getList("items.suppressed"), aid.prettify());
        JsonPath summary = Reports.get("summary", "station=" + neighbour).extract().jsonPath();
        assertEquals(true, summary.getBoolean("suppressed"));
        assertNull(summary.get("personTimes"));
        assertTrue(summary.getList("projects.findAll { it.beneficiary == 'HOUSEHOLD' }.suppressed").stream()
                .allMatch(Boolean.TRUE::equals), summary.prettify());
    }

    @Test
    void largeEnoughStreetsWhoseNeighboursAreLargeEnoughShowExactTotals() {
        JsonPath aid = Reports.get("aid", "station=" + city.communities().get(2)).extract().jsonPath();
        assertEquals(false, aid.getBoolean("totals.suppressed"));
        assertEquals(7, aid.getInt("totals.persons"));
        assertEquals(7, aid.getInt("totals.personTimes"));
        assertEquals("1890.00", aid.getString("totals.amount"));
        JsonPath summary = Reports.get("summary", "station=" + city.communities().get(3)).extract().jsonPath();
        assertEquals(false, summary.getBoolean("suppressed"));
        assertEquals(8, summary.getInt("persons"));
        assertEquals("3200.00", summary.getString("amount"));
    }

    @Test
    void aCategoryTotalIsNotTheCityTotalMinusTheOtherCategories() {
        String limit = "station=" + city.code() + "&category=";
        // ACCIDENT (2 persons) is hidden; DEEP (6) goes with it, or the city minus DEEP and RELATIVE gives it
        assertEquals(true, Reports.get("summary", limit + "ACCIDENT").extract().jsonPath().getBoolean("suppressed"));
        assertEquals(true, Reports.get("summary", limit + "DEEP").extract().jsonPath().getBoolean("suppressed"));
        assertHidden(Reports.get("aid", limit + "DEEP").extract().jsonPath(), "totals");
        JsonPath relative = Reports.get("summary", limit + "RELATIVE").extract().jsonPath();
        assertEquals(false, relative.getBoolean("suppressed"));
        assertEquals(15, relative.getInt("persons"));
        assertEquals("5090.00", relative.getString("amount"));
    }

    /**
     * Every station's and category's totals are what its own cell of the breakdown by that filter shows:
     * the same figures, or hidden in both; and hidden totals are never the sum of the cells shown beside them.
     */
    @Test
    void filteredTotalsAgreeWithTheirCellInTheBreakdownByTheFilter() {
        List<String> checked = new ArrayList<>();
        for (String district : city.districts()) {
            check("station=" + district, "groupBy=station&level=DISTRICT&station=" + city.code(), "station", district, checked);
        }
        for (String community : city.communities()) {
            String district = community.substring(0, community.lastIndexOf('-'));
            check("station=" + community, "groupBy=station&level=COMMUNITY&station=" + district, "station", community, checked);
        }
        for (String category : SourceData.CATEGORIES) {
            check("station=" + city.code() + "&category=" + category, "groupBy=category&station=" + city.code(),
                    "category", category, checked);
        }
        assertEquals(9, checked.size(), checked.toString());
        assertTrue(checked.stream().filter(c -> c.endsWith("hidden")).count() >= 4, checked.toString());
    }

    private static void check(String limited, String breakdown, String key, String value, List<String> checked) {
        JsonPath totals = Reports.get("aid", "groupBy=project&" + limited).extract().jsonPath();
        Map<String, Object> cell = Reports.items("aid", breakdown).stream()
                .filter(i -> value.equals(Objects.toString(i.get(key)))).findFirst().orElseThrow();
        boolean hidden = totals.getBoolean("totals.suppressed");
        assertEquals(cell.get("suppressed"), hidden, limited + " against " + breakdown);
        if (hidden) {
            assertHidden(totals, "totals");
            assertTrue(totals.getList("items.suppressed").contains(true), limited + ": the cells would add up to the totals");
        } else {
            assertTrue(totals.getInt("totals.persons") >= Reports.MIN_CELL, limited);
            assertEquals(cell.get("persons"), totals.getInt("totals.persons"), limited);
            assertEquals(cell.get("personTimes"), totals.getInt("totals.personTimes"), limited);
            assertEquals(cell.get("amount"), totals.getString("totals.amount"), limited);
        }
        checked.add(limited + (hidden ? " hidden" : " shown"));
    }

    private static void assertHidden(JsonPath answer, String totals) {
        assertEquals(true, answer.getBoolean(totals + ".suppressed"), answer.prettify());
        assertNull(answer.get(totals + ".persons"));
        assertNull(answer.get(totals + ".personTimes"));
        assertNull(answer.get(totals + ".amount"));
        assertFalse(answer.prettify().contains("5020.00"), "the small street's payouts appear nowhere");
    }

    private static void households(SourceData data, String station, int count, String category, String cause,
                                   String project, String amount) {
        for (int i = 0; i < count; i++) {
            var worker = data.worker(station, category, cause, LocalDate.of(2024, 1, 10));
            data.payout(worker, project, new BigDecimal(amount), LocalDate.of(2024, 5, 2 + i));
        }
    }
}
