package org.unionaid.reporting;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.reporting.Expected.Fig;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.reporting.Reports.aidItems;
import static org.unionaid.reporting.Reports.assertSuppressedItems;
import static org.unionaid.reporting.Reports.expectedItems;
import static org.unionaid.reporting.Reports.money;
import static org.unionaid.testsupport.TestTokens.bearer;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(FeedStubsResource.class)
class AidFiguresTest {

    @FeedStubs.Inject
    FeedStubs stubs;

    @Inject
    FeedReader reader;

    @Inject
    AgroalDataSource dataSource;

    private static City fig;

    @BeforeEach
    void aCityWithThreeYearsOfAid() {
        if (fig == null) {
            SourceData data = new SourceData(stubs, 11);
            fig = data.city("FIG");
            data.activity(fig, 40, 400);
        }
        assertTrue(reader.catchUp());
    }

    @Test
    void summaryEqualsTheSumsOfTheSourcePayoutsAndReversals() {
        Expected expected = new Expected(stubs);
        Fig households = expected.total(Expected::household);
        assertTrue(households.personTimes() > 300 && households.persons().size() >= 40, "source data present");
        Fig enterprises = expected.total(p -> "ENTERPRISE".equals(p.get("beneficiary")));
        Fig stations = expected.total(p -> "STATION".equals(p.get("beneficiary")));
        var summary = Reports.get("summary", "").extract().jsonPath();
        assertEquals(households.personTimes(), summary.getLong("personTimes"));
        assertEquals(households.persons().size(), summary.getInt("persons"));
        assertEquals(money(households.amount()), summary.getString("amount"));
        assertEquals(enterprises.personTimes(), summary.getLong("enterpriseGrants.count"));
        assertEquals(money(enterprises.amount()), summary.getString("enterpriseGrants.amount"));
        assertEquals(stations.personTimes(), summary.getLong("stationGrants.count"));
        assertEquals(money(stations.amount()), summary.getString("stationGrants.amount"));
        Instant asOf = OffsetDateTime.parse(summary.getString("asOf")).toInstant();
        assertTrue(Duration.between(asOf, Instant.now()).abs().toMinutes() < 10, "asOf is about now: " + asOf);

        for (String project : SourceData.HOUSEHOLD_PROJECTS) {
            Fig f = expected.total(p -> Expected.household(p) && project.equals(p.get("projectCode")));
            Map<String, Object> row = summary.getMap("projects.find { it.project == '" + project + "' }");
            assertEquals(f.personTimes(), ((Number) row.get("personTimes")).longValue(), project);
            assertEquals(f.persons().size(), ((Number) row.get("persons")).intValue(), project);
            assertEquals(money(f.amount()), row.get("amount"), project);
        }
    }

    @Test
    void figuresByProjectAndYearEqualTheSourceItems() {
        Expected expected = new Expected(stubs);
        assertEquals(expectedItems(expected.aid(Expected::household,
                        p -> List.of(p.get("projectCode"), Expected.on(p).getYear())), false),
                aidItems("groupBy=project,year", List.of("project", "year")));
    }

    @Test
    void aRangeOfPartYearsCountsDistinctPersonsExactlyPerQuarter() {
        Expected expected = new Expected(stubs);
        Predicate<Map<String, Object>> range = Expected.between("2023-03", "2024-10");
        assertEquals(expectedItems(expected.aid(p -> Expected.household(p) && range.test(p),
                        p -> List.of(Reports.quarter((String) p.get("occurredOn")))), false),
                aidItems("groupBy=quarter&from=2023-03&to=2024-10", List.of("quarter")));
        // Persons over the whole range are distinct across its months, quarters and year.
        Fig all = expected.total(p -> Expected.household(p) && range.test(p));
        var totals = Reports.get("aid", "groupBy=project&from=2023-03&to=2024-10").extract().jsonPath();
        assertEquals(all.persons().size(), totals.getInt("totals.persons"));
        assertEquals(all.personTimes(), totals.getLong("totals.personTimes"));
        assertEquals(money(all.amount()), totals.getString("totals.amount"));
    }

    @Test
    void sinceAYearIsCumulativeToDate() {
        Expected expected = new Expected(stubs);
        Fig since = expected.total(p -> Expected.household(p) && Expected.on(p).getYear() >= 2024);
        var summary = Reports.get("summary", "since=2024").extract().jsonPath();
        assertEquals(since.personTimes(), summary.getLong("personTimes"));
        assertEquals(since.persons().size(), summary.getInt("persons"));
        assertEquals(money(since.amount()), summary.getString("amount"));
        assertEquals("2024-01", summary.getString("from"));
    }

    @Test
    void stationsRollUpTheTreeToTheLevelAsked() {
        Expected expected = new Expected(stubs);
        Predicate<Map<String, Object>> inCity = p -> Expected.household(p) && expected.under((String) p.get("stationCode"), fig.code());
        assertSuppressedItems(expected.aid(inCity,
                        p -> List.of(expected.ancestor((String) p.get("stationCode"), "DISTRICT"))),
                aidItems("groupBy=station&level=DISTRICT&station=" + fig.code(), List.of("station")));
        assertSuppressedItems(expected.aid(inCity,
                        p -> List.of(p.get("stationCode"), p.get("category"))),
                aidItems("groupBy=station,category&station=" + fig.code(), List.of("station", "category")));
        Fig city = expected.total(inCity);
        assertEquals(List.of(Long.toString(city.personTimes()), Integer.toString(city.persons().size()),
                        money(city.amount()), "false"),
                aidItems("groupBy=station&level=CITY", List.of("station")).get(List.of(fig.code())));
    }

    @Test
    void smallCellsAreSuppressedAndTotalsAreNot() {
        SourceData data = new SourceData(stubs, 12);
        City small = data.city("SMALL");
        String fewStation = small.communities().get(0);
        String manyStation = small.communities().get(3);
        String sixStation = small.communities().get(2);
        BigDecimal paid = BigDecimal.ZERO;
        for (int i = 0; i < 3; i++) {
            var w = data.worker(fewStation, "DEEP", "ILLNESS", LocalDate.of(2024, 1, 5));
            paid = paid.add(new BigDecimal((String) data.payout(w, "LIVING_RELIEF", new BigDecimal("400.00"), LocalDate.of(2024, 2, 1)).get("amount")));
        }
        for (int i = 0; i < 12; i++) {
            var w = data.worker(manyStation, "RELATIVE", "UNEMPLOYMENT", LocalDate.of(2024, 1, 5));
            paid = paid.add(new BigDecimal((String) data.payout(w, "LIVING_RELIEF", new BigDecimal("250.50"), LocalDate.of(2024, 3, 1)).get("amount")));
        }
        for (int i = 0; i < 6; i++) {
            var w = data.worker(sixStation, "RELATIVE", "UNEMPLOYMENT", LocalDate.of(2024, 1, 5));
            paid = paid.add(new BigDecimal((String) data.payout(w, "LIVING_RELIEF", new BigDecimal("100.00"), LocalDate.of(2024, 3, 1)).get("amount")));
        }
        assertTrue(reader.catchUp());

        var answer = Reports.get("aid", "groupBy=station&station=" + small.code()).extract().jsonPath();
        Map<String, Object> few = answer.getMap("items.find { it.station == '" + fewStation + "' }");
        assertEquals(true, few.get("suppressed"));
        assertNull(few.get("persons"));
        assertNull(few.get("personTimes"));
        assertNull(few.get("amount"));
        // With the total exact, the small cell would be the total minus the others: the lightest other
        // cell (6 persons, not small itself) is hidden with it; the rest stays.
        Map<String, Object> six = answer.getMap("items.find { it.station == '" + sixStation + "' }");
        assertEquals(true, six.get("suppressed"));
        assertNull(six.get("amount"));
        Map<String, Object> many = answer.getMap("items.find { it.station == '" + manyStation + "' }");
        assertEquals(false, many.get("suppressed"));
        assertEquals(12, many.get("persons"));
        assertEquals("3006.00", many.get("amount"));
        assertEquals(21, answer.getInt("totals.persons"));
        assertEquals(money(paid), answer.getString("totals.amount"));

        // By category too; and the city as a whole is not a small cell.
        Map<String, Object> deep = Reports.get("aid", "groupBy=category&station=" + small.code()).extract().jsonPath()
                .getMap("items.find { it.category == 'DEEP' }");
        assertEquals(true, deep.get("suppressed"));
        var city = Reports.get("aid", "groupBy=project&station=" + small.code() + "&from=2024&to=2024").extract().jsonPath();
        assertEquals(false, city.getBoolean("items[0].suppressed"));
        assertEquals(21, city.getInt("items[0].persons"));
        var summary = Reports.get("summary", "station=" + small.code()).extract().jsonPath();
        assertEquals(21, summary.getInt("persons"));
        assertEquals(money(paid), summary.getString("amount"));
        assertEquals(false, summary.getBoolean("suppressed"));

        // A summary limited to the station of three persons would single them out: suppressed too.
        var fewSummary = Reports.get("summary", "station=" + fewStation).extract().jsonPath();
        assertEquals(true, fewSummary.getBoolean("suppressed"));
        assertNull(fewSummary.get("persons"));
        assertNull(fewSummary.get("amount"));
        assertEquals(true, fewSummary.getBoolean("projects.find { it.project == 'LIVING_RELIEF' }.suppressed"));
        assertNull(fewSummary.get("projects.find { it.project == 'LIVING_RELIEF' }.amount"));
    }

    @Test
    void aReversalTakesThePayoutOutOfItsOwnMonth() {
        SourceData data = new SourceData(stubs, 13);
        City rev = data.city("REV");
        var worker = data.worker(rev.communities().get(0), "DEEP", "ILLNESS", LocalDate.of(2024, 1, 5));
        var payout = data.payout(worker, "SERIOUS_ILLNESS", new BigDecimal("19800.00"), LocalDate.of(2024, 5, 10));
        assertTrue(reader.catchUp());
        String may = "groupBy=month&from=2024-05&to=2024-07&station=" + rev.code();
        assertEquals(Map.of(List.of("2024-05"), List.of("1", "1", "19800.00", "false")), aidItems(may, List.of("month")));
        long before = Reports.get("summary", "").extract().jsonPath().getLong("personTimes");

        data.reverse(payout, LocalDate.of(2024, 7, 2));
        assertTrue(reader.catchUp());

        assertEquals(Map.of(), aidItems(may, List.of("month")));
        assertEquals(before - 1, Reports.get("summary", "").extract().jsonPath().getLong("personTimes"));
        var totals = Reports.get("aid", "station=" + rev.code()).extract().jsonPath();
        assertEquals(0, totals.getInt("totals.persons"));
        assertEquals("0.00", totals.getString("totals.amount"));
    }

    @Test
    void csvCarriesTheSameFiguresAsJson() {
        String query = "groupBy=project,year,station&level=DISTRICT";
        List<Map<String, Object>> json = Reports.items("aid", query);
        String csv = given().header("Authorization", bearer("reviewer")).accept("text/csv")
                .when().get("/api/v1/reports/aid?" + query)
                .then().statusCode(200).contentType("text/csv").extract().asString();
        List<String> lines = Arrays.asList(csv.split("\r\n"));
        assertEquals("project,year,station,personTimes,persons,amount,suppressed,asOf", lines.get(0));
        assertEquals(json.size(), lines.size() - 1);
        List<String> columns = List.of("project", "year", "station", "personTimes", "persons", "amount", "suppressed");
        for (int i = 0; i < json.size(); i++) {
            List<String> fields = Arrays.asList(lines.get(i + 1).split(",", -1));
            List<String> fromJson = new ArrayList<>();
            for (String c : columns) {
                fromJson.add(json.get(i).get(c) == null ? "" : json.get(i).get(c).toString());
            }
            assertEquals(fromJson, fields.subList(0, columns.size()));
            assertFalse(fields.get(columns.size()).isEmpty(), "asOf");
        }
        String summaryCsv = given().header("Authorization", bearer("admin")).accept("text/csv")
                .when().get("/api/v1/reports/summary").then().statusCode(200).extract().asString();
        var summary = Reports.get("summary", "").extract().jsonPath();
        assertTrue(summaryCsv.contains("\r\nALL,HOUSEHOLD," + summary.getLong("personTimes") + ","
                + summary.getInt("persons") + ",," + summary.getString("amount") + ","), summaryCsv);
    }

    @Test
    void noReportCarriesANameOrAnIdNumber() {
        Map<String, String> reports = new HashMap<>();
        for (String q : List.of("summary?since=2016", "aid?groupBy=project,year,station,enterprise,category,cause",
                "aid?groupBy=month,station", "registry?groupBy=status,category,cause,station",
                "registry?groupBy=year,station")) {
            for (String type : List.of("application/json", "text/csv")) {
                reports.put(q + " " + type, given().header("Authorization", bearer("analyst")).accept(type)
                        .when().get("/api/v1/reports/" + q).then().statusCode(200).extract().asString());
            }
        }
        reports.forEach((report, body) -> {
            for (String secret : Reports.NO_PERSONAL_DATA) {
                assertFalse(body.contains(secret), report + " carries " + secret);
            }
        });
    }

    @Test
    void morePayoutsInTheSameCellsAddNoRowsThatReportsRead() throws SQLException {
        SourceData data = new SourceData(stubs, 14);
        City scale = data.city("SCALE");
        var worker = data.worker(scale.communities().get(0), "DEEP", "ILLNESS", LocalDate.of(2024, 1, 1));
        data.payout(worker, "LIVING_RELIEF", new BigDecimal("10.00"), LocalDate.of(2024, 6, 3));
        assertTrue(reader.catchUp());
        long cells = rows("aid_cell");
        long personRows = rows("aid_person");
        assertEquals(3, cells, "one cell per grain: year, quarter, month");

        for (int i = 0; i < 600; i++) {
            data.payout(worker, "LIVING_RELIEF", new BigDecimal("10.00"), LocalDate.of(2024, 6, 1 + i % 28));
        }
        assertTrue(reader.catchUp());

        assertEquals(cells, rows("aid_cell"));
        assertEquals(personRows, rows("aid_person"));
        assertEquals(Map.of(List.of("2024-06"), List.of("601", "1", "6010.00", "false")),
                aidItems("groupBy=month&station=" + scale.code(), List.of("month")));
    }

    private long rows(String table) throws SQLException {
        try (Connection db = dataSource.getConnection(); Statement query = db.createStatement();
             ResultSet count = query.executeQuery("SELECT count(*) FROM " + table + " WHERE station_code LIKE 'SCALE-%'")) {
            count.next();
            return count.getLong(1);
        }
    }
}
