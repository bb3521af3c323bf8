package org.unionaid.registry;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.common.crypto.SealedValues;
import org.unionaid.registry.crypto.PersonalDataResealing;
import org.unionaid.registry.crypto.PersonalDataCipher;
import org.unionaid.testsupport.PostgresResource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.registry.Fixtures.worker;
import static org.unionaid.testsupport.TestTokens.bearer;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class PrivacyAndScopeTest {

    @Inject
    AgroalDataSource database;

    @Inject
    PersonalDataCipher cipher;

    @Inject
    @Readiness
    PersonalDataResealing resealing;

    /** The %test profile's data key, and the one it lists as previous (sealed values from before a rotation). */
    private static final SealedValues CURRENT = SealedValues.of(SealedValues.key("dGVzdC1vbmx5LWRhdGEta2V5LW5vdC1mb3ItcHJvZCE=", "current"));
    private static final SealedValues RETIRED = SealedValues.of(SealedValues.key("YS1yZXRpcmVkLWtleS1vZi0zMi1ieXRlcy1sb25nISE=", "retired"));

    private Fixtures.Tree tree;

    @BeforeEach
    void stations() {
        tree = Fixtures.stations();
    }

    @Test
    void aClerkOfAnotherStationGetsNotFoundWhileTheStationAboveSeesTheFile() {
        long id = Fixtures.pendingFile(tree.community(), idNumber(true));
        given().header("Authorization", clerkOf(tree.otherCommunity())).get("/api/v1/workers/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", clerkOf(tree.otherCommunity())).get("/api/v1/workers/" + id + "/history")
                .then().statusCode(404);
        given().header("Authorization", clerkOf(tree.otherCommunity())).contentType(ContentType.JSON)
                .body("{\"to\":\"CANCELLED\",\"reason\":\"x\"}").post("/api/v1/workers/" + id + "/transitions")
                .then().statusCode(404);
        given().header("Authorization", clerkOf(tree.otherCommunity())).queryParam("limit", 200)
                .get("/api/v1/workers").then().statusCode(200).body("items.id", not(hasItem((int) id)));
        given().header("Authorization", clerkOf(tree.district())).get("/api/v1/workers/" + id)
                .then().statusCode(200).body("stationCode", equalTo(tree.community()));
    }

    @Test
    void aClerkSeesTheIdNumberMaskedAndAReviewersFullReadIsLogged() {
        String idNumber = idNumber(false);
        long id = Fixtures.pendingFile(tree.community(), idNumber);
        given().header("Authorization", clerkOf(tree.community())).get("/api/v1/workers/" + id)
                .then().statusCode(200).body("idNumber", equalTo("*".repeat(14) + idNumber.substring(14)));
        given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body("{\"idNumber\":\"" + idNumber + "\"}").post("/api/v1/workers/lookup")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].idNumber", not(containsString(idNumber)));
        given().header("Authorization", bearer("service")).get("/api/v1/workers/" + id)
                .then().statusCode(200).body("idNumber", not(equalTo(idNumber))).body("household.size", equalTo(3));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id)
                .then().statusCode(200).body("idNumber", equalTo(idNumber));
        given().header("Authorization", REVIEWER).queryParam("station", tree.community())
                .get("/api/v1/workers").then().statusCode(200)
                .body("items.idNumber", hasItem("*".repeat(14) + idNumber.substring(14)))
                .body("items.idNumber", not(hasItem(idNumber)));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id + "/access-log")
                .then().statusCode(200).body("items.findAll { it.fullIdNumber }", hasSize(1))
                .body("items.find { it.fullIdNumber }.actor", equalTo("reviewer-wang"))
                .body("items.find { it.fullIdNumber }.purpose", equalTo("VIEW"));
    }

    @Test
    void eachReadOfAFileAddsOneJournalRowMarkedFullOnlyForReviewers() {
        String idNumber = idNumber(true);
        long id = Fixtures.pendingFile(tree.community(), idNumber);
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", bearer("finance")).get("/api/v1/workers/" + id)
                    .then().statusCode(200).header("ETag", notNullValue())
                    .body("idNumber", equalTo("*".repeat(14) + idNumber.substring(14)))
                    .body("household.size", equalTo(3)).body("household.yearlyIncome", equalTo("24000.00")).body("perCapitaMonthlyIncome", equalTo("500.00"))
                    .body("household.members.name", hasItem("李四"));
        }
        assertEquals(3, accessRows(id), "the entry and each masked read are journalled");
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id)
                    .then().statusCode(200).body("idNumber", equalTo(idNumber)).body("household.size", equalTo(3));
        }
        assertEquals(5, accessRows(id), "each full read is journalled once");
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + (id + 1_000_000))
                .then().statusCode(404).contentType("application/problem+json");
        assertEquals(0, accessRows(id + 1_000_000), "a file that does not exist leaves no journal row");
    }

    private long accessRows(long fileId) {
        try (Connection c = database.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM file_access WHERE file_id = " + fileId)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void afterADataKeyRotationAFileSealedWithThePreviousKeyIsStillReadInFull() throws Exception {
        String idNumber = idNumber(true);
        long id = Fixtures.pendingFile(tree.community(), idNumber);
        // the file as it was stored before the rotation: both values sealed with the key that is now
        // the %test profile's previous-data-keys
        sealAgain(id, RETIRED);
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id)
                .then().statusCode(200).body("idNumber", equalTo(idNumber))
                .body("household.yearlyIncome", equalTo("24000.00")).body("household.members.name", hasItem("李四"));
        given().header("Authorization", bearer("finance")).get("/api/v1/workers/" + id)
                .then().statusCode(200).body("idNumber", equalTo("*".repeat(14) + idNumber.substring(14)));
    }

    @Test
    void afterADataKeyRotationEveryValueOnlyAPreviousKeyOpensIsSealedAgainUnderTheCurrentKey() throws Exception {
        String idNumber = idNumber(true);
        long id = Fixtures.pendingFile(tree.community(), idNumber);
        sealAgain(id, RETIRED);
        long damaged = Fixtures.pendingFile(tree.community(), idNumber(false));
        byte[][] asStored = sealedValues(damaged);
        sealAgain(damaged, SealedValues.of("a-key-this-service-never-had!!!!".getBytes(StandardCharsets.US_ASCII)));
        try {
            assertTrue(resealing.runNow() >= 2, "both values of the file sealed again");
            byte[][] now = sealedValues(id);
            assertEquals(idNumber, new String(CURRENT.open(now[0], "hardship_file.id_number"), StandardCharsets.UTF_8),
                    "opens under the current key alone");
            assertTrue(new String(CURRENT.open(now[1], "hardship_file.household"), StandardCharsets.UTF_8).contains("24000"));
            given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id)
                    .then().statusCode(200).body("idNumber", equalTo(idNumber)).body("household.yearlyIncome", equalTo("24000.00"));
            assertEquals(0, resealing.runNow(), "a second run finds nothing to do");
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'sealed values' }.data.state", equalTo("DONE"))
                    .body("checks.find { it.name == 'sealed values' }.data.valuesUnreadable", not(equalTo("0")));
        } finally {
            // a value no key opens is left as it was found; other tests list every file
            try (Connection c = database.getConnection();
                 var update = c.prepareStatement("UPDATE hardship_file SET id_number_enc = ?, household_enc = ? WHERE id = ?")) {
                update.setBytes(1, asStored[0]);
                update.setBytes(2, asStored[1]);
                update.setLong(3, damaged);
                assertEquals(1, update.executeUpdate());
            }
        }
    }

    @Test
    void noTableHoldsTheIdNumberItsBirthDateIncomeMemberNamesOrBankAccountInPlaintext() throws Exception {
        String idNumber = idNumber(true);
        String birthDate = org.unionaid.common.identity.IdNumbers.birthDate(idNumber).toString();
        long id = Fixtures.activeFile(tree.community(), idNumber);
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then().statusCode(200);
        given().header("Authorization", clerkOf(tree.community())).queryParam("station", tree.community())
                .get("/api/v1/workers").then().statusCode(200);
        given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body("{\"household\":{\"yearlyIncome\":\"24000.00\",\"rigidCosts\":\"6000.00\",\"members\":["
                        + "{\"id\":1,\"relation\":\"SPOUSE\",\"name\":\"李四\",\"birthDate\":\"1972-05-01\",\"ill\":true}]}}")
                .post("/api/v1/workers/" + id + "/reviews").then().statusCode(201);
        // a change request proposes a household (its values sealed), applied: the history keeps old and new sealed
        long request = given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body("{\"changes\":{\"household\":{\"yearlyIncome\":\"24000.00\",\"rigidCosts\":\"6000.00\",\"members\":["
                        + "{\"id\":1,\"relation\":\"SPOUSE\",\"name\":\"李四\",\"birthDate\":\"1972-05-01\",\"ill\":true},"
                        + "{\"relation\":\"CHILD\",\"name\":\"王小五\",\"birthDate\":\"2012-03-01\"}]}},\"reason\":\"孙子王小五随住\"}")
                .post("/api/v1/workers/" + id + "/change-requests").then().statusCode(201).extract().jsonPath().getLong("id");
        given().header("Authorization", REVIEWER).contentType(ContentType.JSON).body("{\"approve\":true,\"reason\":\"入户核实王小五\"}")
                .post("/api/v1/change-requests/" + request + "/decision").then().statusCode(200);
        String accountNumber = "6217" + String.format("%015d", id);
        for (String number : List.of("6222021234567890123", accountNumber)) {
            given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                    .body("{\"bankName\":\"中国农业银行海淀支行\",\"accountNumber\":\"" + number + "\",\"accountName\":\"张三\"}")
                    .put("/api/v1/workers/" + id + "/bank-account").then().statusCode(200);
        }
        given().header("Authorization", bearer("service")).get("/api/v1/workers/" + id + "/bank-account")
                .then().statusCode(200).body("accountNumber", equalTo(accountNumber));
        List<String> tables = tables();
        assertTrue(tables.containsAll(List.of("hardship_file", "file_event", "file_access", "file_check", "worker_feed",
                "station_feed", "enterprise", "minimum_living_standard", "station", "bank_account", "change_request", "file_review")),
                "every table is searched: " + tables);
        for (String table : tables) {
            assertEquals(List.of(), columnsHolding(table, idNumber), table + " holds the ID number in plaintext");
            assertEquals(List.of(), columnsHolding(table, idNumber.substring(6, 17)), table + " holds most of the ID number");
            assertEquals(List.of(), columnsHolding(table, idNumber.substring(6, 14)), table + " holds the birth date (the masked digits)");
            assertEquals(List.of(), datesHolding(table, birthDate), table + " holds the head's birth date, which unmasks the ID number");
            assertEquals(List.of(), columnsHolding(table, "24000"), table + " holds the income in plaintext");
            assertEquals(List.of(), columnsHolding(table, "6000.00"), table + " holds the costs in plaintext");
            assertEquals(List.of(), columnsHolding(table, "李四"), table + " holds a member's name in plaintext");
            assertEquals(List.of(), columnsHolding(table, "王小五"), table + " holds a proposed member, a request's or a decision's reason in plaintext");
            assertEquals(List.of(), columnsHolding(table, "2012-03-01"), table + " holds a proposed member's birth date in plaintext");
            assertEquals(List.of(), columnsHolding(table, accountNumber), table + " holds the bank account number in plaintext");
            assertEquals(List.of(), columnsHolding(table, accountNumber.substring(4, 15)), table + " holds the account number's hidden digits");
            assertEquals(List.of(), columnsHolding(table, "6222021234567890123"), table + " holds the account before the change");
            assertEquals(List.of(), columnsHolding(table, "海淀支行"), table + " holds the bank's name in plaintext");
        }
        assertTrue(columnsHolding("hardship_file", String.valueOf(id)).contains("id"), "the search does read the file");
        assertTrue(datesHolding("hardship_file", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusYears(1).toString())
                .contains("next_review_due"), "the search does read dates");
    }

    @Test
    void noTableHoldsAPhoneNumberACheckNoteATransitionReasonOrAReviewNoteInPlaintext() throws Exception {
        long id = Fixtures.pendingFile(tree.community(), idNumber(true));
        String phone = String.format("139%08d", id % 100_000_000);
        String note = "家中有重病患者，每月药费两千";
        String reason = "户主失业，妻子患尿毒症需透析";
        String reviewNote = "复核：孩子辍学打工补贴家用";
        String clerk = clerkOf(tree.community());
        String etag = given().header("Authorization", clerk).get("/api/v1/workers/" + id).then().extract().header("ETag");
        given().header("Authorization", clerk).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"phone\":\"" + phone + "\"}").patch("/api/v1/workers/" + id).then().statusCode(200)
                .body("phone", equalTo(phone));
        given().header("Authorization", clerk).contentType(ContentType.JSON)
                .body("{\"step\":\"HOME_VISIT\",\"passed\":true,\"consentSigned\":true,\"note\":\"" + note + "\"}")
                .post("/api/v1/workers/" + id + "/checks").then().statusCode(201).body("note", equalTo(note));
        given().header("Authorization", clerk).contentType(ContentType.JSON)
                .body("{\"to\":\"CANCELLED\",\"reason\":\"" + reason + "\"}").post("/api/v1/workers/" + id + "/transitions")
                .then().statusCode(200).body("statusReason", equalTo(reason)).body("phone", equalTo(phone));
        long active = Fixtures.activeFile(tree.community(), idNumber(false));
        given().header("Authorization", clerk).contentType(ContentType.JSON)
                .body("{\"household\":{\"yearlyIncome\":\"24000.00\",\"rigidCosts\":\"6000.00\",\"members\":[]},"
                        + "\"note\":\"" + reviewNote + "\"}")
                .post("/api/v1/workers/" + active + "/reviews").then().statusCode(201);

        // each is read back where it belongs
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then().statusCode(200)
                .body("phone", equalTo(phone)).body("statusReason", equalTo(reason));
        given().header("Authorization", clerk).get("/api/v1/workers/" + id + "/checks").then().statusCode(200)
                .body("items.note", hasItem(note));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id + "/history").then().statusCode(200)
                .body("items.find { it.action == 'TRANSITION' }.reason", equalTo(reason))
                .body("items.find { it.action == 'UPDATED' }.changedFields", equalTo(List.of("phone")));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + active + "/history").then().statusCode(200)
                .body("items.find { it.action == 'REVIEW' }.reason", equalTo("ELIGIBLE"))
                .body("items.find { it.action == 'REVIEW' }.note", equalTo(reviewNote));

        for (String table : tables()) {
            assertEquals(List.of(), columnsHolding(table, phone), table + " holds the new phone number in plaintext");
            assertEquals(List.of(), columnsHolding(table, "13800000000"), table + " holds the phone number entered first");
            assertEquals(List.of(), columnsHolding(table, "重病患者"), table + " holds a check's note in plaintext");
            assertEquals(List.of(), columnsHolding(table, "尿毒症"), table + " holds a transition's reason in plaintext");
            assertEquals(List.of(), columnsHolding(table, "辍学"), table + " holds a review's note in plaintext");
        }
        assertTrue(columnsHolding("hardship_file", "张三").contains("name"),
                "the search does read text columns (the head's name stays in the clear for search)");
    }

    /** Every table of the registry's schema but Flyway's own. */
    private List<String> tables() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                     + " AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history' ORDER BY table_name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /** The date columns of a table in which some row holds {@code date} (yyyy-mm-dd). */
    private List<String> datesHolding(String table, String date) throws Exception {
        Set<String> found = new TreeSet<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData columns = rows.getMetaData();
            while (rows.next()) {
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    if (columns.getColumnType(i) == Types.DATE && date.equals(rows.getString(i))) {
                        found.add(columns.getColumnName(i));
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    @Test
    void noFullIdNumberOrNameReachesTheLogs() throws Exception {
        String idNumber = idNumber(true);
        String name = "欧阳" + tree.community();
        // Entered at once, so that the database's unique index, not the service's check, refuses some.
        List<Integer> statuses = concurrentEntries(worker(idNumber, tree.community(), "24000.00", "6000.00")
                .replace("张三", name), 6);
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "exactly one created: " + statuses);
        given().header("Authorization", REVIEWER).contentType(ContentType.JSON)
                .body("{\"idNumber\":\"" + idNumber + "\"}").post("/api/v1/workers/lookup").then().statusCode(200);
        Path log = Path.of("target/quarkus-test.log");
        assertTrue(Files.exists(log), "the test run writes its log to " + log.toAbsolutePath());
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(text.contains("Installed features"), "the log was written");
        assertFalse(text.contains(idNumber), "an ID number was logged");
        assertFalse(text.contains(name), "a name was logged");
    }

    @Test
    void twoConcurrentEntriesOfOneIdNumberLeaveExactlyOneFile() throws Exception {
        Fixtures.minimumLivingStandard();
        for (int round = 0; round < 3; round++) {
            String idNumber = idNumber(round % 2 == 0);
            int threads = 8;
            List<Integer> statuses = concurrentEntries(worker(idNumber, tree.community(), "24000.00", "6000.00"), threads);
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "exactly one created: " + statuses);
            assertEquals(threads - 1, statuses.stream().filter(s -> s == 409).count(), "the others 409: " + statuses);
            given().header("Authorization", REVIEWER).contentType(ContentType.JSON)
                    .body("{\"idNumber\":\"" + idNumber + "\"}").post("/api/v1/workers/lookup")
                    .then().body("items", hasSize(1));
        }
    }

    private List<Integer> concurrentEntries(String body, int threads) throws Exception {
        Fixtures.minimumLivingStandard();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Callable<Integer> post = () -> {
                start.await();
                return given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                        .body(body).post("/api/v1/workers").then().extract().statusCode();
            };
            results.add(pool.submit(post));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();
        return statuses;
    }

    @Test
    void concurrentUpdatesWithOneEtagChangeTheFileOnce() throws Exception {
        long id = Fixtures.pendingFile(tree.community(), idNumber(false));
        String etag = given().header("Authorization", clerkOf(tree.community())).get("/api/v1/workers/" + id)
                .then().extract().header("ETag");
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String phone = "1390000000" + i;
            results.add(pool.submit(() -> {
                start.await();
                return given().header("Authorization", clerkOf(tree.community())).header("If-Match", etag)
                        .contentType(ContentType.JSON).body("{\"phone\":\"" + phone + "\"}")
                        .patch("/api/v1/workers/" + id).then().extract().statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "one update wins: " + statuses);
        assertEquals(threads - 1, statuses.stream().filter(s -> s == 412).count(), "the others are stale: " + statuses);
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id + "/history")
                .then().body("items.findAll { it.action == 'UPDATED' }", hasSize(1));
    }

    @Test
    void listsActiveFilesWhoseYearlyReviewIsDue() throws Exception {
        long due = Fixtures.activeFile(tree.community(), idNumber(true));
        long fresh = Fixtures.activeFile(tree.community(), idNumber(false));
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE hardship_file SET next_review_due = current_date - 30, last_reviewed_at = now() - interval '13 months' WHERE id = " + due);
        }
        given().header("Authorization", clerkOf(tree.community())).queryParam("reviewDue", true).queryParam("limit", 200)
                .get("/api/v1/workers").then().statusCode(200)
                .body("items.id", hasItem((int) due))
                .body("items.id", not(hasItem((int) fresh)));
    }

    @Test
    void theWorkerFeedCarriesReportableStateButNoPersonalDataAndOnlyForServices() {
        String idNumber = idNumber(true);
        long id = Fixtures.activeFile(tree.community(), idNumber);
        given().header("Authorization", clerkOf(tree.community())).get("/api/v1/feed/workers").then().statusCode(403);
        var feed = given().header("Authorization", bearer("service")).queryParam("limit", 1000)
                .get("/api/v1/feed/workers").then().statusCode(200).extract();
        String body = feed.asString();
        assertFalse(body.contains(idNumber));
        assertFalse(body.contains("张三"));
        List<Integer> ids = feed.jsonPath().getList("items.fileId");
        List<String> statuses = feed.jsonPath().getList("items.findAll { it.fileId == " + id + " }.status");
        assertTrue(ids.contains((int) id));
        assertEquals(List.of("PENDING", "ACTIVE"), statuses);
        long last = feed.jsonPath().getLong("lastSeq");
        given().header("Authorization", bearer("service")).queryParam("after", last)
                .get("/api/v1/feed/workers").then().statusCode(200).body("items", hasSize(0))
                .body("lastSeq", equalTo((int) last));
        given().header("Authorization", bearer("service")).get("/api/v1/feed/stations")
                .then().statusCode(200).body("items.code", hasItem(tree.community()))
                .body("items.find { it.code == '" + tree.community() + "' }.path",
                        equalTo("/" + tree.city() + "/" + tree.district() + "/" + tree.community() + "/"));
    }

    @Test
    void enterprisesNeedAValidCreditCodeOnceAndSettingsAreAdminOnly() {
        String code = Fixtures.creditCode();
        String bad = code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body("{\"name\":\"城东机械厂\",\"creditCode\":\"" + bad + "\",\"status\":\"CLOSED\"}")
                .post("/api/v1/enterprises").then().statusCode(400).body("violations[0].field", equalTo("creditCode"));
        int id = given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body("{\"name\":\"城东机械厂\",\"creditCode\":\"" + code + "\",\"status\":\"CLOSED\",\"keyEnterprise\":true}")
                .post("/api/v1/enterprises").then().statusCode(201)
                .body("status", equalTo("CLOSED")).body("keyEnterprise", equalTo(true))
                .extract().jsonPath().getInt("id");
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body("{\"name\":\"again\",\"creditCode\":\"" + code + "\",\"status\":\"OPERATING\"}")
                .post("/api/v1/enterprises").then().statusCode(409);
        given().header("Authorization", bearer("analyst")).queryParam("keyEnterprise", "maybe").get("/api/v1/enterprises")
                .then().statusCode(400).body("violations[0].field", equalTo("keyEnterprise"));
        given().header("Authorization", bearer("analyst")).queryParam("keyEnterprise", "true").queryParam("limit", 200)
                .get("/api/v1/enterprises").then().statusCode(200).body("items.id", hasItem(id));
        given().header("Authorization", bearer("analyst")).get("/api/v1/enterprises/" + id)
                .then().statusCode(200).body("creditCode", equalTo(code));
        given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body("{\"monthlyAmount\":\"1.00\"}").put("/api/v1/settings/minimum-living-standard/2001")
                .then().statusCode(403);
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body("{\"monthlyAmount\":\"-5\"}").put("/api/v1/settings/minimum-living-standard/2001")
                .then().statusCode(400).body("violations[0].field", equalTo("monthlyAmount"));
        given().header("Authorization", bearer("service")).get("/api/v1/settings/minimum-living-standard/2000")
                .then().statusCode(200).body("monthlyAmount", equalTo(Fixtures.MONTHLY_MINIMUM));
    }

    /** A file's sealed ID number and household as stored. */
    private byte[][] sealedValues(long fileId) throws Exception {
        try (Connection c = database.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id_number_enc, household_enc FROM hardship_file WHERE id = " + fileId)) {
            assertTrue(rs.next(), "file " + fileId);
            return new byte[][]{rs.getBytes(1), rs.getBytes(2)};
        }
    }

    /** Stores a file's values as {@code with} seals them: as before a rotation, or under a key never configured. */
    private void sealAgain(long fileId, SealedValues with) throws Exception {
        byte[][] stored = sealedValues(fileId);
        try (Connection c = database.getConnection();
             var update = c.prepareStatement("UPDATE hardship_file SET id_number_enc = ?, household_enc = ? WHERE id = ?")) {
            update.setBytes(1, with.seal(cipher.decryptBytes(stored[0], "hardship_file.id_number"), "hardship_file.id_number"));
            update.setBytes(2, with.seal(cipher.decryptBytes(stored[1], "hardship_file.household"), "hardship_file.household"));
            update.setLong(3, fileId);
            assertEquals(1, update.executeUpdate());
        }
    }

    /**
     * The columns of a table in which some row holds {@code plaintext}: a sealed (bytea) column as the bytes it
     * holds, an integer column as its value, a time not at all (its digits say nothing personal), any other
     * column as its text. Reading bytea as hex text instead would find a five-digit figure in random
     * ciphertext about once in a million hex digits, i.e. in some runs.
     */
    private List<String> columnsHolding(String table, String plaintext) throws Exception {
        byte[] needle = plaintext.getBytes(StandardCharsets.UTF_8);
        Set<String> found = new TreeSet<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData columns = rows.getMetaData();
            while (rows.next()) {
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    boolean holds = switch (columns.getColumnType(i)) {
                        case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> contains(rows.getBytes(i), needle);
                        case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> plaintext.equals(rows.getString(i));
                        case Types.DATE, Types.TIME, Types.TIMESTAMP, Types.TIME_WITH_TIMEZONE,
                             Types.TIMESTAMP_WITH_TIMEZONE -> false;
                        default -> rows.getString(i) != null && rows.getString(i).contains(plaintext);
                    };
                    if (holds) {
                        found.add(columns.getColumnName(i));
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return false;
        }
        outer:
        for (int from = 0; from + needle.length <= haystack.length; from++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[from + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
