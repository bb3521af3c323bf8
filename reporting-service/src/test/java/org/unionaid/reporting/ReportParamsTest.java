package org.unionaid.reporting;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.unionaid.reporting.stub.FeedStubsResource;
import org.unionaid.testsupport.PostgresResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.testsupport.TestTokens.bearer;

/** Every parameter of every report, sent malformed: a 400 problem naming that parameter, never a 500. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(FeedStubsResource.class)
class ReportParamsTest {

    private static final List<String> REPORTS = List.of("summary", "aid", "registry");

    /** Bad values, raw (already URL-encoded), of each parameter; the value is refused whatever the report. */
    private static Map<String, List<String>> badValues() {
        Map<String, List<String>> bad = new LinkedHashMap<>();
        List<String> periods = List.of("9999", "0", "0000", "99999999999", "1949", "2101-Q1", "2024-13", "2024-Q0",
                "2024%00", "%00", "2024-1", "%E2%80%AE2024", "2024-03-01", "-2024", "");
        bad.put("from", periods);
        bad.put("to", periods);
        bad.put("since", List.of("9999", "0", "99999999999", "1900", "2024-01", "%00", ""));
        bad.put("groupBy", List.of("garbage", "project,garbage", "%00", "project%00", ",", "", "project,,year",
                "x".repeat(3000), ",".repeat(3000)));
        bad.put("project", List.of("UNKNOWN", "living_relief", "%00", "LIVING_RELIEF,%00", "", "LIVING_RELIEF,"));
        bad.put("station", List.of("%00", "C01%00", "x".repeat(100), "C01/../x", "%E5%9F%8E", ""));
        bad.put("level", List.of("GALAXY", "%00", "city", ""));
        bad.put("category", List.of("POOR", "%00", ""));
        bad.put("cause", List.of("BOREDOM", "%00", ""));
        bad.put("enterprise", List.of("abc", "-1", "0", "99999999999999999999999", "1e3", "%00", ""));
        bad.put("status", List.of("ASLEEP", "%00", ""));
        bad.put("limit", List.of("99999999999999999999", "10", "-1"));
        bad.put("cursor", List.of("abc"));
        bad.put("%00", List.of("1"));
        return bad;
    }

    @Test
    void everyMalformedParameterOfEveryReportIsA400NamingIt() {
        List<String> failures = new ArrayList<>();
        int asked = 0;
        for (String report : REPORTS) {
            for (Map.Entry<String, List<String>> parameter : badValues().entrySet()) {
                for (String value : parameter.getValue()) {
                    for (String accept : List.of("application/json", "text/csv")) {
                        String query = parameter.getKey() + "=" + value;
                        asked++;
                        check(report, query, parameter.getKey().equals("%00") ? "?" : parameter.getKey(), accept, failures);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + asked + " answers wrong:\n" + String.join("\n", failures));
    }

    @Test
    void aPeriodEndingBeforeItBeginsIsRefusedAtTo() {
        for (String report : REPORTS) {
            List<String> failures = new ArrayList<>();
            check(report, "from=2025&to=2024", "to", "application/json", failures);
            check(report, "from=2024-Q3&to=2024-06", "to", "application/json", failures);
            check(report, "since=2024&to=2023-12", "to", "application/json", failures);
            check(report, "from=2024&from=2025", "from", "application/json", failures);
            assertEquals(List.of(), failures);
        }
    }

    @Test
    void filtersAReportDoesNotHaveAreRefusedNotIgnored() {
        List<String> failures = new ArrayList<>();
        check("registry", "project=LIVING_RELIEF", "project", "application/json", failures);
        check("registry", "enterprise=7", "enterprise", "application/json", failures);
        check("aid", "status=ACTIVE", "status", "application/json", failures);
        check("summary", "groupBy=project", "groupBy", "application/json", failures);
        assertEquals(List.of(), failures);
    }

    @Test
    void theFirstAndLastYearsAreAccepted() {
        for (String report : REPORTS) {
            for (String query : List.of("from=1950&to=2100", "since=1950", "from=2100-Q4", "to=1950-01")) {
                given().header("Authorization", bearer("analyst")).accept("application/json")
                        .when().get("/api/v1/reports/" + report + "?" + query)
                        .then().statusCode(200);
            }
        }
    }

    private static void check(String report, String rawQuery, String field, String accept, List<String> failures) {
        Response answer = given().urlEncodingEnabled(false).header("Authorization", bearer("analyst")).accept(accept)
                .when().get("/api/v1/reports/" + report + "?" + rawQuery);
        String where = report + "?" + (rawQuery.length() > 60 ? rawQuery.substring(0, 60) + "..." : rawQuery) + " (" + accept + ")";
        if (answer.statusCode() != 400) {
            failures.add(where + ": " + answer.statusCode());
            return;
        }
        if (!answer.contentType().startsWith("application/problem+json")) {
            failures.add(where + ": content type " + answer.contentType());
            return;
        }
        List<String> fields = answer.jsonPath().getList("violations.field");
        // a NUL or a broken encoding is refused before the report reads the query (common UrlGuard: field "query")
        boolean guarded = rawQuery.contains("%00") && fields != null && fields.contains("query");
        if (answer.jsonPath().getString("type") == null || fields == null
                || !(guarded || (field.equals("?") ? !fields.isEmpty() : fields.contains(field)))) {
            failures.add(where + ": " + answer.asString());
        }
    }
}
