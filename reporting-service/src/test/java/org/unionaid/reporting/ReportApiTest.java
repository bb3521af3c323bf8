package org.unionaid.reporting;

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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.testsupport.TestTokens.bearer;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(FeedStubsResource.class)
class ReportApiTest {

    @FeedStubs.Inject
    FeedStubs stubs;

    @Inject
    FeedReader reader;

    @Test
    void reportsAreForAnalystsReviewersAndAdminsOnly() {
        for (String report : List.of("summary", "aid", "registry")) {
            given().when().get("/api/v1/reports/" + report)
                    .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
            for (String role : List.of("clerk", "finance", "service")) {
                given().header("Authorization", bearer(role)).when().get("/api/v1/reports/" + report)
                        .then().statusCode(403).contentType("application/problem+json");
            }
            for (String role : List.of("analyst", "reviewer", "admin")) {
                given().header("Authorization", bearer(role)).when().get("/api/v1/reports/" + report)
                        .then().statusCode(200).contentType("application/json").body("asOf", notNullValue());
            }
        }
    }

    @Test
    void rejectsUnknownGroupsPeriodsAndProjectsNamingTheField() {
        Map<String, String> bad = Map.of(
                "aid?groupBy=project,name", "groupBy",
                "aid?from=2024-13", "from",
                "aid?from=2025&to=2024", "to",
                "aid?project=LOTTERY", "project",
                "aid?level=GALAXY", "level",
                "summary?since=16", "since",
                "registry?groupBy=status,year", "groupBy",
                "aid?status=ACTIVE", "status");
        bad.forEach((query, field) -> given().header("Authorization", bearer("analyst"))
                .when().get("/api/v1/reports/" + query)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field))
                .body("requestId", notNullValue()));
        given().header("Authorization", bearer("analyst")).header("Accept-Language", "zh")
                .when().get("/api/v1/reports/aid?groupBy=nothing")
                .then().statusCode(400).body("title", equalTo("请求无效"))
                .body("violations[0].message", org.hamcrest.Matchers.startsWith("nothing 不是可用的分组"));
        given().header("Authorization", bearer("analyst")).accept("text/csv")
                .when().get("/api/v1/reports/registry?groupBy=name")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("groupBy"));
        given().header("Authorization", bearer("analyst"))
                .when().get("/api/v1/reports/aid?from=2024-Q5")
                .then().statusCode(400)
                .body("violations[0].message", equalTo("must be a year (2024), a quarter (2024-Q2) or a month (2024-03)"));
    }

    @Test
    void answers304WhileNoFeedMovedAndNewFiguresAfterwards() {
        SourceData data = new SourceData(stubs, 31);
        City city = data.city("TAG");
        var worker = data.worker(city.communities().get(0), "DEEP", "ILLNESS", LocalDate.of(2024, 1, 2));
        assertTrue(reader.catchUp());
        String url = "/api/v1/reports/aid?groupBy=project&station=" + city.code();
        String etag = given().header("Authorization", bearer("analyst")).when().get(url)
                .then().statusCode(200).extract().header("ETag");
        assertTrue(etag.startsWith("W/\""), etag);
        given().header("Authorization", bearer("analyst")).header("If-None-Match", etag)
                .when().get(url).then().statusCode(304);
        String csvTag = given().header("Authorization", bearer("analyst")).accept("text/csv")
                .when().get(url).then().statusCode(200).extract().header("ETag");
        assertNotEquals(etag, csvTag, "CSV and JSON are different representations");

        data.payout(worker, "LIVING_RELIEF", new BigDecimal("930.00"), LocalDate.of(2024, 2, 2));
        assertTrue(reader.catchUp());
        var changed = given().header("Authorization", bearer("analyst")).header("If-None-Match", etag)
                .when().get(url).then().statusCode(200).extract();
        assertNotEquals(etag, changed.header("ETag"));
        assertEquals("930.00", changed.jsonPath().getString("totals.amount"));
    }

    @Test
    void registryFiguresFollowEachFileToItsLatestState() {
        SourceData data = new SourceData(stubs, 32);
        City city = data.city("REG");
        List<Map<String, Object>> files = data.activity(city, 36, 0);
        for (int i = 0; i < 8; i++) {
            data.change(files.get(i), Map.of("status", "EXITED", "exitedOn", "2025-0" + (i % 9 + 1) + "-15",
                    "exitReason", "INCOME_ABOVE_LINE"));
        }
        for (int i = 8; i < 14; i++) {
            data.change(files.get(i), Map.of("category", "DEEP"));
        }
        assertTrue(reader.catchUp());
        Expected expected = new Expected(stubs);
        String inCity = city.code();

        Map<List<String>, String> stock = new HashMap<>();
        for (var item : Reports.items("registry", "groupBy=status,category&station=" + inCity)) {
            stock.put(List.of((String) item.get("status"), (String) item.get("category")), fig(item, "files"));
        }
        Map<List<String>, Long> wanted = new HashMap<>();
        expected.files(f -> expected.under((String) f.get("stationCode"), inCity),
                f -> List.of(f.get("status"), f.get("category"))).forEach((k, n) ->
                wanted.put(List.of((String) k.get(0), (String) k.get(1)), n));
        assertFalse(wanted.isEmpty());
        // every group of files present is answered: a small one hidden, one shown with its count; groups
        // hidden as complements (so that no small one is the difference of a line) are hidden whole
        for (Map.Entry<List<String>, Long> group : wanted.entrySet()) {
            String answered = stock.get(group.getKey());
            assertTrue(answered != null, "group " + group.getKey());
            if (group.getValue() > 0 && group.getValue() < 5) {
                assertEquals("", answered, "small group " + group.getKey());
            } else if (!answered.isEmpty()) {
                assertEquals(Long.toString(group.getValue()), answered, "group " + group.getKey());
            }
        }
        // no status or category line keeps one hidden group among shown ones (here the exited files of each
        // category are few, so their active neighbours are hidden too: the category's total would tell)
        for (int d = 0; d < 2; d++) {
            Map<String, int[]> lines = new HashMap<>();
            for (Map.Entry<List<String>, String> group : stock.entrySet()) {
                int[] counts = lines.computeIfAbsent(group.getKey().get(1 - d), k -> new int[2]);
                counts[0]++;
                counts[1] += group.getValue().isEmpty() ? 1 : 0;
            }
            lines.forEach((line, counts) -> assertTrue(counts[1] != 1 || counts[0] == 1, "line " + line));
        }

        Map<String, List<String>> flows = new HashMap<>();
        for (var item : Reports.items("registry", "groupBy=year&station=" + inCity)) {
            flows.put(item.get("year").toString(), List.of(fig(item, "newFiles"), fig(item, "exits")));
        }
        Map<String, Long> created = new HashMap<>();
        Map<String, Long> exited = new HashMap<>();
        expected.files(f -> expected.under((String) f.get("stationCode"), inCity),
                f -> List.of(((String) f.get("createdOn")).substring(0, 4))).forEach((k, n) -> created.put((String) k.get(0), n));
        expected.files(f -> expected.under((String) f.get("stationCode"), inCity) && f.get("exitedOn") != null,
                f -> List.of(((String) f.get("exitedOn")).substring(0, 4))).forEach((k, n) -> exited.put((String) k.get(0), n));
        // by year for the whole city: nothing singles anyone out, every figure is exact
        Map<String, List<String>> wantedFlows = new HashMap<>();
        for (String year : List.of("2023", "2024", "2025")) {
            long n = created.getOrDefault(year, 0L);
            long x = exited.getOrDefault(year, 0L);
            if (n > 0 || x > 0) {
                wantedFlows.put(year, List.of(Long.toString(n), Long.toString(x)));
            }
        }
        assertEquals(wantedFlows, flows);
        assertEquals(8L, exited.get("2025"));
    }

    @Test
    void aFewExitsAreHiddenWithoutHidingTheFilesOfTheirCategory() {
        SourceData data = new SourceData(stubs, 34);
        City city = data.city("RGX");
        String community = city.communities().get(0);
        Map<String, Integer> filesOf = Map.of("DEEP", 12, "RELATIVE", 9, "ACCIDENT", 7);
        Map<String, List<Map<String, Object>>> byCategory = new HashMap<>();
        filesOf.forEach((category, n) -> {
            for (int i = 0; i < n; i++) {
                byCategory.computeIfAbsent(category, k -> new ArrayList<>())
                        .add(data.worker(community, category, "ILLNESS", LocalDate.of(2024, 1 + i % 12, 3)));
            }
        });
        // two DEEP files and six RELATIVE files exit in 2025: the two would be the line's total minus the six
        for (int i = 0; i < 2; i++) {
            data.change(byCategory.get("DEEP").get(i), Map.of("status", "EXITED", "exitedOn", "2025-03-15",
                    "exitReason", "INCOME_ABOVE_LINE"));
        }
        for (int i = 0; i < 6; i++) {
            data.change(byCategory.get("RELATIVE").get(i), Map.of("status", "EXITED", "exitedOn", "2025-04-15",
                    "exitReason", "DEATH"));
        }
        assertTrue(reader.catchUp());

        Map<String, Map<String, Object>> answered = new HashMap<>();
        for (var item : Reports.items("registry", "groupBy=category&station=" + community + "&from=2024&to=2025")) {
            answered.put((String) item.get("category"), item);
        }
        assertEquals(filesOf.keySet(), answered.keySet());
        filesOf.forEach((category, n) -> {
            // files now and files opened: 7 to 12 in each category, all shown
            assertEquals(Long.toString(n), fig(answered.get(category), "files"), category);
            assertEquals(Long.toString(n), fig(answered.get(category), "newFiles"), category);
        });
        // exits: DEEP's 2 hidden, and RELATIVE's 6 with them (ACCIDENT's 0 would tell nothing)
        assertEquals("", fig(answered.get("DEEP"), "exits"));
        assertEquals("", fig(answered.get("RELATIVE"), "exits"));
        assertEquals("0", fig(answered.get("ACCIDENT"), "exits"));
        assertEquals(true, answered.get("DEEP").get("suppressed"));
        assertEquals(true, answered.get("RELATIVE").get("suppressed"));
        assertEquals(false, answered.get("ACCIDENT").get("suppressed"));
    }

    @Test
    void readinessShowsWhereEachFeedWasReadTo() {
        assertTrue(reader.catchUp());
        long payouts = stubs.disbursement().items("payouts").stream()
                .mapToLong(i -> ((Number) i.get("seq")).longValue()).max().orElse(0);
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'feeds' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'feeds' }.data.payouts", equalTo((int) payouts));
    }

    @Test
    void servesTheReportsInItsOpenApiDocument() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/reports/aid'.get.summary", notNullValue())
                .body("paths.'/api/v1/reports/summary'", notNullValue())
                .body("paths.'/api/v1/reports/registry'", notNullValue());
    }

    @Test
    void csvIsUtf8WithAHeaderRow() {
        given().header("Authorization", bearer("analyst")).accept("text/csv")
                .when().get("/api/v1/reports/registry?groupBy=status")
                .then().statusCode(200)
                .header("Content-Type", equalTo("text/csv;charset=UTF-8"))
                .body(org.hamcrest.Matchers.startsWith("status,files,newFiles,exits,suppressed,asOf\r\n"));
    }

    private static String fig(Map<String, Object> item, String name) {
        return Objects.toString(item.get(name), "");
    }
}
