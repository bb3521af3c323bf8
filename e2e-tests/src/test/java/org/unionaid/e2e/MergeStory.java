package org.unionaid.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.unionaid.testsupport.TestTokens;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Two workers of one family filed twice, each file aided, then merged by a reviewer, through the gateway: the other
 * file CANCELLED with mergedInto, its living relief counting for the survivor in disbursement's one-item-a-year rule
 * (a RELATIVE household), and reporting counting the household once across the registry's and disbursement's feeds.
 */
final class MergeStory {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String PROBLEM = "application/problem+json";
    /** Indexes of BankLoop.idNumber no other story uses. */
    private static final int FIRST_ID_NUMBER = 700_000;

    private final String station;
    private final String clerk;
    private final String reviewer = "Bearer " + TestTokens.token("reviewer", null, "e2e-reviewer-merge");
    private final String finance = "Bearer " + TestTokens.token("finance", null, "e2e-finance-merge");
    private final String admin = TestTokens.bearer("admin");
    private final String analyst = TestTokens.bearer("analyst");

    MergeStory(String station) {
        this.station = station;
        this.clerk = "Bearer " + TestTokens.token("clerk", station, "e2e-clerk-merge");
    }

    /** The story; {@code summary} waits for the city summary to meet a condition and returns it. */
    void run(java.util.function.Function<Predicate<JsonPath>, JsonPath> summary) {
        int year = LocalDate.now(CHINA).getYear();
        topUp("LIVING_RELIEF", year);
        topUp("FESTIVAL_WARMTH", year);
        JsonPath before = summary.apply(s -> true);

        // One family, two files: 李卫东 (the survivor) and his wife 陈秀英, the same daughter in both households.
        long survivor = file("李卫东", FIRST_ID_NUMBER, "陈秀英", "SPOUSE");
        long other = file("陈秀英", FIRST_ID_NUMBER + 1, "李卫东", "SPOUSE");
        int survivorsDaughter = daughter(survivor);
        int othersDaughter = daughter(other);

        // Each file aided once before anyone sees they are one household: a festival visit for the survivor (no
        // person-aid item), living relief for the other (an item). Two persons in the city's figures.
        paid(survivor, "FESTIVAL_WARMTH", "300.00", Map.of("campaign", year + "合并测试慰问"));
        paid(other, "LIVING_RELIEF", "1000.00", Map.of());
        long personTimes = before.getLong("personTimes") + 2;
        JsonPath aided = summary.apply(s -> s.getLong("personTimes") == personTimes);
        assertEquals(before.getLong("persons") + 2, aided.getLong("persons"), "two files, two persons before the merge");

        // Only a reviewer merges; a file with itself is refused.
        json(clerk).body(Map.of("from", other, "reason", "同一家庭重复建档")).post("/api/v1/workers/" + survivor + "/merge")
                .then().statusCode(403).contentType(PROBLEM);
        json(reviewer).body(Map.of("from", survivor, "reason", "同一家庭重复建档")).post("/api/v1/workers/" + survivor + "/merge")
                .then().statusCode(400).contentType(PROBLEM);
        json(reviewer).body(Map.of("from", other, "reason", "同一家庭重复建档")).post("/api/v1/workers/" + survivor + "/merge")
                .then().statusCode(200).body("id", equalTo((int) survivor)).body("status", equalTo("ACTIVE"))
                .body("mergedFrom.id", hasItem((int) other))
                .body("mergedFrom.find { it.id == " + other + " }.members.find { it.from == " + othersDaughter + " }.into",
                        equalTo(survivorsDaughter));
        json(clerk).get("/api/v1/workers/" + other).then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("mergedInto", equalTo((int) survivor));
        // The registry learns of payouts from disbursement's feed, a moment after they are made: the survivor's
        // lastAidedAt comes with the merged file's payout, before or after the merge.
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonPath merged;
        do {
            merged = json(clerk).get("/api/v1/workers/" + survivor).then().statusCode(200)
                    .body("mergedInto", nullValue()).extract().jsonPath();
        } while (merged.getString("lastAidedAt") == null && System.nanoTime() < deadline && pause());
        assertNotNull(merged.getString("lastAidedAt"), "the merged file's aid is the survivor's: " + merged.prettify());

        // Disbursement: the other file's living relief this year is the survivor's one item of the year.
        long second = applied(survivor, "LIVING_RELIEF", "800.00", Map.of());
        json(reviewer).body(Map.of("approve", true, "amount", "800.00", "reason", "生活困难"))
                .post("/api/v1/applications/" + second + "/decision")
                .then().statusCode(422).contentType(PROBLEM).body("rule", equalTo("ONE_ITEM_A_YEAR"));

        // Reporting: the same payouts and money, one person fewer (the household, counted once).
        JsonPath after = summary.apply(s -> s.getLong("persons") == before.getLong("persons") + 1);
        assertEquals(personTimes, after.getLong("personTimes"), "person-times unchanged by the merge");
        assertEquals(new BigDecimal(aided.getString("amount")).setScale(2), new BigDecimal(after.getString("amount")).setScale(2),
                "amounts unchanged by the merge");
    }

    private long file(String name, int idIndex, String spouse, String relation) {
        Instant activated = Instant.now().minus(30, ChronoUnit.DAYS);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", name);
        item.put("idNumber", BankLoop.idNumber(idIndex));
        item.put("stationCode", station);
        item.put("migrantWorker", false);
        item.put("mainCause", "ILLNESS");
        // 36,000 a year for three: 1,000 a month each, between 1 and 2 x 低保 (930): RELATIVE
        item.put("household", Map.of("yearlyIncome", "36000.00", "rigidCosts", "0.00", "members", List.of(
                Map.of("relation", relation, "name", spouse, "birthDate", "1975-02-03", "student", false,
                        "ill", false, "disabled", false),
                Map.of("relation", "CHILD", "name", "李小雨", "birthDate", "2006-09-01", "student", true,
                        "school", "福州大学", "grade", "大二", "ill", false, "disabled", false))));
        item.put("status", "ACTIVE");
        item.put("createdAt", activated.minus(20, ChronoUnit.DAYS).toString());
        item.put("activatedAt", activated.toString());
        JsonPath result = json(admin).body(Map.of("items", List.of(item))).post("/api/v1/workers/import")
                .then().statusCode(200).extract().jsonPath();
        long id = result.getLong("results[0].id");
        json(clerk).get("/api/v1/workers/" + id).then().statusCode(200).body("category", equalTo("RELATIVE"));
        return id;
    }

    private int daughter(long file) {
        return json(reviewer).get("/api/v1/workers/" + file).then().statusCode(200).extract().jsonPath()
                .getInt("household.members.find { it.name == '李小雨' }.id");
    }

    private long applied(long file, String project, String amount, Map<String, Object> details) {
        return json(clerk).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("projectCode", project, "workerId", file, "requestedAmount", amount, "details", details))
                .post("/api/v1/applications").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private void paid(long file, String project, String amount, Map<String, Object> details) {
        long application = applied(file, project, amount, details);
        json(reviewer).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("approve", true, "amount", amount, "reason", "符合条件"))
                .post("/api/v1/applications/" + application + "/decision").then().statusCode(200).body("status", equalTo("APPROVED"));
        json(finance).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("applicationId", application, "channel", "CASH", "reference", "RECEIPT-MERGE-" + application))
                .post("/api/v1/payouts").then().statusCode(201).body("status", equalTo("PAID"));
    }

    /** 10,000 more for the story in a project's budget of the year (the demo city may have spent some). */
    private void topUp(String project, int year) {
        Map<String, Object> budget = json(finance).queryParam("year", year).get("/api/v1/budgets").then().statusCode(200)
                .extract().jsonPath().getMap("items.find { it.projectCode == '" + project + "' }");
        BigDecimal allocated = budget == null ? BigDecimal.ZERO : new BigDecimal(budget.get("allocated").toString());
        json(finance).body(Map.of("amount", allocated.add(new BigDecimal("10000.00")).toPlainString()))
                .put("/api/v1/projects/" + project + "/budgets/" + year).then().statusCode(200);
    }

    private static boolean pause() {
        try {
            Thread.sleep(300);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static RequestSpecification json(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }
}
