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
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
                .post("/api/v1/stations").then().statusCode(anyOf(equalTo(201), equalTo(409)));
    }

    @Test
    @Order(0)
    void the_demo_city_generator_loads_data_the_services_and_reports_agree_on_and_loads_it_once() throws Exception {
        Path output = system.logs.resolve("datagen.log");
        int exit = system.runDatagen(output, "--scale", "400,2000", "--seed", "11", "--wait-seconds", "60");
        String log = java.nio.file.Files.readString(output);
        assertEquals(0, exit, "datagen failed:\n" + log);
        assertTrue(log.contains("400 hardship files imported"), log);

        // The payouts written into the disbursement database, as the service itself sees them. Person aid is a
        // household's (by hardship file) or a mutual-aid member's claim (by enrolment, no file): reports count both.
        Map<String, String> db = system.env("disbursement-service");
        long householdPayouts;
        long memberClaims;
        BigDecimal householdAmount;
        BigDecimal allPaid;
        try (var c = java.sql.DriverManager.getConnection(db.get("DB_URL"), db.get("DB_USER"), db.get("DB_PASSWORD"));
             var s = c.createStatement();
             var rs = s.executeQuery("""
                     SELECT count(*) FILTER (WHERE a.beneficiary IN ('HOUSEHOLD', 'MEMBER')),
                            coalesce(sum(p.amount) FILTER (WHERE a.beneficiary IN ('HOUSEHOLD', 'MEMBER')), 0),
                            coalesce(sum(p.amount), 0),
                            count(*) FILTER (WHERE a.beneficiary = 'MEMBER' AND a.enrolment_id IS NOT NULL
                                               AND a.project_code = 'MEDICAL_MUTUAL_AID')
                       FROM payout p JOIN application a ON a.id = p.application_id WHERE p.status = 'PAID'""")) {
            rs.next();
            householdPayouts = rs.getLong(1);
            householdAmount = rs.getBigDecimal(2).setScale(2);
            allPaid = rs.getBigDecimal(3).setScale(2);
            memberClaims = rs.getLong(4);
        }
        assertTrue(householdPayouts > 1_500, "about 2,000 payouts: " + householdPayouts);
        assertTrue(memberClaims > 0 && memberClaims < householdPayouts, "members' mutual-aid claims among them: " + memberClaims);

        // Their details (medical costs, student data) are stored sealed with disbursement's key, and the service reads them.
        long illness;
        try (var c = java.sql.DriverManager.getConnection(db.get("DB_URL"), db.get("DB_USER"), db.get("DB_PASSWORD"));
             var s = c.createStatement();
             var rs = s.executeQuery("""
                     SELECT count(*) FILTER (WHERE details IS NULL OR get_byte(details, 0) <> 1
                                               OR position(convert_to('outOfPocket', 'UTF8') IN details) > 0),
                            min(id) FILTER (WHERE project_code = 'SERIOUS_ILLNESS')
                       FROM application""")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "every generated application's details are sealed");
            illness = rs.getLong(2);
        }
        as("reviewer").get("/api/v1/applications/" + illness).then().statusCode(200)
                .body("details.source", equalTo("legacy")).body("details.outOfPocket", org.hamcrest.Matchers.notNullValue());

        // The reports (read from the feeds) show exactly that: datagen waited for them.
        JsonPath summary = as("analyst").get("/api/v1/reports/summary").then().statusCode(200).extract().jsonPath();
        assertEquals(householdPayouts, summary.getLong("personTimes"));
        assertEquals(householdAmount, new BigDecimal(summary.getString("amount")).setScale(2));
        List<Map<String, Object>> projects = summary.getList("projects");
        assertEquals(11, projects.stream().filter(p -> money(p.get("amount")).signum() > 0).count(),
                "aid of all 11 projects: " + summary.prettify());

        // Budgets: each one balanced, and together they paid what the payouts add up to.
        List<Map<String, Object>> budgets = as("finance").get("/api/v1/budgets").then().statusCode(200)
                .extract().jsonPath().getList("items");
        BigDecimal paid = BigDecimal.ZERO;
        for (Map<String, Object> b : budgets) {
            assertEquals(money(b.get("allocated")), money(b.get("reserved")).add(money(b.get("paid"))).add(money(b.get("available"))),
                    "allocated = reserved + paid + available: " + b);
            paid = paid.add(money(b.get("paid")));
        }
        assertEquals(allPaid, paid);

        // The registry: 73 stations; 400 imported files and the story's two (one approved, one PENDING).
        as("admin").queryParam("limit", 200).get("/api/v1/stations").then().statusCode(200).body("items.size()", equalTo(73));
        JsonPath files = as("analyst").queryParam("groupBy", "status").get("/api/v1/reports/registry").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(402, files.getList("items.files", Integer.class).stream().mapToInt(Integer::intValue).sum(), files.prettify());
        assertEquals(1, files.getInt("items.find { it.status == 'PENDING' }.files"));

        // The story's papers, attached through the API: its file has its consent form, whole (same sha256 as listed, a PDF
        // naming that file), and the serious-illness application its three medical bills.
        java.util.regex.Matcher papers = java.util.regex.Pattern.compile(
                "consent form \\(PDF\\) on 2 files \\((\\d+) and (\\d+)\\), 3 medical bills .* on application (\\d+)").matcher(log);
        assertTrue(papers.find(), log);
        long storyFile = Long.parseLong(papers.group(1));
        List<Map<String, Object>> documents = as("reviewer").get("/api/v1/workers/" + storyFile + "/documents").then()
                .statusCode(200).extract().jsonPath().getList("items");
        Map<String, Object> consent = documents.stream().filter(d -> "CONSENT".equals(d.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no CONSENT on file " + storyFile + ": " + documents));
        assertEquals(1, documents.size(), documents.toString());
        assertEquals("application/pdf", consent.get("contentType"));
        byte[] form = as("reviewer").get("/api/v1/workers/" + storyFile + "/documents/" + consent.get("id") + "/content").then()
                .statusCode(200).contentType(startsWith("application/pdf")).extract().asByteArray();
        assertEquals(((Number) consent.get("size")).longValue(), form.length);
        assertEquals(consent.get("sha256"), java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(form)));
        String formText = new String(form, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(formText.startsWith("%PDF-") && formText.contains("hardship file " + storyFile + ":"), formText);
        as("reviewer").get("/api/v1/workers/" + papers.group(2) + "/documents").then().statusCode(200)
                .body("items.kind", equalTo(List.of("CONSENT")));
        as("reviewer").get("/api/v1/applications/" + papers.group(3) + "/documents").then().statusCode(200)
                .body("items.kind", equalTo(List.of("MEDICAL_BILL", "MEDICAL_BILL", "MEDICAL_BILL")))
                .body("items.contentType", equalTo(List.of("application/pdf", "application/pdf", "image/png")));

        // Loaded once: a second run finds the city and adds nothing.
        int again = system.runDatagen(system.logs.resolve("datagen-again.log"), "--scale", "400,2000", "--seed", "11");
        assertEquals(0, again);
        assertTrue(java.nio.file.Files.readString(system.logs.resolve("datagen-again.log")).contains("already loaded"));
        assertEquals(householdPayouts, as("analyst").get("/api/v1/reports/summary").then().statusCode(200)
                .extract().jsonPath().getLong("personTimes"));
        as("reviewer").get("/api/v1/workers/" + storyFile + "/documents").then().statusCode(200)
                .body("items.size()", equalTo(1));

        the_demo_citys_bank_file_waits_for_its_result_and_posting_the_result_it_left_reconciles_it(householdPayouts,
                householdAmount);
    }

    /** The demo's bank loop: one bank file of this year SENT, a ready result beside it; a few FAILED and bounced before. */
    private void the_demo_citys_bank_file_waits_for_its_result_and_posting_the_result_it_left_reconciles_it(
            long personTimes, BigDecimal amount) throws Exception {
        int year = LocalDate.now(CHINA).getYear();
        Map<String, String> db = system.env("disbursement-service");
        try (var c = java.sql.DriverManager.getConnection(db.get("DB_URL"), db.get("DB_USER"), db.get("DB_PASSWORD"));
             var s = c.createStatement();
             var rs = s.executeQuery("""
                     SELECT count(*) FILTER (WHERE status = 'FAILED'),
                            count(*) FILTER (WHERE status = 'REVERSED' AND reference LIKE 'DEMO/%' AND year < extract(year FROM now())),
                            count(*) FILTER (WHERE status = 'FAILED' AND EXISTS (SELECT 1 FROM payout q
                                WHERE q.application_id = payout.application_id AND q.status = 'SENT'))
                       FROM payout""")) {
            rs.next();
            assertEquals(2, rs.getLong(1), "two transfers FAILED this year");
            assertEquals(3, rs.getLong(2), "three transfers of past years bounced (reversed)");
            assertEquals(2, rs.getLong(3), "both FAILED ones paid again, in the file that waits");
        }
        List<Map<String, Object>> files = as("finance").queryParam("project", "FESTIVAL_WARMTH").get("/api/v1/bank-files")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(2, files.size(), "two bank files this year: " + files);
        assertEquals("COMPLETED", files.get(0).get("status"));
        Map<String, Object> sent = files.get(1);
        assertEquals("EXPORTED", sent.get("status"), "the second waits for the bank: " + sent);
        long id = ((Number) sent.get("id")).longValue();
        int count = ((Number) sent.get("count")).intValue();
        assertEquals(12, count);
        as("finance").get("/api/v1/bank-files/" + id).then().statusCode(200).body("outstanding.count", equalTo(count))
                .body("sent.count", equalTo(count)).body("paid.count", equalTo(0));
        // Its content is real: every line names a household account the registry holds (sha256 of the bytes).
        byte[] content = as("finance").get("/api/v1/bank-files/" + id + "/content").then().statusCode(200).extract().asByteArray();
        assertEquals(sent.get("sha256"), java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(content)));

        // The result the demo left beside it: posting it reconciles the file (eleven PAID, one FAILED).
        byte[] result = java.nio.file.Files.readAllBytes(system.demoOutput().resolve("bank-result-" + id + ".csv"));
        as("finance").header("Idempotency-Key", UUID.randomUUID().toString()).contentType("text/csv; charset=UTF-8")
                .body(result).post("/api/v1/bank-files/" + id + "/results").then().statusCode(200)
                .body("applied", equalTo(count)).body("fileStatus", equalTo("COMPLETED"));
        JsonPath file = as("finance").get("/api/v1/bank-files/" + id).then().statusCode(200).body("status", equalTo("COMPLETED"))
                .body("paid.count", equalTo(count - 1)).body("failed.count", equalTo(1)).body("outstanding.count", equalTo(0))
                .extract().jsonPath();
        JsonPath reconciliation = as("finance").queryParam("project", "FESTIVAL_WARMTH").queryParam("year", year)
                .get("/api/v1/reconciliation").then().statusCode(200).body("outstanding.count", equalTo(0))
                .body("failed.count", equalTo(3)).extract().jsonPath();
        assertEquals(reconciliation.getLong("sent.count"),
                reconciliation.getLong("paid.count") + reconciliation.getLong("failed.count"), reconciliation.prettify());
        // The report counts the eleven PAID, never the FAILED one.
        BigDecimal paid = new BigDecimal(file.getString("paid.amount"));
        JsonPath summary = awaitSummary(s -> s.getLong("personTimes") >= personTimes + count - 1);
        assertEquals(personTimes + count - 1, summary.getLong("personTimes"));
        assertEquals(amount.add(paid), money(summary.getString("amount")));
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
        // The demo city may have spent some of this year's budget: 100,000 more for this story.
        Budget budget = budget(year);
        as("finance").body(Map.of("amount", budget.allocated.add(new BigDecimal("100000.00")).toPlainString()))
                .put("/api/v1/projects/SERIOUS_ILLNESS/budgets/" + year).then().statusCode(200);
        budget = budget(year);
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
                .body("perCapitaMonthlyIncome", equalTo("388.89")).body("idNumber", equalTo("**************002X"))
                .header("Location", startsWith(gateway + "/api/v1/workers/"));
        long file = filed.jsonPath().getLong("id");

        for (Map<String, Object> check : List.<Map<String, Object>>of(
                Map.of("step", "FIRST_REVIEW", "passed", true),
                Map.of("step", "HOME_VISIT", "passed", true, "consentSigned", true),
                Map.of("step", "MEANS_CHECK", "passed", true),
                // the notice starts when recorded; the registry runs here with 0 notice days, so it has passed
                Map.of("step", "PUBLIC_NOTICE", "passed", true, "objection", false))) {
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
        BigDecimal twenty = new BigDecimal("19800.00");
        assertEquals(budget.plus(BigDecimal.ZERO, twenty, BigDecimal.ZERO, twenty.negate()), budget(year), "reserved on approval");

        String key = UUID.randomUUID().toString();
        // Cash is PAID at once (a bank transfer waits for its bank file's result).
        Map<String, Object> payment = Map.of("applicationId", application, "channel", "CASH", "reference", "RECEIPT-E2E-1");
        Response paid = as("finance").header("Idempotency-Key", key).body(payment).post("/api/v1/payouts");
        paid.then().statusCode(201).body("status", equalTo("PAID")).body("amount", equalTo("19800.00"));
        // A retry of the payment (lost answer) pays nothing twice.
        as("finance").header("Idempotency-Key", key).body(payment).post("/api/v1/payouts")
                .then().statusCode(201).header("Idempotency-Replayed", "true")
                .body("id", equalTo(paid.jsonPath().getInt("id")));
        assertEquals(budget.plus(BigDecimal.ZERO, BigDecimal.ZERO, twenty, twenty.negate()), budget(year), "spent when paid");
        // The details (health data) are sealed in disbursement's database and read back whole.
        asClerk().get("/api/v1/applications/" + application).then().statusCode(200).body("status", equalTo("PAID"))
                .body("details.outOfPocket", equalTo("19800.00")).body("details.medicalBills", equalTo("住院发票 3 张"));

        // The city report: exactly this payout more.
        long personTimes = before.getLong("personTimes") + 1;
        JsonPath after = awaitSummary(s -> s.getLong("personTimes") == personTimes);
        assertEquals(new BigDecimal(before.getString("amount")).setScale(2).add(twenty),
                new BigDecimal(after.getString("amount")).setScale(2));
        assertEquals(before.getLong("persons") + 1, after.getLong("persons"));
        assertEquals(illness(before, "personTimes").add(BigDecimal.ONE).setScale(2), illness(after, "personTimes"));
        assertEquals(illness(before, "amount").add(twenty), illness(after, "amount"));
        // By station the cell could single this household out: suppressed, and so are the totals of a
        // report limited to that station (they would be the household's own payout).
        JsonPath station = stationIllnessAid();
        assertEquals(Boolean.TRUE, station.get("totals.suppressed"), station.prettify());
        assertNull(station.get("totals.personTimes"));
        assertNull(station.get("totals.amount"));
        List<Boolean> suppressed = station.getList("items.suppressed");
        assertFalse(suppressed.isEmpty());
        assertTrue(suppressed.stream().allMatch(Boolean.TRUE::equals), "small cells suppressed: " + station.prettify());
    }

    /** A project's budget of a year (zeros when none is set); always allocated = reserved + paid + available. */
    record Budget(BigDecimal allocated, BigDecimal reserved, BigDecimal paid, BigDecimal available) {
        Budget plus(BigDecimal allocated, BigDecimal reserved, BigDecimal paid, BigDecimal available) {
            return new Budget(this.allocated.add(allocated), this.reserved.add(reserved), this.paid.add(paid),
                    this.available.add(available));
        }
    }

    private static Budget budget(int year) {
        Map<String, Object> item = as("finance").queryParam("year", year).get("/api/v1/budgets").then().statusCode(200)
                .extract().jsonPath().getMap("items.find { it.projectCode == 'SERIOUS_ILLNESS' }");
        if (item == null) {
            return new Budget(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        }
        Budget b = new Budget(money(item.get("allocated")), money(item.get("reserved")), money(item.get("paid")),
                money(item.get("available")));
        assertEquals(b.allocated, b.reserved.add(b.paid).add(b.available), "allocated = reserved + paid + available");
        return b;
    }

    /** A SERIOUS_ILLNESS figure of the summary; zero when the project has none yet. */
    private static BigDecimal illness(JsonPath summary, String figure) {
        Map<String, Object> project = summary.getMap("projects.find { it.project == 'SERIOUS_ILLNESS' }");
        Object value = project == null ? null : project.get(figure);
        return (value == null ? BigDecimal.ZERO : new BigDecimal(value.toString())).setScale(2);
    }

    private static JsonPath stationIllnessAid() {
        return as("analyst").queryParam("groupBy", "station").queryParam("project", "SERIOUS_ILLNESS")
                .queryParam("station", STATION).get("/api/v1/reports/aid").then().statusCode(200).extract().jsonPath();
    }

    private static BigDecimal money(Object value) {
        return new BigDecimal(value.toString()).setScale(2);
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
    void two_files_of_one_household_merged_by_a_reviewer_count_once_in_the_rules_and_the_reports() {
        new MergeStory(STATION).run(done -> {
            try {
                return awaitSummary(done);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
    }

    @Test
    @Order(3)
    void the_gateway_passes_the_request_id_to_the_service_and_answers_with_it() {
        // The 404 problem is made by the registry: its requestId is the one the client sent.
        as("reviewer").header("X-Request-Id", "e2e-trace-0001").get("/api/v1/workers/987654321")
                .then().statusCode(404).contentType(PROBLEM).header("X-Request-Id", "e2e-trace-0001")
                .body("requestId", equalTo("e2e-trace-0001")).body("status", equalTo(404));
        String made = as("reviewer").get("/api/v1/stations").then().statusCode(200).extract().header("X-Request-Id");
        assertNotNull(made, "a request id is made when none is sent");
    }

    @Test
    @Order(4)
    void paths_and_queries_reach_the_services_unchanged() {
        // A list with a limit and a cursor: the service's paging comes back as it made it, Link naming the gateway.
        Response page = as("admin").queryParam("limit", 2).get("/api/v1/stations");
        page.then().statusCode(200).body("items.size()", equalTo(2)).body("items[0].code", equalTo("C01"))
                .header("Link", startsWith("<" + gateway + "/api/v1/stations?"));
        List<String> first = page.jsonPath().getList("items.code");
        String cursor = page.jsonPath().getString("nextCursor");
        List<String> second = as("admin").queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/stations")
                .then().statusCode(200).body("items.size()", equalTo(2)).extract().jsonPath().getList("items.code");
        assertTrue(second.stream().noneMatch(first::contains), "the next page goes on where the first ended: " + first + second);
        // Chinese problems come through too.
        as("admin").header("Accept-Language", "zh").body(Map.of("code", "bad code!", "name", "x", "level", "CITY"))
                .post("/api/v1/stations").then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", hasItem(containsString("code")));
    }

    @Test
    @Order(5)
    void feeds_are_not_exposed_by_the_gateway_though_the_services_serve_them() {
        String service = "Bearer " + TestTokens.token("service");
        given().header("Authorization", service).get(system.url("aid-registry-service") + "/api/v1/feed/workers")
                .then().statusCode(200).body("items.size()", not(equalTo(0)));
        for (String feed : List.of("/api/v1/feed/workers", "/api/v1/feed/stations", "/api/v1/feed/payouts")) {
            given().header("Authorization", service).get(feed).then().statusCode(404).contentType(PROBLEM);
        }
    }

    @Test
    @Order(6)
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
    @Order(7)
    void a_body_over_one_mebibyte_gets_413_before_it_reaches_a_service() {
        String big = "x".repeat(1_100_000);
        as("clerk").body("{\"name\":\"" + big + "\"}").post("/api/v1/workers")
                .then().statusCode(413).contentType(PROBLEM);
    }

    @Test
    @Order(8)
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
    @Order(9)
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
    @Order(10)
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
    @Order(11)
    void a_batch_whose_service_is_killed_midway_is_finished_by_the_retry_with_its_key_paying_each_item_once()
            throws Exception {
        int year = LocalDate.now(CHINA).getYear();
        int count = 150;
        BigDecimal each = new BigDecimal("100.00");
        Map<String, Object> before = stationGrantBudget(year);
        BigDecimal allocated = before == null ? BigDecimal.ZERO : money(before.get("allocated"));
        BigDecimal paidBefore = before == null ? BigDecimal.ZERO : money(before.get("paid"));
        as("finance").body(Map.of("amount", allocated.add(new BigDecimal("20000.00")).toPlainString()))
                .put("/api/v1/projects/STATION_STANDARDISATION/budgets/" + year).then().statusCode(200);
        long grantsBefore = awaitSummary(s -> true).getLong("stationGrants.count");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // one subject per request: the gateway's rate limit is per caller
            long id = given().header("Authorization", "Bearer " + TestTokens.token("clerk", STATION, "e2e-clerk-" + i))
                    .contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("projectCode", "STATION_STANDARDISATION", "stationCode", STATION,
                            "requestedAmount", each.toPlainString(), "details", Map.of("checklist", Map.of("signage", true))))
                    .post("/api/v1/applications").then().statusCode(201).extract().jsonPath().getLong("id");
            given().header("Authorization", "Bearer " + TestTokens.token("reviewer", null, "e2e-reviewer-" + i))
                    .contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("approve", true, "amount", each.toPlainString(), "reason", "站点规范化验收合格"))
                    .post("/api/v1/applications/" + id + "/decision").then().statusCode(200);
            ids.add(id);
        }
        String key = "e2e-batch-" + UUID.randomUUID();
        Map<String, Object> batch = Map.of("projectCode", "STATION_STANDARDISATION", "channel", "CASH",
                "reference", "E2E-BATCH", "applicationIds", ids);
        String finance = "Bearer " + TestTokens.token("finance", null, "e2e-finance-batch");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Response> first = pool.submit(() -> given().header("Authorization", finance).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key).body(batch).post("/api/v1/payout-batches"));
            // kill -9 once the batch has paid its first items, well before its last
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"PAID".equals(applicationStatus(ids.get(3))) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            system.signal("disbursement-service", "KILL");
            int status = first.get().statusCode();
            assertTrue(status == 502 || status == 503 || status == 504, "the first attempt died with the service: " + status);
        } finally {
            pool.shutdownNow();
        }
        system.restart("disbursement-service");
        assertEquals("PAID", applicationStatus(ids.get(3)), "the batch had begun before the kill");
        assertNotEquals("PAID", applicationStatus(ids.get(count - 1)), "the kill came in the middle of the batch");

        // The retry with the same key and body is served at once (its owner died with its session), not 409
        JsonPath retried = given().header("Authorization", finance).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(batch).post("/api/v1/payout-batches")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(count, retried.getInt("paid") + retried.getInt("alreadyPaid"), retried.prettify());
        assertEquals(0, retried.getInt("refused"), retried.prettify());
        given().header("Authorization", finance).contentType(ContentType.JSON).header("Idempotency-Key", key).body(batch)
                .post("/api/v1/payout-batches").then().statusCode(200).header("Idempotency-Replayed", "true");

        // Each item paid exactly once: the budget, the payouts and the city report agree
        Map<String, Object> after = stationGrantBudget(year);
        assertEquals(paidBefore.add(each.multiply(BigDecimal.valueOf(count))), money(after.get("paid")));
        assertEquals(money(after.get("allocated")), money(after.get("reserved")).add(money(after.get("paid")))
                .add(money(after.get("available"))));
        for (long id : ids) {
            assertEquals("PAID", applicationStatus(id));
        }
        long expected = grantsBefore + count;
        assertEquals(expected, awaitSummary(s -> s.getLong("stationGrants.count") >= expected)
                .getLong("stationGrants.count"));
    }

    private static final String BANK_FINANCE = "e2e-finance-bank";
    private static final int TRANSFERS = 300;
    private static BankLoop bank;
    private static List<BankLoop.Paid> transfers;
    private static long exportedFile;

    @Test
    @Order(12)
    void a_bank_file_export_killed_midway_commits_nothing_and_its_retry_sends_every_payout_once_in_one_file()
            throws Exception {
        int year = LocalDate.now(CHINA).getYear();
        Map<String, Object> budget = budgetOf(BankLoop.PROJECT, year);
        BigDecimal allocated = budget == null ? BigDecimal.ZERO : money(budget.get("allocated"));
        as("finance").body(Map.of("amount", allocated.add(new BigDecimal("100000.00")).toPlainString()))
                .put("/api/v1/projects/" + BankLoop.PROJECT + "/budgets/" + year).then().statusCode(200);
        bank = new BankLoop(system, BANK_FINANCE, "e2e-reviewer-bank");
        transfers = bank.issuedTransfers(0, TRANSFERS, year + "春节送温暖（银行代发）");
        List<Long> payouts = transfers.stream().map(BankLoop.Paid::payoutId).sorted().toList();
        BigDecimal total = transfers.stream().map(BankLoop.Paid::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, Object> request = Map.of("projectCode", BankLoop.PROJECT, "payoutIds", payouts);
        String key = "e2e-export-" + UUID.randomUUID();
        long filesBefore = single("SELECT count(*) FROM bank_file");

        // The test holds the last payout's row: the export reads the 300 accounts from the registry, inserts the
        // file and moves the payouts to SENT, and waits there, inside its transaction, for this lock.
        int status = killDisbursementWhileItWaits("SELECT id FROM payout WHERE id = " + payouts.get(payouts.size() - 1)
                        + " FOR UPDATE", "UPDATE payout SET status = 'SENT'",
                () -> bankFinance().header("Idempotency-Key", key).body(request).post("/api/v1/bank-files"));
        assertTrue(status == 502 || status == 503 || status == 504, "the first attempt died with the service: " + status);
        // The kill came in the middle: the file inserted and the payouts moved were rolled back with the session.
        assertEquals(filesBefore, single("SELECT count(*) FROM bank_file"), "no bank file committed");
        assertEquals(TRANSFERS, single("SELECT count(*) FROM payout WHERE status = 'ISSUED' AND bank_file_id IS NULL"
                + " AND id = ANY ('{" + join(payouts) + "}'::bigint[])"), "every payout still ISSUED");

        system.restart("disbursement-service");
        Response retried = bankFinance().header("Idempotency-Key", key).body(request).post("/api/v1/bank-files");
        retried.then().statusCode(201).header("Idempotency-Replayed", equalTo(null)).body("status", equalTo("EXPORTED"))
                .body("count", equalTo(TRANSFERS)).body("total", equalTo(total.toPlainString()))
                .header("Location", startsWith(gateway + "/api/v1/bank-files/"));
        exportedFile = retried.jsonPath().getLong("id");
        String sha256 = retried.jsonPath().getString("sha256");
        bankFinance().header("Idempotency-Key", key).body(request).post("/api/v1/bank-files").then().statusCode(201)
                .header("Idempotency-Replayed", "true").body("id", equalTo((int) exportedFile));

        // Exactly one bank file more, and it holds every payout, each SENT once.
        assertEquals(filesBefore + 1, single("SELECT count(*) FROM bank_file"));
        assertEquals(TRANSFERS, single("SELECT count(*) FROM payout WHERE status = 'SENT' AND bank_file_id = " + exportedFile));
        assertEquals(TRANSFERS, single("SELECT count(*) FROM payout WHERE bank_file_id = " + exportedFile
                + " AND id = ANY ('{" + join(payouts) + "}'::bigint[])"));
        bankFinance().get("/api/v1/bank-files/" + exportedFile).then().statusCode(200)
                .body("sent.count", equalTo(TRANSFERS)).body("sent.amount", equalTo(total.toPlainString()))
                .body("outstanding.count", equalTo(TRANSFERS)).body("paid.count", equalTo(0)).body("sha256", equalTo(sha256));

        // The content: the same bytes on every download, their digest the file's, one line per payout and the totals.
        byte[] content = download(exportedFile);
        assertEquals(sha256, hex(content));
        assertEquals(sha256, hex(download(exportedFile)), "the same bytes on the second download");
        List<String> lines = List.of(new String(content, java.nio.charset.StandardCharsets.UTF_8).split("\r\n"));
        assertEquals("reference,account_name,account_number,bank_name,amount", lines.get(0));
        assertEquals(TRANSFERS + 2, lines.size());
        assertEquals("CONTROL_TOTAL," + TRANSFERS + "," + total.toPlainString(), lines.get(lines.size() - 1));
        assertEquals(TRANSFERS, lines.subList(1, lines.size() - 1).stream().map(l -> l.split(",")[0]).distinct().count());
    }

    @Test
    @Order(13)
    void a_result_import_killed_midway_applies_nothing_and_its_retry_applies_the_file_once_and_the_books_agree()
            throws Exception {
        assertNotEquals(0L, exportedFile, "the export test ran first");
        int year = LocalDate.now(CHINA).getYear();
        Map<String, Object> before = budgetOf(BankLoop.PROJECT, year);
        JsonPath summaryBefore = awaitSummary(s -> true);
        // The bank's answer: every tenth transfer bounced at once (account closed), the others went through.
        List<String> lines = List.of(new String(download(exportedFile), java.nio.charset.StandardCharsets.UTF_8).split("\r\n"));
        StringBuilder result = new StringBuilder("reference,status,amount,message\r\n");
        Map<String, String> outcome = new java.util.HashMap<>();
        BigDecimal paidAmount = BigDecimal.ZERO;
        BigDecimal failedAmount = BigDecimal.ZERO;
        for (int n = 1; n < lines.size() - 1; n++) {
            String[] fields = lines.get(n).split(",");
            boolean fails = n % 10 == 0;
            BigDecimal amount = new BigDecimal(fields[4]);
            outcome.put(fields[0], fails ? "FAILED" : "PAID");
            if (fails) {
                failedAmount = failedAmount.add(amount);
            } else {
                paidAmount = paidAmount.add(amount);
            }
            result.append(fields[0]).append(fails ? ",FAILED," : ",SUCCESS,").append(fields[4])
                    .append(fails ? ",账户已销户\r\n" : ",\r\n");
        }
        int failures = TRANSFERS / 10;
        int successes = TRANSFERS - failures;
        String file = result.toString();
        String key = "e2e-results-" + UUID.randomUUID();
        String path = "/api/v1/bank-files/" + exportedFile + "/results";

        // The test holds the budget's row: the import locks the file, moves 270 payouts to PAID and their
        // applications, and waits there, inside its transaction, to move the money.
        int status = killDisbursementWhileItWaits("SELECT 1 FROM budget WHERE project_code = '" + BankLoop.PROJECT
                        + "' AND year = " + year + " FOR UPDATE", "UPDATE budget b SET reserved = b.reserved - s.amount",
                () -> postResult(path, key, file));
        assertTrue(status == 502 || status == 503 || status == 504, "the first attempt died with the service: " + status);
        assertEquals(TRANSFERS, single("SELECT count(*) FROM payout WHERE status = 'SENT' AND bank_file_id = " + exportedFile),
                "nothing of the killed import stayed");
        assertEquals(0, single("SELECT count(*) FROM ledger_entry e JOIN payout p ON p.id = e.payout_id"
                + " WHERE e.kind = 'PAY' AND p.bank_file_id = " + exportedFile));

        system.restart("disbursement-service");
        postResult(path, key, file).then().statusCode(200).header("Idempotency-Replayed", equalTo(null))
                .body("fileStatus", equalTo("COMPLETED")).body("applied", equalTo(TRANSFERS))
                .body("alreadyApplied", equalTo(0)).body("mismatched", equalTo(0));
        postResult(path, key, file).then().statusCode(200).header("Idempotency-Replayed", "true");

        // Each payout as the bank said, paid once: one PAY entry each, failed ones none and their applications APPROVED.
        try (java.sql.Connection c = bank.disbursementDb(); var s = c.createStatement(); var r = s.executeQuery("""
                SELECT p.reference, p.status, a.status,
                       (SELECT count(*) FROM ledger_entry e WHERE e.payout_id = p.id AND e.kind = 'PAY')
                  FROM payout p JOIN application a ON a.id = p.application_id WHERE p.bank_file_id = """ + exportedFile)) {
            int rows = 0;
            while (r.next()) {
                rows++;
                String expected = outcome.get(r.getString(1));
                assertEquals(expected, r.getString(2), r.getString(1));
                assertEquals(expected.equals("PAID") ? "PAID" : "APPROVED", r.getString(3), r.getString(1));
                assertEquals(expected.equals("PAID") ? 1 : 0, r.getInt(4), r.getString(1));
            }
            assertEquals(TRANSFERS, rows);
        }
        long failedApplication = transfers.stream().filter(t -> outcome.get("E2E-BANK/" + t.applicationId()).equals("FAILED"))
                .findFirst().orElseThrow().applicationId();
        as("reviewer").get("/api/v1/applications/" + failedApplication).then().statusCode(200).body("status", equalTo("APPROVED"));
        bankFinance().get("/api/v1/bank-files/" + exportedFile).then().statusCode(200).body("status", equalTo("COMPLETED"))
                .body("paid.count", equalTo(successes)).body("paid.amount", equalTo(paidAmount.toPlainString()))
                .body("failed.count", equalTo(failures)).body("failed.amount", equalTo(failedAmount.toPlainString()))
                .body("outstanding.count", equalTo(0));

        // The budget: paid moved by the successes alone, the failures still reserved, and the ledger says the same.
        Map<String, Object> after = budgetOf(BankLoop.PROJECT, year);
        assertEquals(money(before.get("paid")).add(paidAmount), money(after.get("paid")));
        assertEquals(money(before.get("reserved")).subtract(paidAmount), money(after.get("reserved")));
        assertEquals(money(after.get("allocated")), money(after.get("reserved")).add(money(after.get("paid")))
                .add(money(after.get("available"))));
        try (java.sql.Connection c = bank.disbursementDb(); var s = c.createStatement(); var r = s.executeQuery("""
                SELECT coalesce(sum(amount) FILTER (WHERE kind = 'ALLOCATE'), 0),
                       coalesce(sum(amount) FILTER (WHERE kind = 'RESERVE'), 0) - coalesce(sum(amount) FILTER (WHERE kind = 'RELEASE'), 0)
                         - coalesce(sum(amount) FILTER (WHERE kind = 'PAY'), 0),
                       coalesce(sum(amount) FILTER (WHERE kind = 'PAY'), 0) - coalesce(sum(amount) FILTER (WHERE kind = 'REVERSE'), 0)
                  FROM ledger_entry WHERE project_code = '""" + BankLoop.PROJECT + "' AND year = " + year)) {
            r.next();
            assertEquals(money(after.get("allocated")), r.getBigDecimal(1).setScale(2), "ledger: allocated");
            assertEquals(money(after.get("reserved")), r.getBigDecimal(2).setScale(2), "ledger: reserved");
            assertEquals(money(after.get("paid")), r.getBigDecimal(3).setScale(2), "ledger: paid");
        }

        // The report counts what was PAID only: 270 person-times more, never the 30 failed.
        long expected = summaryBefore.getLong("personTimes") + successes;
        JsonPath summary = awaitSummary(s -> s.getLong("personTimes") >= expected);
        assertEquals(expected, summary.getLong("personTimes"));
        assertEquals(money(summaryBefore.getString("amount")).add(paidAmount), money(summary.getString("amount")));
        Thread.sleep(1_000); // a feed poll later nothing more has come
        assertEquals(expected, awaitSummary(s -> true).getLong("personTimes"));

        // The same file posted again (a new key): every line ALREADY_APPLIED, nothing moves.
        postResult(path, "e2e-results-" + UUID.randomUUID(), file).then().statusCode(200)
                .body("applied", equalTo(0)).body("alreadyApplied", equalTo(TRANSFERS)).body("mismatched", equalTo(0));
        assertEquals(money(after.get("paid")), money(budgetOf(BankLoop.PROJECT, year).get("paid")));
    }

    /**
     * Sends {@code request} while the test's session holds the row lock of {@code lockSql}; once disbursement's
     * {@code statement} waits for it inside its transaction (seen in pg_stat_activity), kills disbursement there, lets
     * the lock go and waits until the dead service's session has ended (its transaction rolled back). Returns the
     * status the first attempt got from the gateway.
     */
    private static int killDisbursementWhileItWaits(String lockSql, String statement, Callable<Response> request)
            throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (java.sql.Connection lock = bank.disbursementDb()) {
            lock.setAutoCommit(false);
            try (var s = lock.createStatement()) {
                s.execute(lockSql);
            }
            Future<Response> first = pool.submit(request);
            int backend = bank.awaitBlocked(lock, statement, 60);
            system.signal("disbursement-service", "KILL");
            int status = first.get().statusCode();
            lock.rollback();
            bank.awaitGone(backend);
            return status;
        } finally {
            pool.shutdownNow();
        }
    }

    private static RequestSpecification bankFinance() {
        return given().header("Authorization", bank.finance()).contentType(ContentType.JSON);
    }

    private static Response postResult(String path, String key, String file) {
        return given().header("Authorization", bank.finance()).header("Idempotency-Key", key)
                .contentType("text/csv; charset=UTF-8").body(file.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post(path);
    }

    private static byte[] download(long file) {
        return given().header("Authorization", bank.finance()).get("/api/v1/bank-files/" + file + "/content")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asByteArray();
    }

    private static String hex(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String join(List<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    /** One number from disbursement's database. */
    private static long single(String sql) throws Exception {
        try (java.sql.Connection c = bank.disbursementDb(); var s = c.createStatement(); var r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Map<String, Object> budgetOf(String project, int year) {
        return as("finance").queryParam("year", year).get("/api/v1/budgets").then().statusCode(200)
                .extract().jsonPath().getMap("items.find { it.projectCode == '" + project + "' }");
    }

    private static Map<String, Object> stationGrantBudget(int year) {
        return as("finance").queryParam("year", year).get("/api/v1/budgets").then().statusCode(200)
                .extract().jsonPath().getMap("items.find { it.projectCode == 'STATION_STANDARDISATION' }");
    }

    private static String applicationStatus(long id) {
        return given().header("Authorization", "Bearer " + TestTokens.token("reviewer", null, "e2e-watch-" + id
                        + "-" + System.nanoTime())).get("/api/v1/applications/" + id)
                .then().extract().jsonPath().getString("status");
    }

    @Test
    @Order(14)
    void malformed_requests_to_every_operation_get_a_4xx_problem_and_never_a_5xx() throws Exception {
        String document = given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200).extract().asString();
        ContractFuzz fuzz = new ContractFuzz(gateway);
        List<String> failures = fuzz.run(document);
        assertTrue(fuzz.sent() > 1000, "sent " + fuzz.sent() + " requests");
        assertTrue(failures.isEmpty(), failures.size() + " of " + fuzz.sent() + " answers were wrong:\n"
                + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
    }

    @Test
    @Order(15)
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
            Thread.sleep(3_000); // the request reaches the service well within the gateway's upstream timeout (12 s)
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

    @Test
    @Order(16)
    void the_rebuild_command_as_the_kubernetes_job_runs_it_rebuilds_the_same_reports() throws Exception {
        system.restart("reporting-service");
        new RebuildCommand(system).run();
    }
}
