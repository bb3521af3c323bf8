package org.unionaid.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.unionaid.testsupport.TestTokens;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The domain story and the gateway's behaviour, against the real four apps and PostgreSQL, through
 * the gateway only (the services' own ports are used just to show what the gateway hides).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String PROBLEM = "application/problem+json";
    private static final String STATION = "C01-D01-S01-C01";
    private static TheSystem system;
    private static String gateway;

    @BeforeAll
    static void startTheSystem() throws Exception {
        system = new TheSystem(Path.of(System.getProperty("e2e.root", "..")));
        try {
            system.start();
        } catch (Exception | Error e) {
            system.close();
            throw e;
        }
        gateway = system.url("gateway");
        RestAssured.baseURI = gateway;
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    private static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON);
    }

    private static RequestSpecification asClerk() {
        return given().header("Authorization", "Bearer " + TestTokens.token("clerk", STATION, "e2e-clerk-lin"))
                .contentType(ContentType.JSON);
    }

    private static RequestSpecification asReviewer() {
        return given().header("Authorization", "Bearer " + TestTokens.token("reviewer", null, "e2e-reviewer-zhou"))
                .contentType(ContentType.JSON);
    }

    private static void station(String code, String parent, String level) {
        as("admin").body(parent == null ? Map.of("code", code, "name", code + " 帮扶站", "level", level)
                        : Map.of("code", code, "name", code + " 帮扶站", "parentCode", parent, "level", level))
                .post("/api/v1/stations").then().statusCode(201);
    }

    @Test
    @Order(1)
    void a_household_filed_by_a_clerk_approved_aided_and_paid_shows_in_the_city_report() throws Exception {
        int year = LocalDate.now(CHINA).getYear();
        LocalDate today = LocalDate.now(CHINA);
        as("admin").body(Map.of("monthlyAmount", "930.00")).put("/api/v1/settings/minimum-living-standard/" + year)
                .then().statusCode(200).body("monthlyAmount", equalTo("930.00"));
        station("C01", null, "CITY");
        station("C01-D01", "C01", "DISTRICT");
        station("C01-D01-S01", "C01-D01", "STREET");
        station(STATION, "C01-D01-S01", "COMMUNITY");
        as("finance").body(Map.of("amount", "100000.00")).put("/api/v1/projects/SERIOUS_ILLNESS/budgets/" + year)
                .then().statusCode(200);
        JsonPath before = awaitSummary(s -> true);

        // The clerk files the household: PENDING, DEEP (14,000 / 12 / 3 = 388.89 < 930), ID number masked.
        Response filed = asClerk().body(Map.of(
                        "name", "陈建国", "idNumber", "11010519491231002X", "phone", "13905910000",
                        "stationCode", STATION, "migrantWorker", false, "mainCause", "ILLNESS",
                        "household", Map.of("yearlyIncome", "20000.00", "rigidCosts", "6000.00", "members", List.of(
                                Map.of("relation", "SPOUSE", "name", "王桂兰", "birthDate", "1952-04-02", "student", false,
                                        "ill", true, "disabled", false),
                                Map.of("relation", "CHILD", "name", "陈晓明", "birthDate", "1980-05-06", "student", false,
                                        "ill", false, "disabled", false)))))
                .post("/api/v1/workers");
        filed.then().statusCode(201).body("status", equalTo("PENDING")).body("category", equalTo("DEEP"))
                .body("perCapitaMonthlyIncome", equalTo("388.89")).body("idNumber", equalTo("110105********002X"))
                .header("Location", startsWith(gateway + "/api/v1/workers/"));
        long file = filed.jsonPath().getLong("id");

        for (Map<String, Object> check : List.<Map<String, Object>>of(
                Map.of("step", "FIRST_REVIEW", "passed", true),
                Map.of("step", "HOME_VISIT", "passed", true, "consentSigned", true),
                Map.of("step", "MEANS_CHECK", "passed", true),
                Map.of("step", "PUBLIC_NOTICE", "passed", true, "noticeStart", today.minusDays(9).toString(),
                        "noticeEnd", today.minusDays(2).toString(), "objection", false))) {
            asClerk().body(check).post("/api/v1/workers/" + file + "/checks").then().statusCode(201);
        }
        // Maker is not checker: the clerk who entered it cannot approve it; the reviewer does.
        asClerk().body(Map.of("to", "ACTIVE")).post("/api/v1/workers/" + file + "/transitions")
                .then().statusCode(403).contentType(PROBLEM);
        asReviewer().body(Map.of("to", "ACTIVE", "reason", "核查与公示无异议")).post("/api/v1/workers/" + file + "/transitions")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));

        // Serious-illness relief: applied for by the clerk, approved by the reviewer, paid by finance.
        Response applied = asClerk().body(Map.of("projectCode", "SERIOUS_ILLNESS", "workerId", file,
                        "requestedAmount", "19800.00",
                        "details", Map.of("medicalBills", "住院发票 3 张", "outOfPocket", "19800.00")))
                .post("/api/v1/applications");
        applied.then().statusCode(201).body("status", equalTo("SUBMITTED"))
                .header("Location", startsWith(gateway + "/api/v1/applications/"));
        long application = applied.jsonPath().getLong("id");
        asReviewer().body(Map.of("approve", true, "amount", "19800.00", "reason", "符合大病救助条件"))
                .post("/api/v1/applications/" + application + "/decision")
                .then().statusCode(200).body("status", equalTo("APPROVED"));
        assertBudget(year, "100000.00", "19800.00", "0.00", "80200.00");

        String key = UUID.randomUUID().toString();
        Map<String, Object> payment = Map.of("applicationId", application, "channel", "BANK_TRANSFER", "reference", "BANK-E2E-1");
        Response paid = as("finance").header("Idempotency-Key", key).body(payment).post("/api/v1/payouts");
        paid.then().statusCode(201).body("status", equalTo("PAID")).body("amount", equalTo("19800.00"));
        // A retry of the payment (lost answer) pays nothing twice.
        as("finance").header("Idempotency-Key", key).body(payment).post("/api/v1/payouts")
                .then().statusCode(201).header("Idempotency-Replayed", "true")
                .body("id", equalTo(paid.jsonPath().getInt("id")));
        assertBudget(year, "100000.00", "0.00", "19800.00", "80200.00");
        asClerk().get("/api/v1/applications/" + application).then().statusCode(200).body("status", equalTo("PAID"));

        // The city report: exactly this payout more.
        long personTimes = before.getLong("personTimes") + 1;
        JsonPath after = awaitSummary(s -> s.getLong("personTimes") == personTimes);
        assertEquals(new BigDecimal(before.getString("amount")).add(new BigDecimal("19800.00")),
                new BigDecimal(after.getString("amount")));
        assertEquals(before.getLong("persons") + 1, after.getLong("persons"));
        Map<String, Object> illness = after.getMap("projects.find { it.project == 'SERIOUS_ILLNESS' }");
        assertNotNull(illness, "SERIOUS_ILLNESS in the summary: " + after.prettify());
        assertEquals(1, ((Number) illness.get("personTimes")).intValue());
        assertEquals(0, new BigDecimal("19800.00").compareTo(new BigDecimal(illness.get("amount").toString())));
        // A breakdown by station would single this household out: the cell is suppressed, the total is exact.
        as("analyst").queryParam("groupBy", "project,station").get("/api/v1/reports/aid").then().statusCode(200)
                .body("items.find { it.project == 'SERIOUS_ILLNESS' }.suppressed", equalTo(true))
                .body("items.find { it.project == 'SERIOUS_ILLNESS' }.amount", equalTo(null))
                .body("totals.personTimes", equalTo((int) personTimes));
    }

    private static void assertBudget(int year, String allocated, String reserved, String paid, String available) {
        as("finance").queryParam("year", year).get("/api/v1/budgets").then().statusCode(200)
                .body("items.find { it.projectCode == 'SERIOUS_ILLNESS' }.allocated", equalTo(allocated))
                .body("items.find { it.projectCode == 'SERIOUS_ILLNESS' }.reserved", equalTo(reserved))
                .body("items.find { it.projectCode == 'SERIOUS_ILLNESS' }.paid", equalTo(paid))
                .body("items.find { it.projectCode == 'SERIOUS_ILLNESS' }.available", equalTo(available));
    }

    private static JsonPath awaitSummary(java.util.function.Predicate<JsonPath> done) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            Response r = as("analyst").get("/api/v1/reports/summary");
            if (r.statusCode() == 200) {
                last = r.jsonPath();
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the summary did not show the expected figures within 30 s; last: "
                + (last == null ? "none" : last.prettify()));
    }

    @Test
    @Order(2)
    void the_gateway_passes_the_request_id_to_the_service_and_answers_with_it() {
        // The 404 problem is made by the registry: its requestId is the one the client sent.
        as("reviewer").header("X-Request-Id", "e2e-trace-0001").get("/api/v1/workers/987654321")
                .then().statusCode(404).contentType(PROBLEM).header("X-Request-Id", "e2e-trace-0001")
                .body("requestId", equalTo("e2e-trace-0001")).body("status", equalTo(404));
        String made = as("reviewer").get("/api/v1/stations").then().statusCode(200).extract().header("X-Request-Id");
        assertNotNull(made, "a request id is made when none is sent");
    }

    @Test
    @Order(3)
    void paths_and_queries_reach_the_services_unchanged() {
        // A list with a limit and a cursor: the service's paging comes back as it made it, Link naming the gateway.
        Response page = as("admin").queryParam("limit", 2).get("/api/v1/stations");
        page.then().statusCode(200).body("items.size()", equalTo(2)).body("items[0].code", equalTo("C01"))
                .header("Link", startsWith("<" + gateway + "/api/v1/stations?"));
        String cursor = page.jsonPath().getString("nextCursor");
        as("admin").queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/stations")
                .then().statusCode(200).body("items[0].code", equalTo("C01-D01-S01"));
        // Chinese problems come through too.
        as("admin").header("Accept-Language", "zh").body(Map.of("code", "bad code!", "name", "x", "level", "CITY"))
                .post("/api/v1/stations").then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", hasItem(containsString("code")));
    }

    @Test
    @Order(4)
    void feeds_are_not_exposed_by_the_gateway_though_the_services_serve_them() {
        String service = "Bearer " + TestTokens.token("service");
        given().header("Authorization", service).get(system.url("aid-registry-service") + "/api/v1/feed/workers")
                .then().statusCode(200).body("items.size()", not(equalTo(0)));
        for (String feed : List.of("/api/v1/feed/workers", "/api/v1/feed/stations", "/api/v1/feed/payouts")) {
            given().header("Authorization", service).get(feed).then().statusCode(404).contentType(PROBLEM);
        }
    }

    @Test
    @Order(5)
    void requests_without_a_valid_token_get_401_problems() throws Exception {
        given().get("/api/v1/workers").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"));
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        String forged = Jwt.issuer("union-aid-local").subject("mallory").upn("mallory").groups(Set.of("admin"))
                .sign(keys.generateKeyPair().getPrivate());
        given().header("Authorization", "Bearer " + forged).get("/api/v1/workers")
                .then().statusCode(401).contentType(PROBLEM);
        // And a valid token of a role that may not do it: the service's 403.
        as("analyst").get("/api/v1/workers").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    @Order(6)
    void a_body_over_one_mebibyte_gets_413_before_it_reaches_a_service() {
        String big = "x".repeat(1_100_000);
        as("clerk").body("{\"name\":\"" + big + "\"}").post("/api/v1/workers")
                .then().statusCode(413).contentType(PROBLEM);
    }

    @Test
    @Order(7)
    void cors_is_answered_for_the_configured_origin_only() {
        given().header("Origin", E2e.ALLOWED_ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/v1/workers")
                .then().statusCode(equalTo(204)).header("Access-Control-Allow-Origin", E2e.ALLOWED_ORIGIN);
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/workers")
                .then().statusCode(403).header("Access-Control-Allow-Origin", equalTo(null));
        as("admin").header("Origin", E2e.ALLOWED_ORIGIN).get("/api/v1/stations/C01")
                .then().statusCode(200).header("Access-Control-Allow-Origin", E2e.ALLOWED_ORIGIN)
                .body("code", equalTo("C01"));
    }

    @Test
    @Order(8)
    void one_caller_over_the_rate_limit_gets_429_with_retry_after_and_others_are_served() throws Exception {
        String flooder = "Bearer " + TestTokens.token("admin", null, "e2e-flooder");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                calls.add(() -> given().header("Authorization", flooder).get("/api/v1/stations/C01"));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
            Response limited = answers.stream().filter(r -> r.statusCode() == 429).findFirst()
                    .orElseThrow(() -> new AssertionError("no 429 among 80 quick requests of one caller"));
            assertTrue(limited.contentType().startsWith(PROBLEM));
            assertNotNull(limited.header("Retry-After"));
            assertTrue(answers.stream().anyMatch(r -> r.statusCode() == 200), "the burst was served");
        } finally {
            pool.shutdownNow();
        }
        as("admin").get("/api/v1/stations/C01").then().statusCode(200);
    }

    @Test
    @Order(9)
    void the_openapi_document_merges_the_three_services_without_feeds() {
        JsonPath doc = given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        for (String path : List.of("/api/v1/workers", "/api/v1/stations", "/api/v1/applications", "/api/v1/payouts",
                "/api/v1/reports/summary")) {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
        }
        assertFalse(paths.keySet().stream().anyMatch(p -> p.startsWith("/api/v1/feed")), "no feeds: " + paths.keySet());
        assertNull(doc.get("x-unavailable"), "every service answered");
    }

    @Test
    @Order(10)
    void health_shows_each_upstream_and_a_frozen_killed_or_stopped_service_is_a_504_502_503_problem() throws Exception {
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.name", hasItem("upstream registry")).body("checks.name", hasItem("upstream disbursement"))
                .body("checks.find { it.name == 'upstream reporting' }.status", equalTo("UP"));

        // Frozen (SIGSTOP): the connection is taken but nothing comes back within the upstream timeout.
        system.signal("reporting-service", "STOP");
        as("analyst").header("X-Request-Id", "e2e-frozen").get("/api/v1/reports/summary").then().statusCode(504)
                .contentType(PROBLEM).body("status", equalTo(504)).body("requestId", equalTo("e2e-frozen"))
                .body("detail", containsString("reporting"));
        // Killed while a request waits on it: the service hung up.
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Response> waiting = pool.submit(() -> as("analyst").get("/api/v1/reports/summary"));
            Thread.sleep(1_000);
            system.signal("reporting-service", "KILL");
            waiting.get().then().statusCode(502).contentType(PROBLEM).body("detail", containsString("reporting"));
        } finally {
            pool.shutdownNow();
        }
        // Gone: nothing listens on its port any more.
        as("analyst").get("/api/v1/reports/summary").then().statusCode(503).contentType(PROBLEM)
                .body("status", equalTo(503)).body("detail", containsString("reporting"));
        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'upstream reporting' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'upstream registry' }.status", equalTo("UP"));
        // The other services' routes are unaffected, and the gateway itself stays ready.
        as("admin").get("/api/v1/stations/C01").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
