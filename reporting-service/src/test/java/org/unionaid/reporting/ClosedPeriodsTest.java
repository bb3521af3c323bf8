package org.unionaid.reporting;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.unionaid.reporting.Expected.Fig;
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
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.reporting.Reports.money;
import static org.unionaid.testsupport.TestTokens.bearer;

/**
 * A closed month answers the same bytes every time, also after a late payout and reversal reach it; the
 * next open month shows them as adjustments; a reopen makes it live again. Figures against the source items.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(FeedStubsResource.class)
class ClosedPeriodsTest {

    @FeedStubs.Inject
    FeedStubs stubs;

    @Inject
    FeedReader reader;

    @Inject
    io.agroal.api.AgroalDataSource database;

    @Test
    void aClosedMonthIsFrozenItsLatePayoutsAreAdjustmentsOfTheNextMonthAndAReopenMakesItLive() {
        SourceData data = new SourceData(stubs, 2009);
        City city = data.city("SHUT");
        List<Map<String, Object>> workers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            workers.add(data.worker(data.pick(city.communities()), "DEEP", "ILLNESS", LocalDate.of(2008, 6, 1)));
        }
        List<Map<String, Object>> march = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            march.add(data.payout(workers.get(i % 6), data.pick(List.of(SourceData.HOUSEHOLD_PROJECTS)), data.amount(),
                    LocalDate.of(2009, 3, 1 + i)));
            data.payout(workers.get(i % 7), "LIVING_RELIEF", data.amount(), LocalDate.of(2009, 4, 1 + i));
        }
        data.reverse(march.get(0), LocalDate.of(2009, 3, 20));
        assertTrue(reader.catchUp());
        String only = "&station=" + city.code();
        Fig marchBefore = expected(city, "2009-03");

        JsonPath closed = admin().body("{\"note\":\"reviewed by the city\"}").post(periods("2009-03/close"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals("2009-03", closed.getString("period"));
        assertTrue(closed.getBoolean("closed"));
        assertEquals("test-admin", closed.getString("closedBy"));
        assertEquals("reviewed by the city", closed.getString("note"));

        String summary = "summary", marchQuery = "from=2009-03&to=2009-03" + only;
        String frozenJson = body(summary, marchQuery, "application/json");
        assertEquals(frozenJson, body(summary, marchQuery, "application/json"), "the same bytes every time");
        String frozenCsv = body(summary, marchQuery, "text/csv");
        assertEquals(frozenCsv, body(summary, marchQuery, "text/csv"));
        assertTrue(frozenCsv.startsWith("project,beneficiary,personTimes,persons,grants,amount,from,to,asOf,closed,closedAt,closedBy\r\n"), frozenCsv);
        assertTrue(frozenCsv.contains(",true," + closed.getString("closedAt") + ",test-admin\r\n"), frozenCsv);
        String frozenAid = body("aid", "groupBy=project&" + marchQuery, "application/json");
        String frozenAidCsv = body("aid", "groupBy=project&" + marchQuery, "text/csv");
        JsonPath frozen = JsonPath.from(frozenJson);
        assertFigures(marchBefore, frozen);
        assertTrue(frozen.getBoolean("closed"));
        assertEquals(closed.getString("closedAt"), frozen.getString("closedAt"));
        assertEquals("test-admin", frozen.getString("closedBy"));
        assertEquals(List.of(), frozen.getList("adjustments"));
        assertEquals(marchBefore.personTimes(), JsonPath.from(frozenAid).getLong("totals.personTimes"));

        // Late: a payout to a file not paid in March yet, another to one that was, a reversal of a March payout.
        data.payout(workers.get(7), "LIVING_RELIEF", new BigDecimal("321.00"), LocalDate.of(2009, 3, 28));
        data.payout(workers.get(1), "SERIOUS_ILLNESS", new BigDecimal("1000.50"), LocalDate.of(2009, 3, 29));
        data.reverse(march.get(5), LocalDate.of(2009, 5, 2));
        assertTrue(reader.catchUp());
        Fig marchNow = expected(city, "2009-03");
        assertEquals(marchBefore.personTimes() + 1, marchNow.personTimes(), "the late items change March at the source");

        assertEquals(frozenJson, body(summary, marchQuery, "application/json"), "frozen figures unchanged");
        assertEquals(frozenCsv, body(summary, marchQuery, "text/csv"));
        assertEquals(frozenAid, body("aid", "groupBy=project&" + marchQuery, "application/json"));
        assertEquals(frozenAidCsv, body("aid", "groupBy=project&" + marchQuery, "text/csv"));

        JsonPath april = JsonPath.from(body(summary, "from=2009-04&to=2009-04" + only, "application/json"));
        assertFalse(april.getBoolean("closed"));
        assertFigures(expected(city, "2009-04"), april);
        assertEquals(1, april.getList("adjustments").size());
        assertEquals("2009-03", april.getString("adjustments[0].period"));
        assertEquals(marchNow.personTimes() - marchBefore.personTimes(), april.getLong("adjustments[0].personTimes"));
        assertEquals(money(marchNow.amount().subtract(marchBefore.amount())), april.getString("adjustments[0].amount"));
        assertEquals(marchNow.persons().size() - marchBefore.persons().size(), april.getInt("adjustments[0].persons"));
        JsonPath q2 = JsonPath.from(body("aid", "groupBy=month&from=2009-Q2&to=2009-Q2" + only, "application/json"));
        assertEquals(april.getLong("adjustments[0].personTimes"), q2.getLong("adjustments[0].personTimes"),
                "a range starting at the first open month carries them too");
        JsonPath may = JsonPath.from(body(summary, "from=2009-05&to=2009-05" + only, "application/json"));
        assertEquals(List.of(), may.getList("adjustments"));
        // the CSV carries them too: a column adjustmentOf and a line per adjustment; none, no column
        String aprilCsv = body(summary, "from=2009-04&to=2009-04" + only, "text/csv");
        String[] aprilLines = aprilCsv.split("\r\n");
        assertEquals("project,beneficiary,personTimes,persons,grants,amount,from,to,asOf,adjustmentOf", aprilLines[0]);
        assertTrue(aprilLines[1].startsWith("ALL,HOUSEHOLD,") && aprilLines[1].endsWith(","), aprilCsv);
        String adjustment = aprilLines[aprilLines.length - 1];
        assertTrue(adjustment.startsWith("ALL,HOUSEHOLD," + april.getLong("adjustments[0].personTimes") + ","
                + april.getInt("adjustments[0].persons") + ",," + april.getString("adjustments[0].amount") + ",2009-04,2009-04,"), aprilCsv);
        assertTrue(adjustment.endsWith(",2009-03"), aprilCsv);
        String q2Csv = body("aid", "groupBy=month&from=2009-Q2&to=2009-Q2" + only, "text/csv");
        assertTrue(q2Csv.startsWith("month,personTimes,persons,amount,suppressed,asOf,adjustmentOf\r\n"), q2Csv);
        assertTrue(q2Csv.contains("\r\n," + q2.getLong("adjustments[0].personTimes") + "," + q2.getInt("adjustments[0].persons")
                + "," + q2.getString("adjustments[0].amount") + ",false,"), q2Csv);
        assertTrue(q2Csv.endsWith(",2009-03\r\n"), q2Csv);
        assertTrue(body(summary, "from=2009-05&to=2009-05" + only, "text/csv")
                .startsWith("project,beneficiary,personTimes,persons,grants,amount,from,to,asOf\r\n"));
        JsonPath spanning = JsonPath.from(body(summary, "from=2009-01&to=2009-12" + only, "application/json"));
        assertFalse(spanning.getBoolean("closed"), "a range beyond the closed month is live");
        assertFigures(expected(city, "2009-01", "2009-12"), spanning);

        refusals();

        JsonPath reopened = admin().body("{\"reason\":\"a late bank bounce to restate\"}").post(periods("2009-03/reopen"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals("REOPEN", reopened.getString("action"));
        JsonPath live = JsonPath.from(body(summary, marchQuery, "application/json"));
        assertFalse(live.getBoolean("closed"));
        assertNull(live.getString("closedAt"));
        assertFigures(marchNow, live);
        assertEquals(List.of(), JsonPath.from(body(summary, "from=2009-04&to=2009-04" + only, "application/json"))
                .getList("adjustments"));
        JsonPath list = given().header("Authorization", bearer("analyst")).get(periods(""))
                .then().statusCode(200).extract().jsonPath();
        assertFalse(list.getList("items.period").contains("2009-03"));
        List<Map<String, Object>> history = list.getList("history");
        List<Map<String, Object>> ours = history.stream().filter(e -> "2009-03".equals(e.get("period"))).toList();
        assertEquals(List.of("CLOSE", "REOPEN"), ours.stream().map(e -> e.get("action")).toList());
        assertEquals("reviewed by the city", ours.get(0).get("note"));
        assertEquals("a late bank bounce to restate", ours.get(1).get("reason"));

        // Closed again: frozen at today's figures, a new closedAt, so other bytes than the first close's.
        admin().body("{}").post(periods("2009-03/close")).then().statusCode(200);
        String again = body(summary, marchQuery, "application/json");
        assertFigures(marchNow, JsonPath.from(again));
        assertNotEquals(frozenJson, again);
        admin().body("{\"reason\":\"test done\"}").post(periods("2009-03/reopen")).then().statusCode(200);
    }

    @Test
    void aClosedYearFreezesEveryGrainInsideItAndAConcurrentSecondCloseIsRefused() throws Exception {
        SourceData data = new SourceData(stubs, 2008);
        City city = data.city("YEAR");
        List<Map<String, Object>> workers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            workers.add(data.worker(data.pick(city.communities()), "RELATIVE", "DISABILITY", LocalDate.of(2007, 6, 1)));
        }
        for (int i = 0; i < 40; i++) {
            data.payout(workers.get(i % 9), data.pick(List.of(SourceData.HOUSEHOLD_PROJECTS)), data.amount(),
                    LocalDate.of(2008, 1 + i % 12, 1 + i % 27));
        }
        assertTrue(reader.catchUp());
        String only = "&station=" + city.code();
        Fig yearBefore = expected(city, "2008-01", "2008-12");
        admin().body("{\"note\":\"year reviewed\"}").post(periods("2008/close")).then().statusCode(200);
        String byQuarter = "groupBy=quarter&from=2008&to=2008" + only;
        String frozen = body("aid", byQuarter, "application/json");
        String frozenSummary = body("summary", "from=2008&to=2008" + only, "application/json");
        String frozenMay = body("summary", "from=2008-05&to=2008-05" + only, "application/json");
        assertFigures(yearBefore, JsonPath.from(frozenSummary));
        assertFigures(expected(city, "2008-05"), JsonPath.from(frozenMay));
        assertTrue(JsonPath.from(frozenMay).getBoolean("closed"), "a month inside a closed year is closed");
        JsonPath quarters = JsonPath.from(frozen);
        for (int q = 1; q <= 4; q++) {
            Fig fig = expected(city, "2008-" + String.format("%02d", q * 3 - 2), "2008-" + String.format("%02d", q * 3));
            assertEquals(fig.personTimes(), quarters.getLong("items.find { it.quarter == '2008-Q" + q + "' }.personTimes"));
            assertEquals(fig.persons().size(), quarters.getInt("items.find { it.quarter == '2008-Q" + q + "' }.persons"));
        }

        data.payout(workers.get(0), "LIVING_RELIEF", new BigDecimal("77.70"), LocalDate.of(2008, 7, 3));
        assertTrue(reader.catchUp());
        assertEquals(frozen, body("aid", byQuarter, "application/json"));
        assertEquals(frozenSummary, body("summary", "from=2008&to=2008" + only, "application/json"));
        assertEquals(frozenMay, body("summary", "from=2008-05&to=2008-05" + only, "application/json"));
        JsonPath next = JsonPath.from(body("summary", "from=2009-01&to=2009-01" + only, "application/json"));
        assertEquals("2008", next.getString("adjustments[0].period"));
        assertEquals(1, next.getLong("adjustments[0].personTimes"));
        assertEquals("77.70", next.getString("adjustments[0].amount"));
        assertEquals(0, next.getInt("adjustments[0].persons"), "the file was aided in 2008 already");

        // The same period closed twice at once: one close, one 409, one history entry.
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return admin().body("{}").post(periods("2007-Q4/close")).statusCode();
                }));
            }
            go.countDown();
            List<Integer> codes = new ArrayList<>();
            for (var answer : answers) {
                codes.add(answer.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            codes.sort(null);
            assertEquals(List.of(200, 409), codes);
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> history = given().header("Authorization", bearer("admin")).get(periods(""))
                .then().statusCode(200).extract().jsonPath().getList("history");
        assertEquals(1, history.stream().filter(e -> "2007-Q4".equals(e.get("period"))).count());

        try (var db = database.getConnection(); var sql = db.createStatement()) {
            for (String change : List.of("UPDATE report_period_event SET actor = 'x'", "DELETE FROM report_period_event",
                    "TRUNCATE report_period_event")) {
                var refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> sql.execute(change));
                assertTrue(refused.getMessage().contains("appended only"), refused.getMessage());
            }
        }
        admin().body("{\"reason\":\"test done\"}").post(periods("2008/reopen")).then().statusCode(200);
        admin().body("{\"reason\":\"test done\"}").post(periods("2007-Q4/reopen")).then().statusCode(200);
        assertFigures(expected(city, "2008-01", "2008-12"),
                JsonPath.from(body("summary", "from=2008&to=2008" + only, "application/json")));
    }

    private void refusals() {
        problem(admin().body("{}").post(periods("2009-03/close")), 409, "period-closed", null);
        problem(admin().body("{}").post(periods("2009-Q1/close")), 409, "period-overlaps-closed", null);
        problem(admin().body("{}").post(periods("2009/close")), 409, "period-overlaps-closed", null);
        for (String bad : new String[]{"2026-13", "2026-Q5", "99999", "2026-00", "1949", "2026-3", "x"}) {
            problem(admin().body("{}").post(periods(bad + "/close")), 400, "invalid-request", "period");
        }
        problem(admin().body("{}").urlEncodingEnabled(false).post(periods("2026%00/close")), 400, "invalid-request", "path");
        // the period's violation in the caller's language
        JsonPath english = admin().body("{}").post(periods("2026-13/close")).then().statusCode(400).extract().jsonPath();
        assertEquals("must be a year (2024), a quarter (2024-Q2) or a month (2024-03)", english.getString("violations[0].message"));
        JsonPath chinese = admin().header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5").body("{}").post(periods("2026-13/close"))
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
        assertEquals("period", chinese.getString("violations[0].field"));
        assertEquals("必须是年份（2024）、季度（2024-Q2）或月份（2024-03）", chinese.getString("violations[0].message"));
        assertEquals("年份必须在 1950 到 2100 之间", admin().header("Accept-Language", "zh").body("{}").post(periods("1949/close"))
                .then().statusCode(400).extract().jsonPath().getString("violations[0].message"));
        String thisMonth = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        problem(admin().body("{}").post(periods(thisMonth + "/close")), 409, "period-not-over", null);
        problem(admin().body("{}").post(periods("2100/close")), 409, "period-not-over", null);
        problem(admin().body("{\"note\":\"a\\u0000b\"}").post(periods("2009-05/close")), 400, "invalid-request", "note");
        assertEquals("不得包含 NUL 等控制字符或损坏的字符", admin().header("Accept-Language", "zh-CN").body("{\"reason\":\"a\\u0000b\"}")
                .post(periods("2009-03/reopen")).then().statusCode(400).extract().jsonPath().getString("violations[0].message"));
        assertEquals("must not contain NUL or other control characters, nor broken characters", admin().body("{\"note\":\"a\\u0000b\"}").post(periods("2009-05/close"))
                .then().statusCode(400).extract().jsonPath().getString("violations[0].message"));
        problem(admin().post(periods("2009-03/reopen")), 400, "invalid-request", null);
        problem(admin().body("{}").post(periods("2009-03/reopen")), 400, "invalid-request", "reason");
        problem(admin().body("{\"reason\":\"  \"}").post(periods("2009-03/reopen")), 400, "invalid-request", "reason");
        problem(admin().body("{\"reason\":\"no\"}").post(periods("2009-05/reopen")), 409, "period-not-closed", null);
        given().header("Authorization", bearer("analyst")).contentType("application/json").body("{}")
                .post(periods("2009-05/close")).then().statusCode(403);
        given().header("Authorization", bearer("analyst")).contentType("application/json").body("{\"reason\":\"r\"}")
                .post(periods("2009-03/reopen")).then().statusCode(403);
        given().header("Authorization", bearer("reviewer")).get(periods("")).then().statusCode(403);
        given().get(periods("")).then().statusCode(401);
        assertTrue(given().header("Authorization", bearer("admin")).get(periods("")).then().statusCode(200)
                .extract().jsonPath().getList("items.period").contains("2009-03"), "refusals changed nothing");
    }

    private Fig expected(City city, String from, String... to) {
        Expected expected = new Expected(stubs);
        Predicate<Map<String, Object>> month = Expected.between(from, to.length == 0 ? from : to[0]);
        return expected.total(p -> Expected.household(p) && month.test(p)
                && expected.under((String) p.get("stationCode"), city.code()));
    }

    private static void assertFigures(Fig fig, JsonPath summary) {
        assertEquals(fig.personTimes(), summary.getLong("personTimes"));
        assertEquals(fig.persons().size(), summary.getInt("persons"));
        assertEquals(money(fig.amount()), summary.getString("amount"));
    }

    private static String body(String report, String query, String accept) {
        return given().header("Authorization", bearer("analyst")).accept(accept)
                .when().get("/api/v1/reports/" + report + "?" + query)
                .then().statusCode(200).extract().asString();
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", bearer("admin")).contentType("application/json");
    }

    private static String periods(String tail) {
        return "/api/v1/reports/periods" + (tail.isEmpty() ? "" : "/" + tail);
    }

    private static void problem(io.restassured.response.Response answer, int status, String code, String field) {
        answer.then().statusCode(status).contentType("application/problem+json");
        JsonPath body = answer.jsonPath();
        assertNotNull(body.getString("type"));
        assertTrue(body.getString("type").endsWith(code), body.prettify());
        if (field != null) {
            assertTrue(body.getList("violations.field").contains(field), body.prettify());
        }
    }
}
