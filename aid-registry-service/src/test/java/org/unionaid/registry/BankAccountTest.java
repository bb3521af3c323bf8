package org.unionaid.registry;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.common.crypto.SealedValues;
import org.unionaid.registry.crypto.PersonalDataResealing;
import org.unionaid.registry.crypto.SealedColumns;
import org.unionaid.testsupport.PostgresResource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.testsupport.TestTokens.bearer;

/** Bank accounts on files: who sets and reads them, what is refused, masking, history, feed, sealing. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class BankAccountTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String BANK = "招商银行深圳科技园支行";
    /** 19 digits, as most Chinese debit cards: shown as 6222***********0123. */
    private static final String NUMBER = "6222021234567890123";
    private static final String MASKED = "6222***********0123";
    private static final SealedValues CURRENT = Fixtures.CURRENT_KEY;
    private static final SealedValues RETIRED = Fixtures.RETIRED_KEY;

    @Inject
    AgroalDataSource database;

    @Inject
    @Readiness
    PersonalDataResealing resealing;

    private Fixtures.Tree tree;

    @BeforeEach
    void stations() {
        tree = Fixtures.stations();
    }

    private static String account(String bank, String number, String name) {
        return "{\"bankName\":\"" + bank + "\",\"accountNumber\":\"" + number + "\",\"accountName\":\"" + name + "\"}";
    }

    private static ValidatableResponse put(long id, String authorization, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .put("/api/v1/workers/" + id + "/bank-account").then();
    }

    private static ValidatableResponse get(long id, String authorization) {
        return given().header("Authorization", authorization).get("/api/v1/workers/" + id + "/bank-account").then();
    }

    @Test
    void clerksOfTheStationOrAboveAndReviewersSetTheAccountOthersMayNot() {
        long id = Fixtures.pendingFile(tree.community(), idNumber(true));
        put(id, clerkOf(tree.community()), account(BANK, NUMBER, "张三")).statusCode(200)
                .contentType(ContentType.JSON).body("bankName", equalTo(BANK)).body("accountNumber", equalTo(MASKED))
                .body("accountName", equalTo("张三"));
        put(id, clerkOf(tree.district()), account(BANK, "6222021234567890124", "张三")).statusCode(200)
                .body("accountNumber", equalTo("6222***********0124"));
        put(id, REVIEWER, account("中国工商银行", "6212261234567890", "张三")).statusCode(200)
                .body("bankName", equalTo("中国工商银行")).body("accountNumber", equalTo("6212********7890"));
        // another station's file does not exist for a clerk; finance pays and must not say where the money goes
        put(id, clerkOf(tree.otherCommunity()), account(BANK, NUMBER, "张三")).statusCode(404).contentType(PROBLEM);
        put(id, "Bearer " + org.unionaid.testsupport.TestTokens.token("clerk", "NO-SUCH-STATION", "clerk-nowhere"),
                account(BANK, NUMBER, "张三")).statusCode(404).contentType(PROBLEM);
        for (String role : List.of("finance", "admin", "analyst", "service")) {
            put(id, bearer(role), account(BANK, NUMBER, "张三")).statusCode(403).contentType(PROBLEM);
        }
        put(id + 1_000_000, REVIEWER, account(BANK, NUMBER, "张三")).statusCode(404).contentType(PROBLEM);
        // what the refused ones tried did not land
        get(id, bearer("service")).statusCode(200).body("accountNumber", equalTo("6212261234567890"))
                .body("bankName", equalTo("中国工商银行"));
    }

    @Test
    void aServiceReadsTheFullNumberEveryStaffRoleTheMaskedOneAndEachReadIsLogged() {
        long id = Fixtures.pendingFile(tree.community(), idNumber(false));
        get(id, bearer("service")).statusCode(404).contentType(PROBLEM).body("type", endsWith("no-bank-account"));
        get(id, clerkOf(tree.community())).statusCode(404).body("type", endsWith("no-bank-account"));
        put(id, clerkOf(tree.community()), account(BANK, NUMBER, "张三")).statusCode(200);
        get(id, bearer("service")).statusCode(200).contentType(ContentType.JSON)
                .body("bankName", equalTo(BANK)).body("accountNumber", equalTo(NUMBER)).body("accountName", equalTo("张三"));
        for (String authorization : List.of(clerkOf(tree.community()), clerkOf(tree.city()), REVIEWER, bearer("finance"),
                bearer("admin"))) {
            String body = get(id, authorization).statusCode(200).body("accountNumber", equalTo(MASKED))
                    .body("bankName", equalTo(BANK)).body("accountName", equalTo("张三")).extract().asString();
            assertFalse(body.contains(NUMBER.substring(4, 15)), "a staff read shows no hidden digit");
        }
        get(id, clerkOf(tree.otherCommunity())).statusCode(404).contentType(PROBLEM).body("type", endsWith("not-found"));
        get(id, bearer("analyst")).statusCode(403);
        List<Map<String, Object>> log = given().header("Authorization", REVIEWER).queryParam("limit", 200)
                .get("/api/v1/workers/" + id + "/access-log").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.purpose.startsWith('BANK_ACCOUNT') }");
        assertEquals(List.of("BANK_ACCOUNT_SET", "BANK_ACCOUNT_FULL", "BANK_ACCOUNT", "BANK_ACCOUNT", "BANK_ACCOUNT",
                        "BANK_ACCOUNT", "BANK_ACCOUNT"), log.stream().map(e -> e.get("purpose")).toList(),
                "the PUT's answer, the service's full read and each masked read, nothing for reads that found nothing");
        assertEquals("clerk-" + tree.community(), log.get(0).get("actor"));
        assertEquals("test-service", log.get(1).get("actor"));
    }

    private static ValidatableResponse lookup(String authorization, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .post("/api/v1/bank-accounts/lookup").then();
    }

    private List<String> bankAccountReads(long id) {
        return given().header("Authorization", REVIEWER).queryParam("limit", 200).get("/api/v1/workers/" + id + "/access-log")
                .then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.purpose.startsWith('BANK_ACCOUNT') }.purpose", String.class);
    }

    @Test
    void theBulkLookupGivesAServiceTheFullAccountsOfTheFilesThatHaveOneAndLogsEachFileRead() {
        long first = Fixtures.pendingFile(tree.community(), idNumber(true));
        long without = Fixtures.pendingFile(tree.community(), idNumber(false));
        long second = Fixtures.pendingFile(tree.otherCommunity(), idNumber(true));
        put(first, REVIEWER, account(BANK, NUMBER, "张三")).statusCode(200);
        put(second, REVIEWER, account("中国工商银行", "6212261234567890", "张三")).statusCode(200);
        long unknown = second + 1_000_000;

        JsonPath answer = lookup(bearer("service"), "{\"workerIds\":[" + second + "," + unknown + "," + without + "," + first
                + "," + second + "]}").statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        assertEquals(List.of(first, second), answer.getList("items.workerId", Long.class),
                "the files with an account, once each, by id; the one without and the unknown id are absent");
        assertEquals(List.of(NUMBER, "6212261234567890"), answer.getList("items.accountNumber"), "full numbers");
        assertEquals(List.of(BANK, "中国工商银行"), answer.getList("items.bankName"));
        assertEquals(List.of("张三", "张三"), answer.getList("items.accountName"));

        assertEquals(List.of("BANK_ACCOUNT_SET", "BANK_ACCOUNT_FULL"), bankAccountReads(first));
        assertEquals(List.of("BANK_ACCOUNT_SET", "BANK_ACCOUNT_FULL"), bankAccountReads(second), "one row for a file asked twice");
        assertEquals(List.of(), bankAccountReads(without), "nothing was read of a file without an account");
        List<Map<String, Object>> rows = given().header("Authorization", REVIEWER).get("/api/v1/workers/" + first + "/access-log")
                .then().extract().jsonPath().getList("items.findAll { it.purpose == 'BANK_ACCOUNT_FULL' }");
        assertEquals("test-service", rows.get(0).get("actor"));
        assertEquals(false, rows.get(0).get("fullIdNumber"));

        lookup(bearer("service"), "{\"workerIds\":[]}").statusCode(200).body("items", hasSize(0));
    }

    @Test
    void theBulkLookupIsForServicesOnly() {
        long id = Fixtures.pendingFile(tree.community(), idNumber(false));
        put(id, REVIEWER, account(BANK, NUMBER, "张三")).statusCode(200);
        for (String authorization : List.of(clerkOf(tree.community()), REVIEWER, bearer("finance"), bearer("admin"),
                bearer("analyst"))) {
            String body = lookup(authorization, "{\"workerIds\":[" + id + "]}").statusCode(403).contentType(PROBLEM)
                    .extract().asString();
            assertFalse(body.contains(NUMBER.substring(4)), body);
        }
        given().contentType(ContentType.JSON).body("{\"workerIds\":[" + id + "]}").post("/api/v1/bank-accounts/lookup")
                .then().statusCode(401);
        assertEquals(List.of("BANK_ACCOUNT_SET"), bankAccountReads(id), "a refused lookup read nothing");
    }

    @Test
    void theBulkLookupTakesAtMostAThousandIdsAndRefusesBadOnesWithA400() {
        long id = Fixtures.pendingFile(tree.community(), idNumber(true));
        put(id, REVIEWER, account(BANK, NUMBER, "张三")).statusCode(200);
        List<Long> thousand = new ArrayList<>();
        thousand.add(id);
        for (long i = 1; thousand.size() < 1000; i++) {
            thousand.add(id + 10_000_000 + i);
        }
        lookup(bearer("service"), "{\"workerIds\":" + thousand + "}").statusCode(200)
                .body("items.workerId", contains((int) id)).body("items.accountNumber", contains(NUMBER));
        thousand.add(id + 20_000_000);
        lookup(bearer("service"), "{\"workerIds\":" + thousand + "}").statusCode(400).contentType(PROBLEM)
                .body("violations.field", contains("workerIds"));
        for (String bad : List.of("[0]", "[-3]", "[null]", "[\"x\"]", "[99999999999999999999999]", "null", "{}",
                "\"1\"")) {
            var refused = given().header("Authorization", bearer("service")).contentType(ContentType.JSON)
                    .body("{\"workerIds\":" + bad + "}").post("/api/v1/bank-accounts/lookup");
            assertEquals(400, refused.statusCode(), bad);
            refused.then().contentType(PROBLEM).body("violations.field", hasSize(1));
        }
        lookup(bearer("service"), "{}").statusCode(400).contentType(PROBLEM).body("violations.field", contains("workerIds"));
        lookup(bearer("service"), "{\"workerIds\":[1],\"ids\":[2]}").statusCode(400).contentType(PROBLEM);
        lookup(bearer("service"), "[1,2]").statusCode(400).contentType(PROBLEM);
        assertEquals(List.of("BANK_ACCOUNT_SET", "BANK_ACCOUNT_FULL"), bankAccountReads(id), "refused lookups read nothing");
    }

    @Test
    void theFileShowsTheAccountMaskedToEveryRoleAndNullWithoutOne() {
        long id = Fixtures.pendingFile(tree.community(), idNumber(true));
        given().header("Authorization", clerkOf(tree.community())).get("/api/v1/workers/" + id).then().statusCode(200)
                .body("$", hasKey("bankAccount")).body("bankAccount", nullValue());
        String before = given().header("Authorization", clerkOf(tree.community())).get("/api/v1/workers/" + id)
                .then().extract().header("ETag");
        put(id, clerkOf(tree.community()), account(BANK, NUMBER, "张三")).statusCode(200);
        for (String authorization : List.of(clerkOf(tree.community()), REVIEWER, bearer("finance"), bearer("admin"),
                bearer("service"))) {
            String body = given().header("Authorization", authorization).get("/api/v1/workers/" + id).then().statusCode(200)
                    .body("bankAccount.bankName", equalTo(BANK)).body("bankAccount.accountNumber", equalTo(MASKED))
                    .body("bankAccount.accountName", equalTo("张三")).extract().asString();
            assertFalse(body.contains(NUMBER), "the file's view never carries the full number");
        }
        // the file's representation changed: an update with the ETag read before gets 412
        String after = given().header("Authorization", clerkOf(tree.community())).get("/api/v1/workers/" + id)
                .then().extract().header("ETag");
        assertNotEquals(before, after);
        given().header("Authorization", clerkOf(tree.community())).header("If-Match", before).contentType(ContentType.JSON)
                .body("{\"phone\":\"13900000001\"}").patch("/api/v1/workers/" + id).then().statusCode(412);
    }

    @Test
    void shortNumbersShowOnlyTheirLastFourDigitsSoThatEightStayHidden() {
        long id = Fixtures.pendingFile(tree.community(), idNumber(false));
        put(id, REVIEWER, account(BANK, "123456789012", "张三")).statusCode(200).body("accountNumber", equalTo("********9012"));
        put(id, REVIEWER, account(BANK, "123456789012345", "张三")).statusCode(200)
                .body("accountNumber", equalTo("***********2345"));
        put(id, REVIEWER, account(BANK, "1234567890123456", "张三")).statusCode(200)
                .body("accountNumber", equalTo("1234********3456"));
        String thirty = "123456789012345678901234567890";
        put(id, REVIEWER, account(BANK, thirty, "张三")).statusCode(200)
                .body("accountNumber", equalTo("1234**********************7890"));
        get(id, bearer("service")).statusCode(200).body("accountNumber", equalTo(thirty));
    }

    @Test
    void refusesNumbersOfTheWrongLengthOrWithOtherCharactersAndBadTextNamingTheFieldWithoutEchoingIt() {
        long id = Fixtures.pendingFile(tree.community(), idNumber(true));
        String clerk = clerkOf(tree.community());
        for (String number : List.of("62220212345", "6222021234567890123456789012345", "62220212345678A0123",
                "6222 0212 3456 7890", "６２２２０２１２３４５６７８９０", "-622202123456789")) {
            String body = put(id, clerk, account(BANK, number, "张三")).statusCode(400).contentType(PROBLEM)
                    .body("violations.field", contains("accountNumber")).extract().asString();
            assertFalse(body.contains(number), "the refused number is not echoed");
        }
        put(id, clerk, account(BANK, "6222021234\\u0000567890", "张三")).statusCode(400).contentType(PROBLEM)
                .body("violations.field", contains("accountNumber"));
        for (String bank : List.of("招商银行\\u0000", "招商银行\\n深圳", "招商\\u200b银行", "=HYPERLINK(\\\"x\\\")", " +1", "")) {
            put(id, clerk, account(bank, NUMBER, "张三")).statusCode(400).contentType(PROBLEM)
                    .body("violations.field", contains("bankName"));
        }
        put(id, clerk, account("银".repeat(101), NUMBER, "张三")).statusCode(400).body("violations.field", contains("bankName"));
        put(id, clerk, "{\"bankName\":\"" + BANK + "\",\"accountNumber\":\"" + NUMBER + "\"}").statusCode(400)
                .body("violations.field", contains("accountName"));
        put(id, clerk, account(BANK, NUMBER, "张三\\t")).statusCode(400).body("violations.field", contains("accountName"));
        put(id, clerk, "{\"bankName\":\"" + BANK + "\",\"accountNumber\":\"" + NUMBER + "\",\"accountName\":\"张三\","
                + "\"accountName\":\"李四\"}").statusCode(400).contentType(PROBLEM);
        put(id, clerk, "{\"bankName\":\"" + BANK + "\",\"accountNumber\":\"" + NUMBER + "\",\"accountName\":\"张三\","
                + "\"iban\":\"x\"}").statusCode(400).body("violations.field", contains("iban"));
        // someone else's account: refused, and neither name nor the number is in the answer
        String mismatch = put(id, clerk, account(BANK, NUMBER, "王五")).statusCode(422).contentType(PROBLEM)
                .body("type", endsWith("account-name-mismatch")).extract().asString();
        assertFalse(mismatch.contains("王五") || mismatch.contains("张三") || mismatch.contains(NUMBER), mismatch);
        given().header("Authorization", clerk).header("Accept-Language", "zh").contentType(ContentType.JSON)
                .body(account(BANK, NUMBER, "王五")).put("/api/v1/workers/" + id + "/bank-account").then()
                .statusCode(422).body("title", equalTo("户名与档案姓名不符"));
        get(id, bearer("service")).statusCode(404).body("type", endsWith("no-bank-account"));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id + "/history").then().statusCode(200)
                .body("items.findAll { it.action == 'BANK_ACCOUNT' }", hasSize(0));
        // padded but otherwise right: trimmed
        put(id, clerk, account(" " + BANK + " ", NUMBER, " 张三 ")).statusCode(200).body("bankName", equalTo(BANK))
                .body("accountName", equalTo("张三"));
    }

    @Test
    void aClosedFileTakesNoAccount() {
        long id = Fixtures.pendingFile(tree.community(), idNumber(false));
        Fixtures.transition(id, clerkOf(tree.community()), "{\"to\":\"CANCELLED\",\"reason\":\"duplicate\"}").statusCode(200);
        put(id, clerkOf(tree.community()), account(BANK, NUMBER, "张三")).statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("file-closed"));
    }

    @Test
    void anActiveFilesAccountIsSetByItsClerkAndEachChangeIsAHistoryEntryWithBeforeAndAfterMasked() {
        long id = Fixtures.activeFile(tree.community(), idNumber(true));
        String clerk = clerkOf(tree.community());
        put(id, clerk, account(BANK, NUMBER, "张三")).statusCode(200);
        put(id, clerk, account(BANK, NUMBER, "张三")).statusCode(200).body("accountNumber", equalTo(MASKED));
        put(id, REVIEWER, account("中国建设银行", "436742123456789012", "张三")).statusCode(200);
        JsonPath history = given().header("Authorization", clerk).get("/api/v1/workers/" + id + "/history").then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> entries = history.getList("items.findAll { it.action == 'BANK_ACCOUNT' }");
        assertEquals(2, entries.size(), "setting the account it has is no change: " + entries);
        assertEquals("clerk-" + tree.community(), entries.get(0).get("actor"));
        assertEquals(List.of("bankAccount"), entries.get(0).get("changedFields"));
        assertNull(history.get("items.find { it.action == 'BANK_ACCOUNT' }.bankAccount.before"), "the first has none before");
        assertEquals(Map.of("bankName", BANK, "accountNumber", MASKED, "accountName", "张三"),
                history.<Map<String, Object>>get("items.find { it.action == 'BANK_ACCOUNT' }.bankAccount.after"));
        assertEquals("reviewer-wang", entries.get(1).get("actor"));
        assertEquals(Map.of("before", Map.of("bankName", BANK, "accountNumber", MASKED, "accountName", "张三"),
                        "after", Map.of("bankName", "中国建设银行", "accountNumber", "4367**********9012", "accountName", "张三")),
                entries.get(1).get("bankAccount"));
        assertNull(history.get("items.find { it.action == 'CREATED' }.bankAccount"), "other entries carry none");
        String text = given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id + "/history").then()
                .extract().asString();
        assertFalse(text.contains(NUMBER) || text.contains("436742123456789012"), "history answers mask every number");
    }

    @Test
    void concurrentChangesOfOneAccountAreOneAfterTheOtherInTheHistory() throws Exception {
        long id = Fixtures.pendingFile(tree.community(), idNumber(false));
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String number = "62220212345678900" + i;
            Callable<Integer> call = () -> {
                start.await();
                return put(id, clerkOf(tree.community()), account(BANK, number, "张三")).extract().statusCode();
            };
            results.add(pool.submit(call));
        }
        start.countDown();
        for (Future<Integer> result : results) {
            assertEquals(200, result.get());
        }
        pool.shutdown();
        List<Map<String, Map<String, Object>>> changes = given().header("Authorization", REVIEWER)
                .get("/api/v1/workers/" + id + "/history").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.action == 'BANK_ACCOUNT' }.bankAccount");
        assertEquals(threads, changes.size());
        assertEquals(null, changes.get(0).get("before"), "one first account");
        for (int i = 1; i < threads; i++) {
            assertEquals(changes.get(i - 1).get("after"), changes.get(i).get("before"), "each change starts where the one before ended");
        }
        String last = get(id, bearer("service")).statusCode(200).extract().jsonPath().getString("accountNumber");
        assertEquals(org.unionaid.registry.domain.AccountNumbers.mask(last), changes.get(threads - 1).get("after").get("accountNumber"),
                "the account is the last change's");
    }

    @Test
    void theWorkerFeedCarriesNoBankDetails() {
        long id = Fixtures.activeFile(tree.community(), idNumber(true));
        long seen = feedEnd();
        put(id, clerkOf(tree.community()), account(BANK, NUMBER, "张三")).statusCode(200);
        // a later change of the file puts its state on the feed again
        Fixtures.transition(id, REVIEWER, "{\"to\":\"EXITED\",\"exitReason\":\"DEATH\",\"reason\":\"x\"}").statusCode(200);
        var feed = given().header("Authorization", bearer("service")).queryParam("after", seen).queryParam("limit", 1000)
                .get("/api/v1/feed/workers").then().statusCode(200).extract();
        String body = feed.asString();
        assertFalse(body.contains(NUMBER) || body.contains(NUMBER.substring(15)) || body.contains("招商"), "bank details in the feed");
        List<Map<String, Object>> items = feed.jsonPath().getList("items.findAll { it.fileId == " + id + " }");
        assertEquals(List.of("EXITED"), items.stream().map(i -> i.get("status")).toList(),
                "setting the account changes nothing the feed carries: no item of its own");
        assertEquals(Set.of("seq", "fileId", "status", "category", "mainCause", "otherCauses", "stationCode",
                "enterpriseId", "migrantWorker", "createdOn", "activatedOn", "exitedOn", "exitReason", "mergedInto", "changedAt"),
                items.get(0).keySet(), "the contract's fields and none other");
    }

    /** The feed's last sequence number now. */
    private static long feedEnd() {
        long seen = 0;
        while (true) {
            long last = given().header("Authorization", bearer("service")).queryParam("after", seen).queryParam("limit", 1000)
                    .get("/api/v1/feed/workers").then().statusCode(200).extract().jsonPath().getLong("lastSeq");
            if (last == seen) {
                return seen;
            }
            seen = last;
        }
    }

    @Test
    void theAccountAndItsHistoryAreSealedAtRestAndSealedAgainAfterAKeyRotation() throws Exception {
        long id = Fixtures.pendingFile(tree.community(), idNumber(false));
        put(id, clerkOf(tree.community()), account(BANK, NUMBER, "张三")).statusCode(200);
        for (String table : List.of("bank_account", "file_event", "file_access", "hardship_file", "worker_feed")) {
            assertFalse(anyRowHolds(table, NUMBER.substring(4, 15)), table + " holds the account number's hidden digits");
            assertFalse(anyRowHolds(table, "科技园"), table + " holds the bank's name");
        }
        List<Sealed> values = List.of(new Sealed("bank_account", "account_enc", "file_id = " + id, SealedColumns.BANK_ACCOUNT),
                new Sealed("file_event", "bank_account_enc", "file_id = " + id + " AND action = 'BANK_ACCOUNT'",
                        SealedColumns.EVENT_BANK_ACCOUNT));
        for (Sealed value : values) {
            byte[] plain = CURRENT.open(read(value), value.purpose());
            assertTrue(new String(plain, StandardCharsets.UTF_8).contains(NUMBER), value + " holds the full number, sealed");
            write(value, RETIRED.seal(plain, value.purpose()));
        }
        // still read while only the previous key opens them
        get(id, bearer("service")).statusCode(200).body("accountNumber", equalTo(NUMBER));
        assertTrue(resealing.runNow() >= values.size(), "each sealed again");
        for (Sealed value : values) {
            assertTrue(new String(CURRENT.open(read(value), value.purpose()), StandardCharsets.UTF_8).contains(NUMBER),
                    value + " opens under the current key alone");
        }
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id + "/history").then().statusCode(200)
                .body("items.find { it.action == 'BANK_ACCOUNT' }.bankAccount.after.accountNumber", equalTo(MASKED));
        // only sealed values go in
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            assertThrowsSql(() -> s.executeUpdate("UPDATE bank_account SET account_enc = convert_to('" + NUMBER
                    + "', 'UTF8') WHERE file_id = " + id));
            assertThrowsSql(() -> s.executeUpdate("UPDATE file_event SET bank_account_enc = convert_to('" + NUMBER
                    + "', 'UTF8') WHERE file_id = " + id));
        }
    }

    @Test
    void noAccountNumberReachesTheLogs() throws Exception {
        long id = Fixtures.pendingFile(tree.community(), idNumber(true));
        String number = "62220299" + String.format("%011d", id % 100_000_000_000L);
        put(id, clerkOf(tree.community()), account(BANK, number, "张三")).statusCode(200);
        put(id, clerkOf(tree.community()), account(BANK, number + "9", "王五")).statusCode(422);
        get(id, bearer("service")).statusCode(200).body("accountNumber", equalTo(number));
        String log = Files.readString(Path.of("target/quarkus-test.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("Installed features"), "the log was written");
        assertFalse(log.contains(number), "an account number was logged");
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static void assertThrowsSql(SqlAction action) {
        try {
            action.run();
        } catch (SQLException refused) {
            return;
        }
        throw new AssertionError("the database let a plain value into a sealed column");
    }

    private record Sealed(String table, String column, String where, String purpose) {
    }

    private byte[] read(Sealed value) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + value.column() + " FROM " + value.table() + " WHERE " + value.where())) {
            assertTrue(rs.next(), value.toString());
            byte[] stored = rs.getBytes(1);
            assertFalse(rs.next(), "one row: " + value);
            return stored;
        }
    }

    private void write(Sealed value, byte[] sealed) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement update = c.prepareStatement(
                "UPDATE " + value.table() + " SET " + value.column() + " = ? WHERE " + value.where())) {
            update.setBytes(1, sealed);
            assertEquals(1, update.executeUpdate(), value.toString());
        }
    }

    /** Whether some row of the table holds the text, in any column, bytea read as its bytes. */
    private boolean anyRowHolds(String table, String text) throws SQLException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT * FROM " + table)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    byte[] value = rows.getMetaData().getColumnType(i) == java.sql.Types.BINARY
                            ? rows.getBytes(i) : (rows.getString(i) == null ? null : rows.getString(i).getBytes(StandardCharsets.UTF_8));
                    if (value != null && new String(value, StandardCharsets.ISO_8859_1)
                            .contains(new String(needle, StandardCharsets.ISO_8859_1))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
