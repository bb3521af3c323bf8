package org.unionaid.reporting;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.unionaid.reporting.SourceData.City;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.reporting.feed.FeedReader;
import org.unionaid.reporting.service.Dim;
import org.unionaid.reporting.service.ReportQuery;
import org.unionaid.reporting.service.ReportService;
import org.unionaid.reporting.stub.FeedStubs;
import org.unionaid.reporting.stub.FeedStubsResource;
import org.unionaid.testsupport.PostgresResource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.testsupport.TestTokens.bearer;

/**
 * The registry report of a closed period is frozen as the aid reports are: the new files and exits of the period
 * and the files as they were at the close, closed/closedAt/closedBy, the same bytes and ETag however many files
 * arrive late; a reopen makes it live. A period closed before the registry was frozen stays live for the registry.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(FeedStubsResource.class)
class ClosedRegistryTest {

    @FeedStubs.Inject
    FeedStubs stubs;

    @Inject
    FeedReader reader;

    @Inject
    io.agroal.api.AgroalDataSource database;

    @Inject
    ReportService reports;

    @Test
    void aClosedMonthsRegistryIsFrozenAtItsCloseAndLiveAgainAfterAReopen() {
        SourceData data = new SourceData(stubs, 2013);
        City city = data.city("REGF");
        List<Map<String, Object>> february = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            february.add(data.worker(data.pick(city.communities()), "DEEP", "ILLNESS", LocalDate.of(2013, 2, 3 + i)));
        }
        Map<String, Object> older = data.worker(data.pick(city.communities()), "DEEP", "ILLNESS", LocalDate.of(2012, 5, 1));
        data.change(older, Map.of("status", "EXITED", "exitedOn", "2013-02-20", "exitReason", "INCOME_RECOVERED"));
        data.worker(data.pick(city.communities()), "DEEP", "ILLNESS", LocalDate.of(2012, 7, 1));
        assertTrue(reader.catchUp());
        String only = "&station=" + city.code();
        String months = "groupBy=month&from=2013-02&to=2013-02" + only;
        String categories = "groupBy=category&from=2013-02&to=2013-02" + only;
        long filesAtClose = files(JsonPath.from(registry("groupBy=category" + only, "application/json")));

        JsonPath close = admin().body("{\"note\":\"February reviewed\"}").post("/api/v1/reports/periods/2013-02/close")
                .then().statusCode(200).extract().jsonPath();
        Response first = report(months, "application/json");
        String frozen = first.asString();
        String etag = first.header("ETag");
        String frozenCsv = registry(months, "text/csv");
        String frozenCategories = registry(categories, "application/json");
        JsonPath f = JsonPath.from(frozen);
        assertTrue(f.getBoolean("closed"), frozen);
        assertEquals(close.getString("closedAt"), f.getString("closedAt"));
        assertEquals("test-admin", f.getString("closedBy"));
        assertEquals(7, f.getInt("items[0].newFiles"), frozen);
        assertEquals(1, f.getInt("items[0].exits"), frozen);
        assertEquals(filesAtClose, files(JsonPath.from(frozenCategories)), "files now as they were at the close");
        assertTrue(frozenCsv.startsWith("month,files,newFiles,exits,suppressed,asOf,closed,closedAt,closedBy\r\n"), frozenCsv);
        assertTrue(frozenCsv.contains(",true," + close.getString("closedAt") + ",test-admin\r\n"), frozenCsv);

        // Late: a file opened in February, an exit in February, a file opened in March.
        data.worker(data.pick(city.communities()), "DEEP", "ILLNESS", LocalDate.of(2013, 2, 26));
        data.change(february.get(0), Map.of("status", "EXITED", "exitedOn", "2013-02-27", "exitReason", "INCOME_RECOVERED"));
        data.worker(data.pick(city.communities()), "DEEP", "ILLNESS", LocalDate.of(2013, 3, 4));
        assertTrue(reader.catchUp());

        assertEquals(frozen, registry(months, "application/json"), "frozen: the same bytes");
        assertEquals(frozenCsv, registry(months, "text/csv"));
        assertEquals(frozenCategories, registry(categories, "application/json"));
        given().header("Authorization", bearer("analyst")).header("If-None-Match", etag)
                .get("/api/v1/reports/registry?" + months).then().statusCode(304);
        assertEquals(filesAtClose + 2, files(JsonPath.from(registry("groupBy=category" + only, "application/json"))),
                "files now, live");
        JsonPath spanning = JsonPath.from(registry("groupBy=month&from=2013-01&to=2013-03" + only, "application/json"));
        assertFalse(spanning.getBoolean("closed"), "a range beyond the closed month is live");
        assertEquals(8, newFiles(spanning, "2013-02"));
        assertEquals(1, newFiles(spanning, "2013-03"));

        admin().body("{\"reason\":\"late files to count\"}").post("/api/v1/reports/periods/2013-02/reopen")
                .then().statusCode(200);
        JsonPath live = JsonPath.from(registry(months, "application/json"));
        assertFalse(live.getBoolean("closed"));
        assertEquals(8, live.getInt("items[0].newFiles"));
        assertEquals(2, live.getInt("items[0].exits"));
    }

    @Test
    void aPeriodClosedBeforeTheRegistryWasFrozenAnswersTheRegistryLive() throws Exception {
        SourceData data = new SourceData(stubs, 2014);
        City city = data.city("REGO");
        for (int i = 0; i < 6; i++) {
            data.worker(data.pick(city.communities()), "DEEP", "ILLNESS", LocalDate.of(2013, 5, 2 + i));
        }
        assertTrue(reader.catchUp());
        admin().body("{}").post("/api/v1/reports/periods/2013-05/close").then().statusCode(200);
        // as a close made before the registry's tables were part of the frozen schema left it
        try (Connection db = database.getConnection(); Statement ddl = db.createStatement()) {
            ddl.execute("DROP TABLE closed_2013_05.registry_flow, closed_2013_05.registry_stock");
        }
        String may = "groupBy=month&from=2013-05&to=2013-05&station=" + city.code();
        data.worker(data.pick(city.communities()), "DEEP", "ILLNESS", LocalDate.of(2013, 5, 30));
        assertTrue(reader.catchUp());
        JsonPath registry = JsonPath.from(registry(may, "application/json"));
        assertFalse(registry.getBoolean("closed"), registry.prettify());
        assertEquals(7, registry.getInt("items[0].newFiles"), "live");
        assertTrue(given().header("Authorization", bearer("analyst"))
                .get("/api/v1/reports/summary?from=2013-05&to=2013-05&station=" + city.code())
                .then().statusCode(200).extract().jsonPath().getBoolean("closed"), "its aid figures stay frozen");
        admin().body("{\"reason\":\"test done\"}").post("/api/v1/reports/periods/2013-05/reopen").then().statusCode(200);
    }

    @Test
    void aClosedPeriodsSchemaGoneWhileItsReportIsReadIsA503ToAskAgain() {
        // as when a reopen drops the schema between the choice of the frozen figures and their reading
        ReportQuery q = new ReportQuery(List.of(Dim.MONTH), YearMonth.of(1999, 1), YearMonth.of(1999, 1),
                new LinkedHashSet<>(), null, null, null, null, null, null);
        for (Runnable read : List.<Runnable>of(() -> reports.registry(q, "closed_1999_01"),
                () -> reports.aid(q, "closed_1999_01"), () -> reports.summary(q, "closed_1999_01"))) {
            ProblemException refused = assertThrows(ProblemException.class, read::run);
            assertEquals(503, refused.status());
            assertEquals("period-changed", refused.code());
            assertEquals("1", refused.headers().get("Retry-After"));
        }
    }

    private static long files(JsonPath report) {
        return report.getList("items.files", Long.class).stream().mapToLong(Long::longValue).sum();
    }

    private static int newFiles(JsonPath report, String month) {
        return report.getInt("items.find { it.month == '" + month + "' }.newFiles");
    }

    private static Response report(String query, String accept) {
        return given().header("Authorization", bearer("analyst")).accept(accept)
                .get("/api/v1/reports/registry?" + query).then().statusCode(200).extract().response();
    }

    private static String registry(String query, String accept) {
        return report(query, accept).asString();
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", bearer("admin")).contentType("application/json");
    }
}
