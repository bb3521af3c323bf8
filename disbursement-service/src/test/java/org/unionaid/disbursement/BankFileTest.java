package org.unionaid.disbursement;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.eclipse.microprofile.health.Readiness;
import org.unionaid.disbursement.crypto.DetailsCipher;
import org.unionaid.disbursement.crypto.DetailsResealing;
import org.unionaid.disbursement.crypto.SealedColumns;
import org.unionaid.disbursement.support.LedgerAudit;
import org.unionaid.disbursement.support.Race;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.testsupport.PostgresResource;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.disbursement.support.Api.ADMIN;
import static org.unionaid.disbursement.support.Api.CLERK_A;
import static org.unionaid.disbursement.support.Api.FINANCE;
import static org.unionaid.disbursement.support.Api.REVIEWER;
import static org.unionaid.disbursement.support.Api.SERVICE;
import static org.unionaid.disbursement.support.Api.approve;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.bankFile;
import static org.unionaid.disbursement.support.Api.budget;
import static org.unionaid.disbursement.support.Api.budgetOf;
import static org.unionaid.disbursement.support.Api.exportBankFile;
import static org.unionaid.disbursement.support.Api.freshYear;
import static org.unionaid.disbursement.support.Api.pay;
import static org.unionaid.disbursement.support.Api.payCash;
import static org.unionaid.disbursement.support.Api.results;
import static org.unionaid.disbursement.support.Api.submit;

/** The payout lifecycle through bank files: export, download, the bank's result, reconciliation. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class BankFileTest {

    static final String HEADER = "reference,status,amount,message\n";
    private static final AtomicInteger NEXT = new AtomicInteger(1);
    private static final String DEFAULT_BANK = "中国工商银行福州分行";
    private static final String DEFAULT_NAME = "王小明";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Inject
    LedgerAudit ledger;

    @Inject
    EntityManager em;

    @Inject
    DetailsCipher cipher;

    @Inject
    @Readiness
    DetailsResealing resealing;

    @BeforeEach
    void registry() {
        Stub.stations();
    }

    @AfterEach
    void budgetsEqualTheLedger() {
        ledger.assertBudgetsEqualLedger();
    }

    /** An approved application of a household with a bank account on file, and its ISSUED bank transfer. */
    record Issued(long application, long worker, long payout, String reference, String account) {
    }

    static Issued issued(int year, String amount) {
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        String account = "62220210" + String.format("%08d", worker);
        Stub.bankAccount(worker, DEFAULT_BANK, account, DEFAULT_NAME);
        long application = submit("LIVING_RELIEF", worker, year, amount, "{}");
        approve(application, amount).statusCode(200);
        String reference = "BT-" + year + "-" + NEXT.getAndIncrement();
        long payout = pay(application, reference).statusCode(201).body("status", equalTo("ISSUED"))
                .body("paidAt", nullValue()).extract().jsonPath().getLong("id");
        return new Issued(application, worker, payout, reference, account);
    }

    static int year() {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("LIVING_RELIEF", year, "100000");
        return year;
    }

    static int feedEnd() {
        return as(SERVICE).get("/api/v1/feed/payouts?after=0&limit=1000").then().statusCode(200)
                .extract().jsonPath().getInt("lastSeq");
    }

    static JsonPath feedAfter(int seq) {
        return as(SERVICE).get("/api/v1/feed/payouts?after=" + seq).then().statusCode(200).extract().jsonPath();
    }

    private static void payoutIs(long payout, String status) {
        as(FINANCE).get("/api/v1/payouts/" + payout).then().statusCode(200).body("status", equalTo(status));
    }

    private static void applicationIs(long application, String status) {
        as(CLERK_A).get("/api/v1/applications/" + application).then().statusCode(200).body("status", equalTo(status));
    }

    private static byte[] download(long file, String encoding) {
        return as(FINANCE).get("/api/v1/bank-files/" + file + "/content" + (encoding == null ? "" : "?encoding=" + encoding))
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asByteArray();
    }

    @Test
    void aBankTransferStaysReservedUntilTheBankSaysPaidAndOnlyThenReachesTheFeed() {
        int year = year();
        int before = feedEnd();
        Issued p = issued(year, "4000.00");
        applicationIs(p.application(), "PAYING");
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("4000.00")).body("paid", equalTo("0.00"))
                .body("available", equalTo("96000.00"));
        ledger.assertBudgetsEqualLedger();
        // ISSUED cannot be paid again nor cancelled: the transfer is on its way.
        pay(p.application(), "BT-again").statusCode(409).body("type", equalTo("urn:union-aid:problem:payout-pending"));
        as(CLERK_A).body("{\"reason\": \"withdrawn\"}").post("/api/v1/applications/" + p.application() + "/cancellation")
                .then().statusCode(409);

        long file = bankFile("LIVING_RELIEF", p.payout());
        payoutIs(p.payout(), "SENT");
        as(FINANCE).get("/api/v1/payouts/" + p.payout()).then().body("bankFileId", equalTo((int) file));
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("4000.00")).body("paid", equalTo("0.00"));
        ledger.assertBudgetsEqualLedger();
        assertEquals(0, feedAfter(before).getList("items").size(), "nothing ISSUED or SENT is in the feed");

        results(file, HEADER + p.reference() + ",SUCCESS,4000.00,\n").statusCode(200)
                .body("applied", equalTo(1)).body("lines[0].result", equalTo("APPLIED"))
                .body("lines[0].payoutStatus", equalTo("PAID")).body("fileStatus", equalTo("COMPLETED"));
        payoutIs(p.payout(), "PAID");
        applicationIs(p.application(), "PAID");
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("0.00")).body("paid", equalTo("4000.00"))
                .body("available", equalTo("96000.00"));
        ledger.assertBudgetsEqualLedger();
        JsonPath feed = feedAfter(before);
        assertEquals(List.of("PAYOUT"), feed.getList("items.kind"));
        assertEquals((int) p.payout(), feed.getInt("items[0].payoutId"));
        assertEquals("4000.00", feed.getString("items[0].amount"));
        assertEquals(Stub.STATION_A, feed.getString("items[0].stationCode"));
    }

    @Test
    void cashIsPaidAtOnceWithItsReceiptAndCannotGoIntoABankFile() {
        int year = year();
        int before = feedEnd();
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        long application = submit("LIVING_RELIEF", worker, year, "300.00", "{}");
        approve(application, "300.00").statusCode(200);
        long payout = payCash(application, "RECEIPT-77").statusCode(201).body("status", equalTo("PAID"))
                .body("reference", equalTo("RECEIPT-77")).extract().jsonPath().getLong("id");
        as(FINANCE).body("{\"applicationId\": %d, \"channel\": \"CASH\", \"reference\": \" \"}".formatted(application))
                .post("/api/v1/payouts").then().statusCode(400);
        budgetOf("LIVING_RELIEF", year).body("paid", equalTo("300.00")).body("reserved", equalTo("0.00"));
        assertEquals(List.of("PAYOUT"), feedAfter(before).getList("items.kind"));
        exportBankFile("LIVING_RELIEF", payout).statusCode(422)
                .body("type", equalTo("urn:union-aid:problem:not-a-bank-transfer"))
                .body("detail", containsString(String.valueOf(payout)));
    }

    @Test
    void aFailedTransferReturnsTheApplicationWithItsReservationAndItIsPaidAgainWithANewPayout() {
        int year = year();
        int before = feedEnd();
        Issued p = issued(year, "2500.00");
        long file = bankFile("LIVING_RELIEF", p.payout());
        results(file, HEADER + p.reference() + ",FAILED,2500.00,账户已销户\n").statusCode(200)
                .body("lines[0].result", equalTo("APPLIED")).body("lines[0].payoutStatus", equalTo("FAILED"))
                .body("fileStatus", equalTo("COMPLETED"));
        payoutIs(p.payout(), "FAILED");
        as(FINANCE).get("/api/v1/payouts/" + p.payout()).then().body("failureMessage", equalTo("账户已销户"));
        applicationIs(p.application(), "APPROVED");
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("2500.00")).body("paid", equalTo("0.00"));
        ledger.assertBudgetsEqualLedger();
        assertEquals(0, feedAfter(before).getList("items").size(), "a FAILED payout never reaches the feed");

        // The account is fixed; a new payout, a new file, and this time the bank pays.
        Stub.bankAccount(p.worker(), DEFAULT_BANK, "6222021099990000", DEFAULT_NAME);
        long again = pay(p.application(), p.reference() + "-2").statusCode(201).body("status", equalTo("ISSUED"))
                .extract().jsonPath().getLong("id");
        assertNotEquals(p.payout(), again);
        long second = bankFile("LIVING_RELIEF", again);
        String content = new String(download(second, null), StandardCharsets.UTF_8);
        assertFalse(content.contains(p.account()), "the new file carries the corrected account");
        results(second, HEADER + p.reference() + "-2,SUCCESS,2500.00,\n").statusCode(200).body("applied", equalTo(1));
        applicationIs(p.application(), "PAID");
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("0.00")).body("paid", equalTo("2500.00"));
        assertEquals(List.of((int) again), feedAfter(before).getList("items.payoutId"));
        payoutIs(p.payout(), "FAILED");
    }

    @Test
    void aLaterBounceOfAPaidTransferIsAReversalThatTheFeedSubtracts() {
        int year = year();
        int before = feedEnd();
        Issued p = issued(year, "1800.00");
        long file = bankFile("LIVING_RELIEF", p.payout());
        String paid = HEADER + p.reference() + ",SUCCESS,1800.00,ok\n";
        results(file, paid).statusCode(200).body("applied", equalTo(1));
        // The bank cannot turn a paid line into a failed one by a result file: a bounce is a reversal.
        results(file, HEADER + p.reference() + ",FAILED,1800.00,bounced\n").statusCode(200)
                .body("lines[0].result", equalTo("MISMATCH")).body("lines[0].mismatch", equalTo("OTHER_OUTCOME"));
        as(FINANCE).body("{\"reason\": \"bounced by the bank\", \"reference\": \"BOUNCE-1\"}")
                .post("/api/v1/payouts/" + p.payout() + "/reversal").then().statusCode(200).body("status", equalTo("REVERSED"));
        budgetOf("LIVING_RELIEF", year).body("paid", equalTo("0.00")).body("reserved", equalTo("0.00"))
                .body("available", equalTo("100000.00"));
        JsonPath feed = feedAfter(before);
        assertEquals(List.of("PAYOUT", "REVERSAL"), feed.getList("items.kind"));
        assertEquals(List.of("1800.00", "1800.00"), feed.getList("items.amount"));
        results(file, paid).statusCode(200).body("alreadyApplied", equalTo(1));
        as(FINANCE).get("/api/v1/bank-files/" + file).then().statusCode(200)
                .body("paid.count", equalTo(1)).body("reversed.count", equalTo(1)).body("reversed.amount", equalTo("1800.00"));
    }

    @Test
    void theContentIsBuiltOnceSealedAndTheSameBytesOnEveryDownloadInUtf8OrGbk() throws Exception {
        int year = year();
        Issued a = issued(year, "1000.00");
        Issued b = issued(year, "2000.50");
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        Stub.bankAccount(worker, "建设银行, \"鼓楼\"支行", "6217000011112222333", "李四");
        long application = submit("LIVING_RELIEF", worker, year, "99.99", "{}");
        approve(application, "99.99").statusCode(200);
        long c = pay(application, "BT-quoted-" + year).statusCode(201).extract().jsonPath().getLong("id");

        JsonPath created = exportBankFile("LIVING_RELIEF", b.payout(), c, a.payout()).statusCode(201)
                .header("Location", containsString("/api/v1/bank-files/"))
                .body("status", equalTo("EXPORTED")).body("count", equalTo(3)).body("total", equalTo("3100.49"))
                .body("sent.count", equalTo(3)).body("outstanding.amount", equalTo("3100.49"))
                .extract().jsonPath();
        long file = created.getLong("id");
        String sha256 = created.getString("sha256");

        byte[] first = download(file, null);
        // The registry's account changes later: the exported file does not.
        Stub.bankAccount(a.worker(), "其他银行", "6222999999999999", DEFAULT_NAME);
        byte[] second = download(file, "UTF-8");
        assertArrayEquals(first, second);
        assertEquals(sha256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first)));
        as(FINANCE).get("/api/v1/bank-files/" + file).then().body("sha256", equalTo(sha256));

        String text = new String(first, StandardCharsets.UTF_8);
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
        assertEquals(List.of("reference", "account_name", "account_number", "bank_name", "amount"), records.get(0).toList());
        assertEquals(List.of(a.reference(), DEFAULT_NAME, a.account(), DEFAULT_BANK, "1000.00"), records.get(1).toList(),
                "lines in payout id order");
        assertEquals(List.of(b.reference(), DEFAULT_NAME, b.account(), DEFAULT_BANK, "2000.50"), records.get(2).toList());
        assertEquals(List.of("BT-quoted-" + year, "李四", "6217000011112222333", "建设银行, \"鼓楼\"支行", "99.99"),
                records.get(3).toList(), "commas and quotes survive the round trip");
        assertEquals(List.of("CONTROL_TOTAL", "3", "3100.49"), records.get(4).toList());
        assertEquals(5, records.size());

        byte[] gbk = download(file, "GBK");
        assertArrayEquals(gbk, download(file, "gbk"));
        assertEquals(text, new String(gbk, Charset.forName("GBK")), "GBK is the same text");
        assertNotEquals(first.length, gbk.length);
        as(FINANCE).get("/api/v1/bank-files/" + file + "/content?encoding=latin1").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("encoding"));
        as(REVIEWER).get("/api/v1/bank-files/" + file + "/content").then().statusCode(403);
        as(REVIEWER).get("/api/v1/bank-files/" + file).then().statusCode(200).body("count", equalTo(3));
        as(CLERK_A).get("/api/v1/bank-files/" + file).then().statusCode(403);

        // At rest: no account number, no name in the clear; every download is in the access log.
        QuarkusTransaction.requiringNew().run(() -> {
            byte[] stored = (byte[]) em.createNativeQuery("SELECT content FROM bank_file WHERE id = :id")
                    .setParameter("id", file).getSingleResult();
            String raw = new String(stored, StandardCharsets.ISO_8859_1);
            assertFalse(raw.contains(a.account()));
            assertFalse(new String(stored, StandardCharsets.UTF_8).contains(DEFAULT_NAME));
            Number downloads = (Number) em.createNativeQuery(
                    "SELECT count(*) FROM bank_file_download WHERE bank_file_id = :id AND downloaded_by = 'finance-zhao'")
                    .setParameter("id", file).getSingleResult();
            assertEquals(4, downloads.intValue(), "two UTF-8 and two GBK downloads");
        });
    }

    @Test
    void aCharacterGbkLacksIsRefusedNamingTheLineNeverReplaced() {
        int year = year();
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        Stub.bankAccount(worker, DEFAULT_BANK, "6222020000000001", "吉\uD842\uDFB7");
        long application = submit("LIVING_RELIEF", worker, year, "10.00", "{}");
        approve(application, "10.00").statusCode(200);
        long payout = pay(application, "BT-rare-" + year).statusCode(201).extract().jsonPath().getLong("id");
        long file = bankFile("LIVING_RELIEF", payout);
        as(FINANCE).get("/api/v1/bank-files/" + file + "/content?encoding=GBK").then().statusCode(422)
                .body("type", equalTo("urn:union-aid:problem:not-encodable")).body("detail", containsString("Line 2"));
        assertEquals(true, new String(download(file, null), StandardCharsets.UTF_8).contains("吉\uD842\uDFB7"));
    }

    @Test
    void eachResultLineIsAppliedAlreadyAppliedOrAMismatchAndTheSameFileTwiceChangesNothing() {
        int year = year();
        Issued ok = issued(year, "100.00");
        Issued bad = issued(year, "200.00");
        Issued wrongAmount = issued(year, "300.00");
        Issued unanswered = issued(year, "400.00");
        long file = bankFile("LIVING_RELIEF", ok.payout(), bad.payout(), wrongAmount.payout(), unanswered.payout());
        String result = HEADER
                + ok.reference() + ",SUCCESS,100.00,\r\n"
                + bad.reference() + ",FAILED,200.00,\"name, does not match\"\r\n"
                + wrongAmount.reference() + ",SUCCESS,301.00,\r\n"
                + "NO-SUCH-REFERENCE,SUCCESS,5.00,\r\n";
        results(file, result).statusCode(200)
                .body("applied", equalTo(2)).body("alreadyApplied", equalTo(0)).body("mismatched", equalTo(2))
                .body("lines.result", contains("APPLIED", "APPLIED", "MISMATCH", "MISMATCH"))
                .body("lines.line", contains(2, 3, 4, 5))
                .body("lines[2].mismatch", equalTo("OTHER_AMOUNT")).body("lines[3].mismatch", equalTo("UNKNOWN_REFERENCE"))
                .body("fileStatus", equalTo("EXPORTED"));
        payoutIs(wrongAmount.payout(), "SENT");
        budgetOf("LIVING_RELIEF", year).body("paid", equalTo("100.00")).body("reserved", equalTo("900.00"));
        int feed = feedEnd();

        results(file, result).statusCode(200)
                .body("applied", equalTo(0)).body("alreadyApplied", equalTo(2)).body("mismatched", equalTo(2));
        budgetOf("LIVING_RELIEF", year).body("paid", equalTo("100.00")).body("reserved", equalTo("900.00"));
        assertEquals(feed, feedEnd(), "the second time writes nothing to the feed");

        as(FINANCE).get("/api/v1/bank-files/" + file).then().statusCode(200).body("status", equalTo("EXPORTED"))
                .body("sent.count", equalTo(4)).body("sent.amount", equalTo("1000.00"))
                .body("paid.count", equalTo(1)).body("paid.amount", equalTo("100.00"))
                .body("failed.count", equalTo(1)).body("failed.amount", equalTo("200.00"))
                .body("outstanding.count", equalTo(2)).body("outstanding.amount", equalTo("700.00"));
        results(file, HEADER + wrongAmount.reference() + ",SUCCESS,300.00,\n"
                + unanswered.reference() + ",SUCCESS,400.00,\n").statusCode(200)
                .body("applied", equalTo(2)).body("fileStatus", equalTo("COMPLETED"));
        as(FINANCE).get("/api/v1/bank-files/" + file).then().body("completedAt", org.hamcrest.Matchers.notNullValue())
                .body("outstanding.count", equalTo(0));
        ledger.assertBudgetsEqualLedger();
    }

    @Test
    void aResultFileThatCannotBeReadWholeIsRefusedNamingTheLineAndNothingIsApplied() {
        int year = year();
        Issued a = issued(year, "100.00");
        Issued b = issued(year, "200.00");
        long file = bankFile("LIVING_RELIEF", a.payout(), b.payout());
        Issued other = issued(year, "50.00");
        bankFile("LIVING_RELIEF", other.payout());
        String good = a.reference() + ",SUCCESS,100.00,\n";

        refused(file, HEADER + good + b.reference() + ",SUCCESS,200.0", 400, "result-file-truncated", 3);
        refused(file, HEADER + good + b.reference() + ",SUCCESS,200.00,\"no end\n", 400, "result-file-truncated", 3);
        refused(file, HEADER + good + good, 400, "result-line-duplicate", 3);
        refused(file, HEADER + good + b.reference() + ",PAID,200.00,\n", 400, "result-line-malformed", 3);
        refused(file, HEADER + good + b.reference() + ",SUCCESS,2x0,\n", 400, "result-line-malformed", 3);
        refused(file, HEADER + good + b.reference() + ",SUCCESS\n", 400, "result-line-malformed", 3);
        refused(file, "ref,status,amount,message\n" + good, 400, "result-file-header", 1);
        refused(file, HEADER, 400, "result-file-empty", 2);
        refused(file, HEADER + good + other.reference() + ",SUCCESS,50.00,\n", 422, "result-line-other-file", 3);
        byte[] broken = (HEADER + good + b.reference() + ",FAILED,200.00,").getBytes(StandardCharsets.UTF_8);
        byte[] invalid = new byte[broken.length + 3];
        System.arraycopy(broken, 0, invalid, 0, broken.length);
        invalid[broken.length] = (byte) 0xC3;
        invalid[broken.length + 1] = (byte) 0x28;
        invalid[broken.length + 2] = '\n';
        given().header("Authorization", FINANCE).contentType("text/csv; charset=UTF-8").body(invalid)
                .post("/api/v1/bank-files/" + file + "/results").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:union-aid:problem:result-file-encoding"))
                .body("violations[0].field", equalTo("line 3"));
        given().header("Authorization", FINANCE).contentType("text/csv; charset=ISO-8859-1").body(good)
                .post("/api/v1/bank-files/" + file + "/results").then().statusCode(400);
        results(999_999_999L, HEADER + good).statusCode(404);

        payoutIs(a.payout(), "SENT");
        payoutIs(b.payout(), "SENT");
        payoutIs(other.payout(), "SENT");
        budgetOf("LIVING_RELIEF", year).body("paid", equalTo("0.00")).body("reserved", equalTo("350.00"));

        // GBK, named by the charset parameter, is read as such; a BOM and CRLF are fine.
        String gbk = "\uFEFF" + HEADER + a.reference() + ",FAILED,100.00,户名不符\r\n";
        given().header("Authorization", FINANCE).contentType("text/csv; charset=GBK")
                .body(gbk.substring(1).getBytes(Charset.forName("GBK")))
                .post("/api/v1/bank-files/" + file + "/results").then().statusCode(200).body("applied", equalTo(1));
        as(FINANCE).get("/api/v1/payouts/" + a.payout()).then().body("failureMessage", equalTo("户名不符"));
        results(file, gbk).statusCode(200).body("alreadyApplied", equalTo(1));
    }

    @Test
    void aResultFileAboveTheBodyLimitIsA413WhetherItsLengthIsDeclaredOrItComesChunkedAndNothingIsApplied() throws Exception {
        Issued a = issued(year(), "100.00");
        long file = bankFile("LIVING_RELIEF", a.payout());
        StringBuilder big = new StringBuilder(HEADER);
        while (big.length() <= 1_100_000) {
            big.append(a.reference()).append(",SUCCESS,100.00,").append("x".repeat(60)).append('\n');
        }
        byte[] bytes = big.toString().getBytes(StandardCharsets.UTF_8);
        given().header("Authorization", FINANCE).contentType("text/csv; charset=UTF-8").body(bytes)
                .post("/api/v1/bank-files/" + file + "/results").then().statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413));
        // No Content-Length: the body is read until the limit, then refused. Quarkus answers this one itself, with an
        // empty 413 (no problem body yet: common's RequestIds sees no length to check).
        java.net.HttpURLConnection http = (java.net.HttpURLConnection) java.net.URI.create(
                io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/v1/bank-files/" + file
                        + "/results").toURL().openConnection();
        http.setRequestMethod("POST");
        http.setDoOutput(true);
        http.setChunkedStreamingMode(64 * 1024);
        http.setRequestProperty("Authorization", FINANCE);
        http.setRequestProperty("Content-Type", "text/csv; charset=UTF-8");
        try (var out = http.getOutputStream()) {
            out.write(bytes);
        } catch (java.io.IOException closedEarly) {
            // the server may answer and close before the whole body is sent
        }
        assertEquals(413, http.getResponseCode());
        payoutIs(a.payout(), "SENT");
    }

    private static void refused(long file, String csv, int status, String code, int line) {
        results(file, csv).statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("urn:union-aid:problem:" + code))
                .body("violations[0].field", equalTo("line " + line))
                .body("detail", containsString(String.valueOf(line)))
                .body("status", equalTo(status));
    }

    @Test
    void anExportRefusesWhatIsNotAnIssuedBankTransferOfTheProjectOrHasNoAccountNamingThePayout() {
        int year = year();
        Issued a = issued(year, "100.00");
        long noAccountWorker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        long application = submit("LIVING_RELIEF", noAccountWorker, year, "10.00", "{}");
        approve(application, "10.00").statusCode(200);
        long noAccount = pay(application, "BT-none-" + year).statusCode(201).extract().jsonPath().getLong("id");

        exportBankFile("LIVING_RELIEF", a.payout(), noAccount).statusCode(422)
                .body("type", equalTo("urn:union-aid:problem:no-bank-account"))
                .body("detail", containsString(String.valueOf(noAccount)));
        exportBankFile("GOLDEN_AUTUMN", a.payout()).statusCode(422)
                .body("type", equalTo("urn:union-aid:problem:payout-wrong-project"));
        exportBankFile("LIVING_RELIEF", a.payout(), 999_999_999L).statusCode(422)
                .body("type", equalTo("urn:union-aid:problem:unknown-payout"));
        exportBankFile("LIVING_RELIEF", a.payout(), a.payout()).statusCode(400);
        exportBankFile("NO_SUCH_PROJECT", a.payout()).statusCode(422);
        as(REVIEWER).body("{\"projectCode\": \"LIVING_RELIEF\", \"payoutIds\": [%d]}".formatted(a.payout()))
                .post("/api/v1/bank-files").then().statusCode(403);
        payoutIs(a.payout(), "ISSUED");

        long file = bankFile("LIVING_RELIEF", a.payout());
        exportBankFile("LIVING_RELIEF", a.payout()).statusCode(409)
                .body("type", equalTo("urn:union-aid:problem:payout-not-issued"))
                .body("detail", containsString(a.payout() + " is SENT"));
        as(ADMIN).get("/api/v1/bank-files?project=LIVING_RELIEF&limit=200").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem((int) file));
    }

    @Test
    void anExportWithAnIdempotencyKeyRetriedIsReplayedNotExportedTwice() {
        int year = year();
        Issued a = issued(year, "100.00");
        String body = "{\"projectCode\": \"LIVING_RELIEF\", \"payoutIds\": [%d]}".formatted(a.payout());
        long file = as(FINANCE).header("Idempotency-Key", "export-" + a.payout()).body(body).post("/api/v1/bank-files")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        as(FINANCE).header("Idempotency-Key", "export-" + a.payout()).body(body).post("/api/v1/bank-files")
                .then().statusCode(201).header("Idempotency-Replayed", equalTo("true")).body("id", equalTo((int) file));
    }

    @Test
    void reconciliationCountsAYearsTransfersAndListsTheOutstandingOnes() {
        int year = year();
        Issued paid = issued(year, "100.00");
        Issued failed = issued(year, "200.00");
        Issued waiting = issued(year, "300.00");
        Issued notSent = issued(year, "400.00");
        long file = bankFile("LIVING_RELIEF", paid.payout(), failed.payout(), waiting.payout());
        results(file, HEADER + paid.reference() + ",SUCCESS,100.00,\n" + failed.reference() + ",FAILED,200.00,\n")
                .statusCode(200);
        as(REVIEWER).get("/api/v1/reconciliation?project=LIVING_RELIEF&year=" + year).then().statusCode(200)
                .body("issued.count", equalTo(1)).body("issued.amount", equalTo("400.00"))
                .body("sent.count", equalTo(3)).body("sent.amount", equalTo("600.00"))
                .body("paid.count", equalTo(1)).body("paid.amount", equalTo("100.00"))
                .body("failed.count", equalTo(1)).body("failed.amount", equalTo("200.00"))
                .body("outstanding.count", equalTo(1)).body("outstanding.amount", equalTo("300.00"));
        List<Integer> outstanding = io.restassured.path.json.JsonPath.from(as(FINANCE)
                .get("/api/v1/reconciliation/outstanding?olderThanDays=0&project=LIVING_RELIEF&limit=200")
                .then().statusCode(200).extract().asString()).getList("items.payoutId");
        assertEquals(true, outstanding.contains((int) waiting.payout()));
        assertFalse(outstanding.contains((int) paid.payout()));
        as(FINANCE).get("/api/v1/reconciliation/outstanding?olderThanDays=1&project=LIVING_RELIEF&limit=200").then()
                .statusCode(200).body("items.payoutId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem((int) waiting.payout())));
        as(FINANCE).get("/api/v1/reconciliation?year=abc").then().statusCode(400);
        as(FINANCE).get("/api/v1/reconciliation").then().statusCode(400);
        as(FINANCE).get("/api/v1/reconciliation/outstanding?olderThanDays=-1").then().statusCode(400);
    }

    @Test
    void twoExportsRacingForOnePayoutLetOneWin() throws Exception {
        int year = year();
        for (int round = 0; round < 3; round++) {
            Issued p = issued(year, "10.00");
            String body = "{\"projectCode\": \"LIVING_RELIEF\", \"payoutIds\": [%d]}".formatted(p.payout());
            List<Integer> statuses = Race.of(6, n -> post("/api/v1/bank-files", "application/json",
                    body.getBytes(StandardCharsets.UTF_8)).statusCode());
            assertEquals(Map.of(201, 1L, 409, 5L), statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())));
            QuarkusTransaction.requiringNew().run(() -> assertEquals(1, ((Number) em.createNativeQuery(
                    "SELECT count(*) FROM bank_file f JOIN payout p ON p.bank_file_id = f.id WHERE p.id = :p")
                    .setParameter("p", p.payout()).getSingleResult()).intValue()));
        }
    }

    @Test
    void twoImportsOfOneResultRacingApplyItOnce() throws Exception {
        int year = year();
        List<Issued> payouts = new ArrayList<>();
        StringBuilder result = new StringBuilder(HEADER);
        for (int i = 0; i < 5; i++) {
            Issued p = issued(year, "20.00");
            payouts.add(p);
            result.append(p.reference()).append(i == 4 ? ",FAILED,20.00,closed\n" : ",SUCCESS,20.00,\n");
        }
        long file = bankFile("LIVING_RELIEF", payouts.stream().mapToLong(Issued::payout).toArray());
        int before = feedEnd();
        byte[] body = result.toString().getBytes(StandardCharsets.UTF_8);
        List<String> answers = Race.of(6, n -> post("/api/v1/bank-files/" + file + "/results",
                "text/csv", body).body());
        long appliedOnce = answers.stream().filter(a -> a.contains("\"applied\":5")).count();
        long already = answers.stream().filter(a -> a.contains("\"alreadyApplied\":5")).count();
        assertEquals(1, appliedOnce, answers.toString());
        assertEquals(5, already, answers.toString());
        assertEquals(4, feedAfter(before).getList("items").size(), "one PAYOUT event per paid payout");
        budgetOf("LIVING_RELIEF", year).body("paid", equalTo("80.00")).body("reserved", equalTo("20.00"));
        QuarkusTransaction.requiringNew().run(() -> assertEquals(4, ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM ledger_entry e JOIN payout p ON p.id = e.payout_id"
                                + " WHERE p.bank_file_id = :f AND e.kind = 'PAY'")
                .setParameter("f", file).getSingleResult()).intValue()));
    }

    @Test
    void theDatabaseRefusesAStepOutsideTheLifecycle() {
        int year = year();
        Issued p = issued(year, "10.00");
        assertEquals("check_violation", sqlState(() -> em.createNativeQuery("UPDATE payout SET status = 'PAID', paid_at = now(),"
                + " paid_by = 'x' WHERE id = :id").setParameter("id", p.payout()).executeUpdate()));
        long file = bankFile("LIVING_RELIEF", p.payout());
        assertEquals("check_violation", sqlState(() -> em.createNativeQuery(
                "UPDATE payout SET status = 'ISSUED', bank_file_id = NULL, sent_at = NULL WHERE id = :id")
                .setParameter("id", p.payout()).executeUpdate()));
        assertEquals("check_violation", sqlState(() -> em.createNativeQuery(
                "UPDATE bank_file SET total = total + 1 WHERE id = :id").setParameter("id", file).executeUpdate()));
        assertEquals("check_violation", sqlState(() -> em.createNativeQuery(
                "DELETE FROM bank_file WHERE id = :id").setParameter("id", file).executeUpdate()));
        payoutIs(p.payout(), "SENT");
    }

    /** The %test profile's previous details key: the key before a rotation. */
    private static final String RETIRED_KEY = "YS1yZXRpcmVkLWtleS1vZi0zMi1ieXRlcy1sb25nISE=";

    private byte[] stored(long file, String column) {
        return QuarkusTransaction.requiringNew().call(() -> (byte[]) em.createNativeQuery(
                "SELECT " + column + " FROM bank_file WHERE id = :id").setParameter("id", file).getSingleResult());
    }

    /** content and sha256 written as the trigger lets a re-sealing transaction write them. */
    private String resealWrite(long file, byte[] content, byte[] sha256, String extra) {
        return sqlState(() -> {
            em.createNativeQuery("SET LOCAL union_aid.reseal = 'bank_file'").executeUpdate();
            em.createNativeQuery("UPDATE bank_file SET content = :c, sha256 = :h" + extra + " WHERE id = :id")
                    .setParameter("c", content).setParameter("h", sha256).setParameter("id", file).executeUpdate();
        });
    }

    @Test
    void afterAKeyRotationABankFileIsSealedAgainUnderTheCurrentKeyAndServesTheSameBytes() throws Exception {
        Issued a = issued(year(), "300.00");
        Issued b = issued(year(), "400.00");
        long file = bankFile("LIVING_RELIEF", a.payout(), b.payout());
        String sha256 = as(FINANCE).get("/api/v1/bank-files/" + file).then().extract().path("sha256");
        byte[] bytes = download(file, null);
        // As exported before the rotation: both values sealed under the previous key.
        DetailsCipher retired = DetailsCipher.of(Optional.of(RETIRED_KEY));
        byte[] oldContent = retired.seal(bytes, SealedColumns.BANK_FILE_CONTENT);
        byte[] oldDigest = retired.seal(sha256.getBytes(StandardCharsets.US_ASCII), SealedColumns.BANK_FILE_SHA256);
        assertEquals("none", resealWrite(file, oldContent, oldDigest, ""));
        assertArrayEquals(bytes, download(file, null), "the previous key still opens it");

        assertTrue(resealing.runNow() >= 2);
        byte[] content = stored(file, "content");
        byte[] digest = stored(file, "sha256");
        assertFalse(java.util.Arrays.equals(oldContent, content));
        assertArrayEquals(bytes, cipher.open(content, SealedColumns.BANK_FILE_CONTENT), "sealed again under the current key");
        assertEquals(sha256, new String(cipher.open(digest, SealedColumns.BANK_FILE_SHA256), StandardCharsets.US_ASCII));
        assertThrows(RuntimeException.class, () -> retired.open(content, SealedColumns.BANK_FILE_CONTENT));
        assertArrayEquals(bytes, download(file, null));
        as(FINANCE).get("/api/v1/bank-files/" + file).then().body("sha256", equalTo(sha256));
        assertEquals(0, resealing.runNow(), "a second run finds nothing to do");
        assertArrayEquals(content, stored(file, "content"));
    }

    @Test
    void theDatabaseLetsOnlyAReSealingTransactionRewriteABankFileAndOnlyToValuesOfTheSameLength() {
        Issued a = issued(year(), "500.00");
        long file = bankFile("LIVING_RELIEF", a.payout());
        byte[] bytes = download(file, null);
        byte[] digest = stored(file, "sha256");
        byte[] again = cipher.seal(bytes, SealedColumns.BANK_FILE_CONTENT);
        // Outside a re-sealing transaction even the same bytes sealed again are refused.
        assertEquals("check_violation", sqlState(() -> em.createNativeQuery("UPDATE bank_file SET content = :c WHERE id = :id")
                .setParameter("c", again).setParameter("id", file).executeUpdate()));
        // Other bytes (one line more) are another length: refused even while re-sealing.
        byte[] longer = cipher.seal((new String(bytes, StandardCharsets.UTF_8) + "X,Y,1,Z,1.00\n").getBytes(StandardCharsets.UTF_8),
                SealedColumns.BANK_FILE_CONTENT);
        assertEquals("check_violation", resealWrite(file, longer, digest, ""));
        // Nothing else of the row may change with a re-seal.
        assertEquals("check_violation", resealWrite(file, again, digest, ", status = 'COMPLETED', completed_at = now()"));
        assertEquals("check_violation", resealWrite(file, again, digest, ", exported_by = 'someone'"));
        // Bytes of the same length that are not what the digest says are never served.
        byte[] forged = bytes.clone();
        forged[forged.length - 3] = (byte) (forged[forged.length - 3] == '1' ? '2' : '1');
        assertEquals("none", resealWrite(file, cipher.seal(forged, SealedColumns.BANK_FILE_CONTENT), digest, ""));
        as(FINANCE).get("/api/v1/bank-files/" + file + "/content").then().statusCode(500);
        assertEquals("none", resealWrite(file, again, digest, ""));
        assertArrayEquals(bytes, download(file, null));
    }

    static String sqlState(Runnable statement) {
        try {
            QuarkusTransaction.requiringNew().run(statement);
            return "none";
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLException s && s.getSQLState() != null) {
                    return "23514".equals(s.getSQLState()) ? "check_violation" : s.getSQLState();
                }
            }
            throw e;
        }
    }

    private HttpResponse<String> post(String path, String type, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", FINANCE).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
